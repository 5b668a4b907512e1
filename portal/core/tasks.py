"""Celery entry points of the core: thin wrappers around services.

Each task has a fixed name (its module's path before the core moved to portal.core), so
that queued messages and the beat schedule keep working whatever the module is called.
"""

from celery import shared_task
from django.utils import timezone

from portal.core import notifications
from portal.core.models import Notification
from portal.core.notifications import digest
from portal.core.services import export, retention


@shared_task(name="portal.tasks.send_notification", bind=True, acks_late=True, max_retries=None)
def send_notification(self, notification_id: int) -> None:
    """Send one notification; on an SMTP error retry after the row's backoff."""
    if notifications.notification_send(notification_id=notification_id):
        return
    retry_at = (
        Notification.objects.filter(
            pk=notification_id, state=Notification.State.PENDING, next_attempt_at__isnull=False
        )
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    # In-process (eager) runs leave the retry to the sweep instead of looping on the spot.
    if retry_at is not None and not self.request.is_eager:
        countdown = max(1, int((retry_at - timezone.now()).total_seconds()) + 1)
        raise self.retry(countdown=countdown)


@shared_task(name="portal.tasks.send_notifications", bind=True, acks_late=True, max_retries=None)
def send_notifications(self, ids: list[int]) -> None:
    """Send a batch queued by one transaction; retry the ones an SMTP error put off."""
    notifications.notifications_send(ids=ids)
    retry = dict(
        Notification.objects.filter(
            pk__in=ids, state=Notification.State.PENDING, next_attempt_at__isnull=False
        ).values_list("pk", "next_attempt_at")
    )
    if retry and not self.request.is_eager:
        countdown = max(1, int((min(retry.values()) - timezone.now()).total_seconds()) + 1)
        raise self.retry(kwargs={"ids": sorted(retry)}, countdown=countdown)


@shared_task(name="portal.tasks.send_pending_notifications")
def send_pending_notifications() -> int:
    """Beat task: send what stayed pending (broker was down, a worker died, a retry is due)."""
    return notifications.notifications_send_due()


@shared_task(name="portal.tasks.send_daily_digests")
def send_daily_digests() -> int:
    """Beat task, once a day: one e-mail per person with the notifications they chose to batch."""
    return digest.digests_create()


@shared_task(name="portal.tasks.build_personal_data_archive")
def build_personal_data_archive(request_id: int) -> None:
    """Build a person's archive; a request already built or gone is left alone."""
    export.export_build(request_id=request_id)


@shared_task(name="portal.tasks.apply_retention")
def apply_retention() -> None:
    """Beat task: delete or expire what Ponte no longer keeps (portal.core.services.retention)."""
    retention.retention_run()
