"""Moving and cancelling meetings; the database constraints behind the invariants."""

import pytest
from django.db import IntegrityError, transaction

from matchmaking import services
from matchmaking.models import Meeting, MeetingRequest, Seat, Table
from portal.core.models import Notification
from portal.core.services.common import Refused
from tests.matchmaking.factories import accepted, participant


def place(request: MeetingRequest, slot, table) -> Meeting:
    meeting = Meeting.objects.create(
        request=request, edition=request.edition, slot=slot, table=table
    )
    for p in (request.requester, request.recipient):
        Seat.objects.create(meeting=meeting, participant=p, slot=slot)
    return meeting


def test_meeting_move_updates_seats_locks_and_notifies_both(world) -> None:
    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    services.meeting_move(
        meeting=meeting, slot=world.slots[2], table=world.tables[1], by=world.staff
    )
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table, meeting.locked) == (world.slots[2], world.tables[1], True)
    assert set(meeting.seats.values_list("slot_id", flat=True)) == {world.slots[2].pk}
    moved = Notification.objects.filter(kind="meeting_moved")
    assert sorted(n.recipient_id for n in moved) == sorted(
        [world.anna.registration.person_id, world.li.registration.person_id]
    )


def test_meeting_move_to_a_taken_table_is_refused_with_the_reason(world) -> None:
    other = participant(world.edition, full_name="Marco Bianchi")
    mover = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    place(
        accepted(other, participant(world.edition, country="CN")), world.slots[1], world.tables[0]
    )
    with pytest.raises(Refused) as error:
        services.meeting_move(
            meeting=mover, slot=world.slots[1], table=world.tables[0], by=world.staff
        )
    assert (
        str(error.value) == "Table 1 is already taken in this slot by the meeting of Marco Bianchi."
    )


def test_meeting_move_into_a_full_slot_is_refused(world) -> None:
    mover = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    for table in world.tables:
        pair = accepted(participant(world.edition), participant(world.edition, country="CN"))
        place(pair, world.slots[1], table)
    with pytest.raises(Refused) as error:
        services.meeting_move(
            meeting=mover, slot=world.slots[1], table=world.tables[1], by=world.staff
        )
    assert str(error.value) == "This slot is full: all 2 tables are taken."


def test_meeting_move_when_a_side_is_busy_is_refused(world) -> None:
    mover = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    place(
        accepted(world.anna, participant(world.edition, country="CN")),
        world.slots[1],
        world.tables[1],
    )
    with pytest.raises(Refused) as error:
        services.meeting_move(
            meeting=mover, slot=world.slots[1], table=world.tables[0], by=world.staff
        )
    assert str(error.value) == "Anna Rossi already has another meeting in this slot."


def test_meeting_move_to_an_unavailable_slot_is_refused(world) -> None:
    mover = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    services.participant_set_unavailable(participant=world.li, slots=[world.slots[3]])
    with pytest.raises(Refused) as error:
        services.meeting_move(
            meeting=mover, slot=world.slots[3], table=world.tables[0], by=world.staff
        )
    assert str(error.value) == "Li Wei cannot attend this slot."


def test_meeting_move_to_a_table_reserved_for_someone_else_is_refused(world) -> None:
    booth = participant(world.edition, full_name="Booth Owner")
    Table.objects.filter(pk=world.tables[1].pk).update(reserved_for=booth)
    mover = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    with pytest.raises(Refused) as error:
        services.meeting_move(
            meeting=mover,
            slot=world.slots[0],
            table=Table.objects.get(pk=world.tables[1].pk),
            by=world.staff,
        )
    assert str(error.value) == "Table 2 is reserved for Booth Owner."


def test_meeting_cancel_frees_the_seats_and_tells_both(world) -> None:
    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    services.meeting_cancel(meeting=meeting, by=world.staff, reason="Flight cancelled")
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    assert Seat.objects.count() == 0
    assert MeetingRequest.objects.get().status == "cancelled"
    assert Notification.objects.filter(kind="meeting_cancelled").count() == 2
    # The table is free again for another meeting in that slot.
    place(
        accepted(participant(world.edition), participant(world.edition, country="CN")),
        world.slots[0],
        world.tables[0],
    )


def test_database_refuses_a_person_in_two_meetings_in_one_slot(world) -> None:
    place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    other = Meeting.objects.create(
        request=accepted(world.anna, participant(world.edition, country="CN")),
        edition=world.edition,
        slot=world.slots[0],
        table=world.tables[1],
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Seat.objects.create(meeting=other, participant=world.anna, slot=world.slots[0])


def test_database_refuses_two_meetings_at_one_table_in_one_slot(world) -> None:
    place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            request=accepted(participant(world.edition), participant(world.edition, country="CN")),
            edition=world.edition,
            slot=world.slots[0],
            table=world.tables[0],
        )


def test_database_refuses_a_second_request_for_a_pair(world) -> None:
    accepted(world.anna, world.li)
    with pytest.raises(IntegrityError), transaction.atomic():
        accepted(world.li, world.anna)


def test_database_refuses_a_pair_out_of_order(world) -> None:
    low, high = sorted((world.anna, world.li), key=lambda p: p.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequest.objects.create(
            edition=world.edition, requester=low, recipient=high, low=high, high=low
        )


def test_seat_feedback_is_refused_before_the_meeting(world) -> None:
    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    seat = meeting.seats.get(participant=world.anna)
    with pytest.raises(Refused, match="once the meeting has started"):
        services.seat_feedback(
            seat=seat, outcome="took_place", rating=5, follow_up=True, agreement_expected=False
        )
