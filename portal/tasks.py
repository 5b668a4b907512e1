"""Celery entry points of the core: thin wrappers around services."""

from celery import shared_task

from portal import notifications
from portal.models import Notification


@shared_task(acks_late=True)
def send_notification(notification_id: int) -> None:
    notifications.notification_send(notification_id=notification_id)


@shared_task
def send_pending_notifications() -> int:
    """Beat task: send what stayed pending (broker was down, a worker died)."""
    ids = list(
        Notification.objects.filter(state=Notification.State.PENDING)
        .order_by("created_at")
        .values_list("pk", flat=True)[:1000]
    )
    for notification_id in ids:
        notifications.notification_send(notification_id=notification_id)
    return len(ids)
