"""After a run: the first tells everyone with meetings that the schedule is out; later runs
tell each person whose agenda changed what changed, and nobody else."""

import logging

from django.db import transaction
from django.db.models import Count, F, Min
from django.urls import reverse
from django.utils import timezone

from matchmaking.models import Meeting, MeetingRequest, SchedulingRun, Seat, Slot, Table
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
    if run.mode != SchedulingRun.Mode.PLAN:
        told = _announce_changes(run)
        SchedulingRun.objects.filter(pk=run_id).update(announced_at=timezone.now())
        return told
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


# The kinds of line of a "your agenda changed" message.
MOVED, TABLE, NEW, DROPPED = "moved", "table", "new", "dropped"


def _kind(old_slot: int | None, new_slot: int | None) -> str:
    if old_slot is None:
        return NEW
    if new_slot is None:
        return DROPPED
    return TABLE if old_slot == new_slot else MOVED


def _announce_changes(run: SchedulingRun) -> int:
    """One `schedule_changed` message per person the run's changes concern, listing them all."""
    changes = run.changes or []
    if not changes:
        return 0
    requests = {
        r.pk: r
        for r in MeetingRequest.objects.filter(pk__in=[c[0] for c in changes]).select_related(
            "requester__registration__person",
            "requester__registration__organisation",
            "recipient__registration__person",
            "recipient__registration__organisation",
        )
    }
    slot_ids = {c[i] for c in changes for i in (1, 3) if c[i] is not None}
    table_ids = {c[i] for c in changes for i in (2, 4) if c[i] is not None}
    slots = Slot.objects.select_related("session").in_bulk(list(slot_ids))
    tables = Table.objects.in_bulk(list(table_ids))
    lines: dict[int, list[dict]] = {}
    people = {}
    for request_id, old_slot, old_table, new_slot, new_table in changes:
        request = requests.get(request_id)
        if request is None:
            continue
        kind = _kind(old_slot, new_slot)
        for me, other in (
            (request.requester, request.recipient),
            (request.recipient, request.requester),
        ):
            person = me.registration.person
            people[person.pk] = person
            lines.setdefault(person.pk, []).append(
                {
                    "kind": kind,
                    "partner": other,
                    "old_slot": slots.get(old_slot),
                    "old_table": tables.get(old_table),
                    "new_slot": slots.get(new_slot),
                    "new_table": tables.get(new_table),
                }
            )
    return _tell_changes(
        kind=Notification.Kind.SCHEDULE_CHANGED,
        edition=run.edition,
        people=people,
        lines=lines,
        key=f"schedule-changed:{run.pk}",
    )


def notify_new_meeting(*, meeting: Meeting, participant) -> None:
    """Tell one side of a meeting placed outside a run, as a run's "new meeting" line."""
    request = meeting.request
    other = request.recipient if participant.pk == request.requester_id else request.requester
    edition = meeting.edition
    person = participant.registration.person
    notify_many(
        kind=Notification.Kind.SCHEDULE_CHANGED,
        items=[
            Item(
                recipient=person,
                context={
                    "edition": edition,
                    "zone": edition.time_zone,
                    "changes": [
                        {
                            "kind": NEW,
                            "partner": other,
                            "old_slot": None,
                            "old_table": None,
                            "new_slot": meeting.slot,
                            "new_table": meeting.table,
                        }
                    ],
                },
                link=reverse("matchmaking:agenda", kwargs={"year": edition.year}),
                key=f"meeting-placed:{meeting.pk}:{person.pk}",
            )
        ],
    )


def notify_moved(*, moves: list[tuple[Meeting, Slot, Table]]) -> int:
    """Tell each person of meetings staff moved or swapped what changed, in one message.

    `moves` holds (meeting as it is now, previous slot, previous table). A person in both
    meetings of a swap gets one message listing both lines; a meeting that did not change
    place tells nobody. Side effects: one `meeting_moved` notification per person.
    """
    lines: dict[int, list[dict]] = {}
    people = {}
    for meeting, old_slot, old_table in moves:
        if (old_slot.pk, old_table.pk) == (meeting.slot_id, meeting.table_id):
            continue
        request = meeting.request
        for me, other in (
            (request.requester, request.recipient),
            (request.recipient, request.requester),
        ):
            person = me.registration.person
            people[person.pk] = person
            lines.setdefault(person.pk, []).append(
                {
                    "kind": _kind(old_slot.pk, meeting.slot_id),
                    "partner": other,
                    "old_slot": old_slot,
                    "old_table": old_table,
                    "new_slot": meeting.slot,
                    "new_table": meeting.table,
                }
            )
    if not lines:
        return 0
    edition = moves[0][0].edition
    # One key per action: the meetings and the moment of the write, so that a second move of
    # the same meeting is told again while a retried notification is not.
    action = "-".join(str(m.pk) for m, _s, _t in moves)
    stamp = int(moves[0][0].updated_at.timestamp() * 1_000_000)
    return _tell_changes(
        kind=Notification.Kind.MEETING_MOVED,
        edition=edition,
        people=people,
        lines=lines,
        key=f"meeting-moved:{action}:{stamp}",
    )


def _tell_changes(*, kind, edition, people: dict, lines: dict, key: str) -> int:
    """One message per person listing their changed meetings in time order; `key` plus the
    person makes each message's idempotency key."""
    link = reverse("matchmaking:agenda", kwargs={"year": edition.year})
    for person_lines in lines.values():
        person_lines.sort(key=lambda line: (line["new_slot"] or line["old_slot"]).starts_at)
    return notify_many(
        kind=kind,
        items=[
            Item(
                recipient=people[pk],
                context={"edition": edition, "zone": edition.time_zone, "changes": person_lines},
                link=link,
                key=f"{key}:{pk}",
            )
            for pk, person_lines in sorted(lines.items())
        ],
    )
