"""Target windows: the runs of consecutive slots the annealing steers each participant towards."""

from __future__ import annotations

import random

from matchmaking.scheduling import Instance, Meeting, Participant, Slot, solve, violations
from matchmaking.scheduling.core import Problem
from matchmaking.scheduling.solver import _wants_windows
from matchmaking.scheduling.windows import choose_windows, window_options


def _instance(meetings: list[Meeting], slots: int = 4, people: int = 4) -> Instance:
    return Instance(
        tuple(Slot(s, 0, 10) for s in range(slots)),
        tuple(Participant(p) for p in range(people)),
        tuple(meetings),
    )


def test_windows_are_runs_as_long_as_the_meetings() -> None:
    pb = Problem(_instance([Meeting(k, (0, k)) for k in (1, 2, 3)]))
    assert window_options(pb, 0) == [0b0111, 0b1110]
    # One meeting: any slot will do, no window needed.
    assert window_options(pb, 1) == []


def test_windows_grow_by_one_slot_when_no_run_fits() -> None:
    # Meetings only in slots 0 and 2: two in a row is impossible, slots 0..2 hold both.
    pb = Problem(_instance([Meeting(1, (0, 1), slots=(0,)), Meeting(2, (0, 2), slots=(2,))]))
    assert window_options(pb, 0) == [0b0111]


def test_windows_respect_unavailable_slots_and_blocks() -> None:
    slots = tuple(Slot(s, s // 3, 10) for s in range(6))
    people = (Participant(0, unavailable=(1,)), Participant(1), Participant(2))
    meetings = (Meeting(1, (0, 1)), Meeting(2, (0, 2)))
    pb = Problem(Instance(slots, people, meetings))
    # Block 0 is slots 0-2 with slot 1 unavailable; block 1 is slots 3-5.
    assert window_options(pb, 0) == [0b011000, 0b110000]


def test_chosen_windows_agree_on_a_schedule_that_has_no_break() -> None:
    # A 4-cycle of meetings in 2 slots: everyone meets twice in a row.
    meetings = [Meeting(k, pair) for k, pair in enumerate([(0, 1), (1, 2), (2, 3), (3, 0)])]
    pb = Problem(_instance(meetings, slots=2))
    win = choose_windows(pb, random.Random(0))
    assert win == [0b11] * 4
    assert choose_windows(pb, random.Random(5)) == win


def test_solve_with_windows_is_valid_and_deterministic() -> None:
    rng = random.Random(3)
    pairs = sorted({(rng.randrange(6), 6 + rng.randrange(6)) for _ in range(60)})
    instance = Instance(
        tuple(Slot(s, s // 6, 4) for s in range(12)),
        tuple(Participant(p) for p in range(12)),
        tuple(Meeting(k, pair) for k, pair in enumerate(pairs)),
    )
    assert _wants_windows(Problem(instance))
    first = solve(instance, seed=1)
    assert not violations(instance, first.placements)
    assert solve(instance, seed=1).placements == first.placements
