"""Creating notifications: rendered in the recipient's language, queued after commit."""

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import translation

from portal.core.links import link_in_language
from portal.core.models import Notification, NotificationPreference, User
from portal.core.notifications import unread
from portal.core.notifications.zones import zones_for

logger = logging.getLogger(__name__)

# Notifications created in one transaction are queued together after commit, in tasks of
# QUEUE_CHUNK ids: a schedule published for 15,000 people makes 300 tasks, not 15,000, and
# each task sends its chunk over one SMTP connection.
QUEUE_CHUNK = 50
_buffer = threading.local()

# After the broker failed once, skip it for this long: a request that notifies 500 people
# must not wait 500 connection timeouts. The periodic sweep sends what was skipped.
BROKER_PAUSE_SECONDS = 30.0
_broker_paused_until = 0.0

STATE_FOR_DELIVERY = {
    NotificationPreference.Delivery.EMAIL: Notification.State.PENDING,
    NotificationPreference.Delivery.DIGEST: Notification.State.DIGEST,
    NotificationPreference.Delivery.INBOX: Notification.State.NOT_EMAILED,
}


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
    When `context` has `zone` (the event's IANA time zone), templates also get `zones`: that
    zone, plus the recipient's home zone when they live in the other country (see `zones`).
    Whether it is e-mailed at once, in the daily digest or not at all follows the
    recipient's preference for the kind. Side effects: one row; a Celery task after commit.
    """
    if key is not None:
        existing = Notification.objects.filter(key=key).first()
        if existing is not None:
            return existing
    state = STATE_FOR_DELIVERY[delivery_for(recipient=recipient, kind=kind)]
    notification = _render(
        recipient=recipient, kind=kind, context=context, link=link, ics=ics, key=key, state=state
    )
    try:
        # A savepoint, so that losing a race on `key` leaves the caller's transaction usable.
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        if key is None:
            raise
        return Notification.objects.get(key=key)
    if state == Notification.State.PENDING:
        _queue_after_commit(notification.pk)
    return notification


@dataclass(frozen=True)
class Item:
    """One recipient of `notify_many`: what `notify` takes besides the kind."""

    recipient: User
    context: dict[str, Any]
    key: str
    link: str = ""
    ics: str = ""


NOTIFY_MANY_BATCH = 500


def notify_many(*, kind: str, items: list[Item]) -> int:
    """`notify` for many recipients of one kind, e.g. a schedule published to 15,000 people.

    The same rows as `notify` would store, but the existing keys and the recipients'
    preferences are read once per batch and the rows inserted together, instead of five
    queries per notification. Every item needs a key: it is what makes a second call (or a
    concurrent one) add nothing. Returns how many keys were new when it looked.
    """
    created = 0
    for start in range(0, len(items), NOTIFY_MANY_BATCH):
        batch = items[start : start + NOTIFY_MANY_BATCH]
        keys = [item.key for item in batch]
        existing = set(Notification.objects.filter(key__in=keys).values_list("key", flat=True))
        fresh = [item for item in batch if item.key not in existing]
        if not fresh:
            continue
        # As `delivery_for`: no row means e-mail at once, and digests always go by e-mail.
        deliveries = (
            {}
            if kind == Notification.Kind.DIGEST
            else dict(
                NotificationPreference.objects.filter(
                    kind=kind, user__in=[item.recipient.pk for item in fresh]
                ).values_list("user_id", "delivery")
            )
        )
        rows = [
            _render(
                recipient=item.recipient,
                kind=kind,
                context=item.context,
                link=item.link,
                ics=item.ics,
                key=item.key,
                state=STATE_FOR_DELIVERY[
                    deliveries.get(item.recipient.pk, NotificationPreference.Delivery.EMAIL)
                ],
            )
            for item in fresh
        ]
        # A concurrent caller may have stored some keys meanwhile: theirs stay, ours are
        # dropped, and queueing one of theirs twice is harmless (a row is sent once).
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        unread.forget(row.recipient_id for row in rows)
        for pk in Notification.objects.filter(
            key__in=[row.key for row in rows], state=Notification.State.PENDING
        ).values_list("pk", flat=True):
            _queue_after_commit(pk)
        created += len(rows)
    return created


def _render(
    *,
    recipient: User,
    kind: str,
    context: dict[str, Any],
    link: str,
    ics: str,
    key: str | None,
    state: str,
) -> Notification:
    """An unsaved notification, its texts rendered in the recipient's language."""
    language = recipient.language or settings.LANGUAGE_CODE
    # Reversed in the language of whoever acted; the recipient reads it in their own.
    link = link_in_language(link, language)
    # Stored as a path (the inbox links within the site); e-mails need it absolute.
    full_context = {"recipient": recipient, "link": absolute_link(link), **context}
    if context.get("zone") and "zones" not in context:
        full_context["zones"] = zones_for(recipient=recipient, zone=context["zone"])
    with translation.override(language):
        subject = render_to_string(f"notifications/{kind}/subject.txt", full_context)
        subject = " ".join(subject.split())[:250]
        full_context["subject"] = subject
        body_text = render_to_string(f"notifications/{kind}/body.txt", full_context)
        body_html = render_to_string(f"notifications/{kind}/body.html", full_context)
    return Notification(
        recipient=recipient,
        kind=kind,
        key=key,
        language=language,
        subject=subject,
        body_text=body_text.strip(),
        body_html=body_html.strip(),
        link=link,
        ics=ics,
        state=state,
    )


def _queue_after_commit(notification_id: int) -> None:
    """Add the id to this transaction's batch, queued by one on-commit hook."""
    registered = connection.in_atomic_block and any(
        hook is _flush for _, hook, _ in connection.run_on_commit
    )
    if not registered:
        # A rolled-back transaction or savepoint dropped the hook (and its rows): start over.
        _buffer.ids = []
    _buffer.ids.append(notification_id)
    if not registered:
        transaction.on_commit(_flush)


def _flush() -> None:
    ids, _buffer.ids = _buffer.ids, []
    for start in range(0, len(ids), QUEUE_CHUNK):
        enqueue_many(ids[start : start + QUEUE_CHUNK])


def delivery_for(*, recipient: User, kind: str) -> str:
    """The recipient's choice for this kind; digests themselves always go by e-mail."""
    if kind == Notification.Kind.DIGEST:
        return NotificationPreference.Delivery.EMAIL
    delivery = (
        NotificationPreference.objects.filter(user=recipient, kind=kind)
        .values_list("delivery", flat=True)
        .first()
    )
    return delivery or NotificationPreference.Delivery.EMAIL


def absolute_link(link: str) -> str:
    """E-mails need absolute links; callers may pass a path such as `reverse(...)`."""
    if link.startswith("/"):
        return settings.NOTIFICATION_BASE_URL.rstrip("/") + link
    return link


def enqueue(notification_id: int) -> bool:
    """Hand one notification to Celery (see `enqueue_many`)."""
    return enqueue_many([notification_id])


def enqueue_many(notification_ids: list[int]) -> bool:
    """Hand notifications to Celery; never fail or hold up the request if the broker is down.

    Returns False when they were not queued: the rows stay pending and the sweep sends them.
    """
    global _broker_paused_until
    from portal.celery import app
    from portal.core.tasks import send_notifications

    if time.monotonic() < _broker_paused_until:
        return False
    try:
        send_notifications.apply_async(kwargs={"ids": notification_ids}, retry=False)
    except Exception:  # kombu and redis-py raise several unrelated types for "cannot connect"
        logger.warning("Broker unreachable; notifications %s stay pending", notification_ids)
        if not app.conf.task_always_eager:
            _broker_paused_until = time.monotonic() + BROKER_PAUSE_SECONDS
        return False
    return True


def broker_pause_reset() -> None:
    """Forget an earlier broker failure (tests, and a worker that knows the broker is back)."""
    global _broker_paused_until
    _broker_paused_until = 0.0
