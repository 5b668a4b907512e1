"""The site's inbox: read marks and each person's delivery preferences."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from portal.core.models import Notification, NotificationPreference, User
from portal.core.notifications import unread

# Kinds a person may choose for; the digest itself is not a choice.
CHOOSABLE_KINDS = [kind for kind in Notification.Kind if kind != Notification.Kind.DIGEST]


def notifications_for(user: User) -> QuerySet[Notification]:
    """The notifications a person may see: their own. Everything else is a 404."""
    return Notification.objects.in_inbox().filter(recipient=user)


def notification_mark_read(*, user: User, notification: Notification) -> Notification:
    """Mark one of the user's notifications read (again marking keeps the first time)."""
    if notification.recipient_id != user.pk:
        raise PermissionError("not the recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
        unread.forget([user.pk])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of the user read; returns how many changed."""
    changed = notifications_for(user).filter(read_at__isnull=True).update(read_at=timezone.now())
    unread.forget([user.pk])
    return changed


def preferences_for(user: User) -> dict[str, str]:
    """Delivery per kind for the user, e-mail where they chose nothing."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {
        kind.value: chosen.get(kind.value, NotificationPreference.Delivery.EMAIL)
        for kind in CHOOSABLE_KINDS
    }


def notification_preferences_set(*, user: User, deliveries: dict[str, str]) -> None:
    """Store the user's delivery choice for each kind given; later notifications follow it.

    Side effects: NotificationPreference rows created or updated (none deleted).
    """
    with transaction.atomic():
        for kind, delivery in deliveries.items():
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": delivery}
            )
