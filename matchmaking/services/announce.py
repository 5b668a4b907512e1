"""Tell every participant with meetings that the schedule is out."""

import logging

from django.db import transaction
from django.db.models import Count, F, Min
from django.urls import reverse
from django.utils import timezone

from matchmaking.models import Meeting, SchedulingRun, Seat
from portal.core.models import Notification, User
from portal.core.notifications import Item, notify_many

logger = logging.getLogger(__name__)


def schedule_announce_later(*, run_id: int) -> None:
    """After the run's commit, queue the announcement; a broker outage never fails the run."""
    from matchmaking.tasks import announce_schedule

    def enqueue() -> None:
        try:
            announce_schedule.apply_async(kwargs={"run_id": run_id}, retry=False)
        except Exception:  # kombu raises several types when the broker is down
            logger.warning("Broker unreachable; schedule of run %s not announced", run_id)

    transaction.on_commit(enqueue)


@transaction.atomic
def schedule_announce(*, run_id: int) -> int:
    """One `schedule_published` notification per participant with meetings (safe twice).

    Created in a task of its own, not in the run's transaction: at 15,000 participants the
    notifications would otherwise double the time the schedule's write holds its lock.
    """
    # Locked, so that the task and the sweep announcing the same run take turns.
    run = (
        SchedulingRun.objects.select_for_update(of=("self",))
        .select_related("edition")
        .filter(pk=run_id, status=SchedulingRun.Status.DONE, announced_at__isnull=True)
        .first()
    )
    if run is None:
        return 0
    edition = run.edition
    rows = list(
        Seat.objects.filter(meeting__edition=edition, meeting__status=Meeting.Status.SCHEDULED)
        .values(person=F("participant__registration__person"))
        .annotate(meetings=Count("pk"), first=Min("slot__starts_at"))
        .order_by("person")
    )
    people = User.objects.in_bulk([row["person"] for row in rows])
    link = reverse("matchmaking:agenda", kwargs={"year": edition.year})
    notify_many(
        kind=Notification.Kind.SCHEDULE_PUBLISHED,
        items=[
            Item(
                recipient=people[row["person"]],
                context={
                    "edition": edition,
                    "zone": edition.time_zone,
                    "meetings": row["meetings"],
                    "first_meeting_at": row["first"],
                },
                link=link,
                key=f"schedule-published:{run_id}:{row['person']}",
            )
            for row in rows
        ],
    )
    SchedulingRun.objects.filter(pk=run_id).update(announced_at=timezone.now())
    return len(rows)
