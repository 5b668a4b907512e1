"""Concurrent writers on PostgreSQL: two staff moving at once, a move during a scheduling run."""

import threading
from collections.abc import Callable
from unittest import mock

import pytest
from django.db import connection

from matchmaking import services
from matchmaking.models import Meeting, SchedulingRun, Seat
from matchmaking.queries import availability_violations
from matchmaking.scheduling import solve as real_solve
from portal.core.services.common import Refused
from tests.matchmaking.factories import accepted, participant
from tests.matchmaking.test_meetings import place

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def in_thread(work: Callable[[], object], results: list, barrier: threading.Barrier | None):
    def target() -> None:
        try:
            if barrier is not None:
                barrier.wait()
            results.append(("ok", work()))
        except Refused as error:
            results.append(("refused", str(error)))
        except Exception as error:  # reported, so the test shows it instead of hanging
            results.append(("error", repr(error)))
        finally:
            # Each thread has its own connection; close it so the test database can be dropped.
            connection.close()

    return threading.Thread(target=target)


def test_two_staff_moving_into_one_table_and_slot_one_wins(world) -> None:
    first = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    other_a = participant(world.edition, full_name="Marco Bianchi")
    second = place(
        accepted(other_a, participant(world.edition, country="CN")),
        world.slots[1],
        world.tables[0],
    )
    target_slot, target_table = world.slots[3], world.tables[1]
    results: list = []
    barrier = threading.Barrier(2)
    threads = [
        in_thread(
            lambda m=m: services.meeting_move(
                meeting=m, slot=target_slot, table=target_table, by=world.staff
            ),
            results,
            barrier,
        )
        for m in (first, second)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    outcomes = sorted(kind for kind, _value in results)
    assert outcomes == ["ok", "refused"], results
    refused = next(value for kind, value in results if kind == "refused")
    winner = Meeting.objects.get(slot=target_slot, table=target_table)
    assert refused == (
        f"Table 2 is already taken in this slot by the meeting of {winner.request.requester}."
    )
    assert Meeting.objects.filter(slot=target_slot).count() == 1


def test_two_staff_moving_one_person_into_one_slot_one_wins(world) -> None:
    first = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    second = place(
        accepted(world.anna, participant(world.edition, country="CN")),
        world.slots[1],
        world.tables[0],
    )
    results: list = []
    barrier = threading.Barrier(2)
    threads = [
        in_thread(
            lambda m=m, t=t: services.meeting_move(
                meeting=m, slot=world.slots[3], table=t, by=world.staff
            ),
            results,
            barrier,
        )
        for m, t in ((first, world.tables[0]), (second, world.tables[1]))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(kind for kind, _value in results) == ["ok", "refused"], results
    refused = next(value for kind, value in results if kind == "refused")
    assert refused == "Anna Rossi already has another meeting in this slot."
    assert Seat.objects.filter(participant=world.anna, slot=world.slots[3]).count() == 1


def test_a_move_during_a_scheduling_run_never_double_books(world) -> None:
    # Two pairs compete for slots; while the solver works, staff move a meeting into a
    # slot and table the solver will want. The write must see the move and keep it.
    moved = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    for _ in range(3):
        accepted(participant(world.edition), participant(world.edition, country="CN"))
    solved = threading.Event()
    move_done = threading.Event()

    def slow_solve(instance, **kwargs):
        schedule = real_solve(instance, **kwargs)
        solved.set()
        move_done.wait(30)
        return schedule

    # Created directly: run_start would run the eager task at once (autocommit).
    run = SchedulingRun.objects.create(edition=world.edition, started_by=world.staff)
    results: list = []
    with mock.patch("matchmaking.services.runs.solve", slow_solve):
        runner = in_thread(lambda: services.run_execute(run_id=run.pk), results, None)
        runner.start()
        assert solved.wait(30)
        # The meeting the solve saw as movable goes, by hand, wherever the solver put
        # another one: at slot 1 table 1.
        services.meeting_move(
            meeting=moved, slot=world.slots[1], table=world.tables[0], by=world.staff
        )
        move_done.set()
        runner.join(60)
    run.refresh_from_db()
    assert run.status == SchedulingRun.Status.DONE, (run.error, results)
    moved.refresh_from_db()
    assert (moved.slot, moved.table, moved.locked) == (world.slots[1], world.tables[0], True)
    assert Meeting.objects.filter(slot=world.slots[1], table=world.tables[0]).count() == 1
    assert Seat.objects.filter(participant=world.anna).count() == 1
    assert availability_violations(world.edition) == []
    assert run.placed + run.unplaced == 4


def test_two_staff_moving_into_the_last_table_of_a_slot_the_second_is_told_it_is_full(
    world,
) -> None:
    s, t = world.slots, world.tables
    place(accepted(participant(world.edition), participant(world.edition)), s[3], t[0])
    first = place(accepted(world.anna, world.li), s[0], t[0])
    second = place(
        accepted(participant(world.edition), participant(world.edition, country="CN")),
        s[1],
        t[0],
    )
    results: list = []
    barrier = threading.Barrier(2)
    threads = [
        in_thread(
            lambda m=m: services.meeting_move(meeting=m, slot=s[3], table=t[1], by=world.staff),
            results,
            barrier,
        )
        for m in (first, second)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(kind for kind, _value in results) == ["ok", "refused"], results
    assert next(v for k, v in results if k == "refused") == (
        "This slot is full: all 2 tables are taken."
    )
    loser = second if Meeting.objects.get(slot=s[3], table=t[1]).pk == first.pk else first
    loser.refresh_from_db()
    assert loser.slot in (s[0], s[1]) and not loser.locked
    assert set(Seat.objects.filter(meeting=loser).values_list("slot_id", flat=True)) == {
        loser.slot_id
    }


def test_a_swap_and_a_move_at_once_leave_one_consistent_schedule(world) -> None:
    s, t = world.slots, world.tables
    first = place(accepted(world.anna, world.li), s[0], t[0])
    second = place(
        accepted(participant(world.edition), participant(world.edition, country="CN")),
        s[2],
        t[1],
    )
    third = place(
        accepted(participant(world.edition), participant(world.edition, country="CN")),
        s[3],
        t[0],
    )
    results: list = []
    barrier = threading.Barrier(2)
    threads = [
        in_thread(
            lambda: services.meeting_swap(meeting=first, other=second, by=world.staff),
            results,
            barrier,
        ),
        # Into the place the swap gives the first meeting.
        in_thread(
            lambda: services.meeting_move(meeting=third, slot=s[2], table=t[0], by=world.staff),
            results,
            barrier,
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(kind for kind, _value in results) == ["ok", "ok"], results
    placed = {m.pk: (m.slot_id, m.table_id) for m in Meeting.objects.filter(edition=world.edition)}
    assert placed == {
        first.pk: (s[2].pk, t[1].pk),
        second.pk: (s[0].pk, t[0].pk),
        third.pk: (s[2].pk, t[0].pk),
    }
    assert availability_violations(world.edition) == []
    assert Seat.objects.filter(meeting__edition=world.edition).count() == 6
