"""Sending: claim rows, e-mail them over one SMTP connection, record the outcome.

A row goes pending → sending (claimed, attempts + 1) → sent, or back to pending with a
backoff, or to failed after NOTIFICATION_MAX_ATTEMPTS. The claim is a state change made under
a row lock (`select_for_update(skip_locked=True)`), so two tasks or two sweeps never hold the
same row: a task delivered twice, or run at the same time as the sweep, sends one e-mail.
The SMTP conversation happens outside any transaction (no row stays locked while a mail
server is slow); if the worker dies in it, the claim expires after
NOTIFICATION_CLAIM_TIMEOUT and the sweep sends the row again.

The one gap left is a worker dying after the server accepted the message and before the row
was marked sent: then the message goes twice, with the same Message-ID, which mail clients
and servers use to recognise the duplicate. No SMTP sender can close that gap.
"""

import datetime as dt
import logging
import smtplib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.models import Notification

logger = logging.getLogger(__name__)

BATCH_SIZE = 50


def claim_timeout() -> dt.timedelta:
    # Must exceed the longest time a live worker spends on a batch (BATCH_SIZE × EMAIL_TIMEOUT).
    return dt.timedelta(seconds=getattr(settings, "NOTIFICATION_CLAIM_TIMEOUT", 900))


def max_attempts() -> int:
    return getattr(settings, "NOTIFICATION_MAX_ATTEMPTS", 6)


def backoff(attempts: int) -> dt.timedelta:
    """30 s, 1 min, 2 min, 4 min… capped at one hour."""
    return dt.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def message_id(notification_id: int) -> str:
    """The same Message-ID whenever this notification is sent, so duplicates can be spotted."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "ponte.localhost"
    return f"<notification-{notification_id}@{domain}>"


@contextmanager
def _bookkeeping() -> Iterator[None]:
    """A transaction for the claim and outcome rows, committed without waiting for the disk.

    Waiting for the WAL flush costs a few milliseconds per message, most of the time of a
    batch. Not waiting only matters if PostgreSQL itself crashes: the last fraction of a second
    of claims and "sent" marks is lost, and those messages go again with their same
    Message-ID. A worker dying loses nothing: its commits are already in PostgreSQL.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


def _claimable(now: dt.datetime) -> Q:
    due = Q(state=Notification.State.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    abandoned = Q(state=Notification.State.SENDING, claimed_at__lt=now - claim_timeout())
    return due | abandoned


def notifications_claim(
    *, ids: list[int] | None = None, limit: int = BATCH_SIZE
) -> list[Notification]:
    """Take up to `limit` due notifications for this worker; rows others hold are skipped.

    Side effects: the rows become `sending` with `claimed_at` now and one more attempt.
    """
    now = timezone.now()
    with _bookkeeping():
        rows = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(_claimable(now))
            .order_by("created_at", "pk")
        )
        if ids is not None:
            rows = rows.filter(pk__in=ids)
        claimed = list(rows[:limit])
        if not claimed:
            return []
        Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(
            state=Notification.State.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    for notification in claimed:
        notification.state = Notification.State.SENDING
        notification.claimed_at = now
        notification.attempts += 1
    return claimed


def build_message(notification: Notification) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        to=[notification.recipient.email],
        headers={
            "Message-ID": message_id(notification.pk),
            "X-Ponte-Notification": str(notification.pk),
        },
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    if notification.ics:
        message.attach("meeting.ics", notification.ics, "text/calendar; method=PUBLISH")
    return message


def notifications_deliver(
    notifications: list[Notification], *, connection: BaseEmailBackend
) -> int:
    """E-mail claimed notifications over one connection; returns how many went.

    Side effects: each row becomes sent, or pending again with a backoff, or failed.
    An SMTP error closes the connection; the next message opens a fresh one.
    """
    sent = 0
    for notification in notifications:
        try:
            # Opened once and kept (a backend opened by send_messages closes after each call);
            # reopened after an error closed it.
            connection.open()
            connection.send_messages([build_message(notification)])
        except (smtplib.SMTPException, OSError) as error:
            # OSError covers refused connections and timeouts; the session may be broken.
            connection.close()
            _record_failure(notification, error)
            continue
        with _bookkeeping():
            Notification.objects.filter(
                pk=notification.pk, state=Notification.State.SENDING
            ).update(
                state=Notification.State.SENT,
                sent_at=timezone.now(),
                claimed_at=None,
                next_attempt_at=None,
                last_error="",
            )
        sent += 1
    return sent


def _record_failure(notification: Notification, error: Exception) -> None:
    logger.warning("Notification %s not sent: %r", notification.pk, error)
    if notification.attempts >= max_attempts():
        update = {"state": Notification.State.FAILED, "next_attempt_at": None}
    else:
        update = {
            "state": Notification.State.PENDING,
            "next_attempt_at": timezone.now() + backoff(notification.attempts),
        }
    Notification.objects.filter(pk=notification.pk, state=Notification.State.SENDING).update(
        claimed_at=None, last_error=f"{type(error).__name__}: {error}"[:2000], **update
    )


def notification_send(*, notification_id: int) -> bool:
    """E-mail one notification if it is due; returns False when there was nothing to send.

    Safe to run twice or concurrently: only the worker that claims the row sends it.
    """
    claimed = notifications_claim(ids=[notification_id], limit=1)
    if not claimed:
        return False
    return notifications_deliver(claimed, connection=get_connection()) == 1


def notifications_send(*, ids: list[int]) -> int:
    """E-mail the given notifications that are due, over one connection; returns how many went.

    Safe to run twice or concurrently, like `notification_send`.
    """
    claimed = notifications_claim(ids=ids, limit=len(ids))
    if not claimed:
        return 0
    connection = get_connection()
    try:
        return notifications_deliver(claimed, connection=connection)
    finally:
        connection.close()


def notifications_send_due(*, time_budget: float = 50.0) -> int:
    """Send every due notification in batches over one SMTP connection; returns how many went.

    Stops after `time_budget` seconds so that one sweep does not overlap the next for long
    (overlapping is safe, only wasteful). Side effects: as `notifications_deliver`.
    """
    deadline = time.monotonic() + time_budget
    sent = 0
    connection = get_connection()
    try:
        while time.monotonic() < deadline:
            batch = notifications_claim(limit=BATCH_SIZE)
            if not batch:
                break
            sent += notifications_deliver(batch, connection=connection)
    finally:
        connection.close()
    return sent


RETRYABLE = (Notification.State.FAILED, Notification.State.PENDING)


def notification_retry(*, notification_id: int) -> Notification:
    """Staff: send a failed (or waiting) notification again now, with a fresh set of attempts.

    Side effects: the row becomes pending with no backoff; a Celery task after commit.
    Raises ValidationError when the notification is sent, being sent or not for e-mail.
    """
    from portal.core.notifications.creating import enqueue

    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification_id)
        if notification.state not in RETRYABLE:
            raise ValidationError(
                _("Only failed or pending notifications can be sent again."), code="state"
            )
        notification.state = Notification.State.PENDING
        notification.attempts = 0
        notification.next_attempt_at = None
        notification.claimed_at = None
        notification.save(update_fields=["state", "attempts", "next_attempt_at", "claimed_at"])
        transaction.on_commit(lambda: enqueue(notification.pk))
    return notification
