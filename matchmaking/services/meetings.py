"""Placed meetings: placement of a late acceptance, moves, cancellations and feedback."""

from itertools import pairwise

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matchmaking.models import Meeting, MeetingRequest, Participant, Seat, Slot, Table
from matchmaking.services.announce import notify_moved
from matchmaking.services.common import (
    attendable_slot_ids,
    can_attend,
    lock_edition,
    notify_meeting,
)
from portal.core import cache_versions
from portal.core.models import Notification, User
from portal.core.services.common import Refused
from portal.core.templatetags.ponte import in_zone


def pick_table(
    tables: list[Table], taken: set[int], participant_ids: tuple[int, ...]
) -> Table | None:
    """A participant's reserved table when they have one, else the first free unreserved one."""
    for table in tables:
        if table.reserved_for_id in participant_ids:
            return table if table.pk not in taken else None
    return next((t for t in tables if t.reserved_for_id is None and t.pk not in taken), None)


def _pair(request: MeetingRequest) -> tuple[Participant, Participant]:
    return request.requester, request.recipient


def _breaks(starts: list[int]) -> int:
    """Breaks in one session's busy slot indexes: runs of consecutive slots, less one."""
    if not starts:
        return 0
    ordered = sorted(starts)
    return sum(1 for x, y in pairwise(ordered) if y != x + 1)


@transaction.atomic
def meeting_place_best(*, request: MeetingRequest) -> Meeting | None:
    """Place an accepted request at once: in a slot both sides can attend and are free, with
    a free table, adding the fewest breaks to their days (the earliest such slot on a tie).

    Returns None when no such slot exists (the request stays listed as unplaced).
    Side effects: creates a meeting and its seats (the caller tells the people concerned).
    """
    lock_edition(request.edition)
    if Meeting.objects.filter(request=request).exists():
        return None
    a, b = _pair(request)
    slots = list(Slot.objects.filter(session__edition_id=request.edition_id).order_by("starts_at"))
    good = attendable_slot_ids(a, slots) & attendable_slot_ids(b, slots)
    index = {slot.pk: (slot.session_id, slot.index) for slot in slots}
    busy: dict[int, set[int]] = {a.pk: set(), b.pk: set()}
    for participant_id, slot_id in Seat.objects.filter(participant__in=(a, b)).values_list(
        "participant_id", "slot_id"
    ):
        busy[participant_id].add(slot_id)
    tables_by_session: dict[int, list[Table]] = {}
    for table in Table.objects.filter(session__edition_id=request.edition_id):
        tables_by_session.setdefault(table.session_id, []).append(table)
    taken: dict[int, set[int]] = {}
    for slot_id, table_id in Meeting.objects.filter(
        edition_id=request.edition_id, status=Meeting.Status.SCHEDULED
    ).values_list("slot_id", "table_id"):
        taken.setdefault(slot_id, set()).add(table_id)

    def added_breaks(slot: Slot) -> int:
        added = 0
        for person in (a, b):
            day = [
                index[s][1] for s in busy[person.pk] if index.get(s, (None,))[0] == slot.session_id
            ]
            added += _breaks([*day, slot.index]) - _breaks(day)
        return added

    best: tuple[int, Slot, Table] | None = None
    for slot in slots:
        if slot.pk not in good or slot.pk in busy[a.pk] or slot.pk in busy[b.pk]:
            continue
        table = pick_table(
            tables_by_session.get(slot.session_id, []), taken.get(slot.pk, set()), (a.pk, b.pk)
        )
        if table is None:
            continue
        cost = added_breaks(slot)
        if best is None or cost < best[0]:
            best = (cost, slot, table)
    if best is None:
        return None
    _cost, slot, table = best
    meeting = Meeting.objects.create(
        request=request, edition_id=request.edition_id, slot=slot, table=table
    )
    Seat.objects.bulk_create(Seat(meeting=meeting, participant=p, slot=slot) for p in (a, b))
    return meeting


def _locked_meeting(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related(
            "edition",
            "slot",
            "table",
            "request__requester__registration__person",
            "request__recipient__registration__person",
        )
        .get(pk=meeting.pk)
    )


