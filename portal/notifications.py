"""The one notification service every app calls after a state change.

`notify()` stores the notification in the caller's transaction and, once that transaction
commits, hands it to Celery. If the broker is down the row stays pending and the periodic
`send_pending_notifications` task picks it up later, so nothing is lost.
"""

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.models import Notification, User

logger = logging.getLogger(__name__)


def notify(
    *,
    recipient: User,
    kind: str,
    context: dict[str, Any],
    link: str = "",
    ics: str = "",
    key: str | None = None,
) -> Notification:
    """Store a notification rendered in the recipient's language; e-mail it after commit.

    Templates: `notifications/<kind>/subject.txt`, `body.txt` and `body.html`. With `key`,
    a second call with the same key returns the first notification instead of a new one.
    """
    if key is not None:
        existing = Notification.objects.filter(key=key).first()
        if existing is not None:
            return existing
    language = recipient.language or settings.LANGUAGE_CODE
    full_context = {"recipient": recipient, "link": link, **context}
    with translation.override(language):
        subject = render_to_string(f"notifications/{kind}/subject.txt", full_context)
        body_text = render_to_string(f"notifications/{kind}/body.txt", full_context)
        body_html = render_to_string(f"notifications/{kind}/body.html", full_context)
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        key=key,
        language=language,
        subject=" ".join(subject.split())[:250],
        body_text=body_text.strip(),
        body_html=body_html.strip(),
        link=link,
        ics=ics,
    )
    transaction.on_commit(lambda: enqueue(notification.pk))
    return notification


def enqueue(notification_id: int) -> None:
    """Hand a notification to Celery; never fail the request if the broker is unreachable."""
    from portal.tasks import send_notification

    try:
        send_notification.apply_async(kwargs={"notification_id": notification_id}, retry=False)
    except Exception:  # kombu raises several types when the broker is down
        logger.warning("Broker unreachable; notification %s stays pending", notification_id)


def notification_send(*, notification_id: int) -> bool:
    """E-mail one pending notification; returns False when there was nothing to send.

    The row is locked and marked sent in the same transaction, so a task delivered twice
    sends one e-mail.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, state=Notification.State.PENDING)
            .first()
        )
        if notification is None:
            return False
        message = EmailMultiAlternatives(
            subject=notification.subject,
            body=notification.body_text,
            to=[notification.recipient.email],
            headers={"X-Ponte-Notification": str(notification.pk)},
        )
        if notification.body_html:
            message.attach_alternative(notification.body_html, "text/html")
        if notification.ics:
            message.attach("meeting.ics", notification.ics, "text/calendar")
        notification.attempts += 1
        message.send()
        notification.state = Notification.State.SENT
        notification.sent_at = timezone.now()
        notification.save(update_fields=["state", "sent_at", "attempts"])
    return True
