"""The daily digest: one e-mail gathering what a person chose not to receive one by one."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from portal.core.models import Notification, User
from portal.core.notifications.creating import notify


def digests_create(*, now: dt.datetime | None = None) -> int:
    """Create today's digest for everyone with notifications waiting; returns how many.

    Idempotent: a second run the same day finds nothing waiting, or finds today's key taken
    (what arrived after today's digest waits for tomorrow's). Side effects: as `digest_create`.
    """
    day = (now or timezone.now()).date()
    recipient_ids = (
        Notification.objects.filter(state=Notification.State.DIGEST)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )
    return sum(
        digest_create(recipient_id=recipient_id, day=day) is not None
        for recipient_id in list(recipient_ids)
    )


def digest_create(*, recipient_id: int, day: dt.date) -> Notification | None:
    """One digest notification listing the person's waiting notifications, in their language.

    Side effects: a `digest` notification (e-mailed after commit like any other); the items
    it lists become `digested` and point to it.
    """
    key = f"digest:{recipient_id}:{day.isoformat()}"
    with transaction.atomic():
        # Locked, so that two runs at once cannot put the same item in two digests.
        items = list(
            Notification.objects.select_for_update()
            .filter(recipient_id=recipient_id, state=Notification.State.DIGEST)
            .order_by("created_at", "pk")
        )
        if not items or Notification.objects.filter(key=key).exists():
            return None
        recipient = User.objects.get(pk=recipient_id)
        digest = notify(
            recipient=recipient,
            kind=Notification.Kind.DIGEST,
            context={"items": items, "day": day},
            link=inbox_path(recipient),
            key=key,
        )
        Notification.objects.filter(pk__in=[item.pk for item in items]).update(
            state=Notification.State.DIGESTED, digest=digest
        )
    return digest


def inbox_path(recipient: User) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override(recipient.language or "en"):
        return reverse("notifications:inbox")