@transaction.atomic
def meeting_move(*, meeting: Meeting, slot: Slot, table: Table, by: User) -> Meeting:
    """Move a meeting to another slot and table; conflicts are refused and explained.

    The moved meeting is locked so a later scheduling run leaves it there.
    Side effects: updates the meeting and its seats; notifies both sides.
    """
    lock_edition(meeting.edition)
    meeting = _locked_meeting(meeting)
    if meeting.status != Meeting.Status.SCHEDULED:
        raise Refused(_("A cancelled meeting cannot be moved."))
    if slot.session_id != table.session_id:
        raise Refused(_("This table belongs to another session than the slot."))
    if slot.session.edition_id != meeting.edition_id:
        raise Refused(_("This slot belongs to another edition."))
    a, b = _pair(meeting.request)
    if table.reserved_for_id is not None and table.reserved_for_id not in (a.pk, b.pk):
        raise Refused(
            _("%(table)s is reserved for %(person)s.")
            % {"table": table, "person": table.reserved_for}
        )
    for person in (a, b):
        if slot.pk not in attendable_slot_ids(person, [slot]):
            raise Refused(_("%(person)s cannot attend this slot.") % {"person": person})
    tables = slot.session.tables.count()
    in_slot = (
        Meeting.objects.filter(slot=slot, status=Meeting.Status.SCHEDULED)
        .exclude(pk=meeting.pk)
        .count()
    )
    if in_slot >= tables:
        raise Refused(_("This slot is full: all %(count)s tables are taken.") % {"count": tables})
    other = (
        Meeting.objects.filter(slot=slot, table=table, status=Meeting.Status.SCHEDULED)
        .exclude(pk=meeting.pk)
        .select_related("request__requester__registration__person")
        .first()
    )
    if other is not None:
        raise Refused(
            _("%(table)s is already taken in this slot by the meeting of %(person)s.")
            % {"table": table, "person": other.request.requester}
        )
    busy = (
        Seat.objects.filter(participant__in=(a, b), slot=slot)
        .exclude(meeting=meeting)
        .select_related("participant__registration__person")
        .first()
    )
    if busy is not None:
        raise Refused(
            _("%(person)s already has another meeting in this slot.") % {"person": busy.participant}
        )
    previous = (meeting.slot, meeting.table)
    meeting.slot = slot
    meeting.table = table
    meeting.locked = True
    try:
        with transaction.atomic():
            meeting.save(update_fields=["slot", "table", "locked", "updated_at"])
            meeting.seats.update(slot=slot)
    except IntegrityError:
        # Another writer got there between our checks and our write (not under the edition
        # lock, e.g. a raw insert): the constraints refuse it, and we say so.
        raise Refused(
            _("Someone else just placed a meeting there; reload the grid and try again.")
        ) from None
    # Another table in the same slot is a change too: people look for their table.
    notify_moved(moves=[(meeting, *previous)])
    return meeting


def _check_fits(meeting: Meeting, *, slot: Slot, table: Table, leaving: Meeting) -> None:
    """Refuse, with the reason, when `meeting`'s people cannot take `leaving`'s place."""
    a, b = _pair(meeting.request)
    if table.reserved_for_id is not None and table.reserved_for_id not in (a.pk, b.pk):
        raise Refused(
            _("%(table)s is reserved for %(person)s.")
            % {"table": table, "person": table.reserved_for}
        )
    when = in_zone(slot.starts_at, meeting.edition.time_zone)
    for person in (a, b):
        if not can_attend(person, slot):
            raise Refused(
                _("%(person)s cannot attend at %(time)s.") % {"person": person, "time": when}
            )
    busy = (
        Seat.objects.filter(participant__in=(a, b), slot=slot)
        .exclude(meeting__in=(meeting, leaving))
        .select_related("participant__registration__person")
        .first()
    )
    if busy is not None:
        raise Refused(
            _("%(person)s already has another meeting at %(time)s.")
            % {"person": busy.participant, "time": when}
        )


@transaction.atomic
def meeting_swap(*, meeting: Meeting, other: Meeting, by: User) -> tuple[Meeting, Meeting]:
    """Exchange two meetings' slots and tables in one step; conflicts are refused and explained.

    Each meeting's people must be able to attend, and be free in, the other's slot. Both
    meetings are locked so a later scheduling run leaves them there.
    Side effects: updates both meetings and their seats; one message per person concerned.
    """
    lock_edition(meeting.edition)
    if meeting.pk == other.pk:
        raise Refused(_("Choose another meeting to swap with."))
    meeting, other = _locked_meeting(meeting), _locked_meeting(other)
    if Meeting.Status.CANCELLED in (meeting.status, other.status):
        raise Refused(_("A cancelled meeting cannot be moved."))
    if other.edition_id != meeting.edition_id:
        raise Refused(_("This meeting belongs to another edition."))
    _check_fits(meeting, slot=other.slot, table=other.table, leaving=other)
    _check_fits(other, slot=meeting.slot, table=meeting.table, leaving=meeting)
    before = {m.pk: (m.slot, m.table) for m in (meeting, other)}
    seats = list(Seat.objects.filter(meeting__in=(meeting, other)))
    # Neither constraint can be deferred (one is conditional), so the seats are written
    # again and the first meeting steps out of "scheduled" while the second takes its place;
    # nobody sees the steps, they are one transaction under the edition lock.
    Seat.objects.filter(pk__in=[s.pk for s in seats]).delete()
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    for moving, (slot, table) in ((other, before[meeting.pk]), (meeting, before[other.pk])):
        moving.slot, moving.table, moving.locked = slot, table, True
        moving.save(update_fields=["slot", "table", "locked", "status", "updated_at"])
    new_slot = {meeting.pk: meeting.slot, other.pk: other.slot}
    for seat in seats:
        seat.pk = None
        seat.slot = new_slot[seat.meeting_id]
    Seat.objects.bulk_create(seats)
    # The seats' bulk_create() sends no signal.
    cache_versions.bump_on_commit("b2b")
    notify_moved(moves=[(m, *before[m.pk]) for m in (meeting, other)])
    return meeting, other


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User, reason: str = "") -> Meeting:
    """Cancel a meeting and its request; frees the seats and the table, tells both sides."""
    lock_edition(meeting.edition)
    meeting = _locked_meeting(meeting)
    if meeting.status != Meeting.Status.SCHEDULED:
        raise Refused(_("This meeting was already cancelled."))
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status", "updated_at"])
    meeting.seats.all().delete()
    request = meeting.request
    request.status = MeetingRequest.Status.CANCELLED
    request.reason = reason
    request.acted_by = by
    request.save(update_fields=["status", "reason", "acted_by"])
    notify_meeting(
        meeting=meeting, kind=Notification.Kind.MEETING_CANCELLED, context={"reason": reason}
    )
    return meeting


@transaction.atomic
def meeting_set_locked(*, meeting: Meeting, locked: bool) -> Meeting:
    """Keep a meeting where it is through later scheduling runs, or let runs move it again.

    Taken under the edition lock, like a run's write, so a run never half-sees the change.
    """
    lock_edition(meeting.edition)
    meeting = _locked_meeting(meeting)
    if meeting.status != Meeting.Status.SCHEDULED:
        raise Refused(_("A cancelled meeting cannot be locked."))
    meeting.locked = locked
    meeting.save(update_fields=["locked", "updated_at"])
    return meeting


@transaction.atomic
def seat_feedback(
    *,
    seat: Seat,
    outcome: str,
    rating: int | None,
    follow_up: bool,
    agreement_expected: bool,
    comment: str = "",
) -> Seat:
    """Record one side's feedback on a meeting that has started."""
    if seat.slot.starts_at > timezone.now():
        raise Refused(_("Feedback can be given once the meeting has started."))
    seat.outcome = outcome
    seat.rating = rating
    seat.follow_up = follow_up
    seat.agreement_expected = agreement_expected
    seat.comment = comment
    seat.feedback_at = timezone.now()
    seat.save()
    return seat
