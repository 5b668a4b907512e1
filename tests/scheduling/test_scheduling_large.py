"""Phase 3 on large events: SAT on bounded neighbourhoods, the rest of the event fixed."""

from __future__ import annotations

import math
import random

import pytest

from matchmaking.scheduling import Instance, Meeting, Participant, Slot, solve, violations
from matchmaking.scheduling import solver as solver_module
from matchmaking.scheduling.core import Problem, State
from matchmaking.scheduling.generator import generate
from matchmaking.scheduling.large import Sub, floor, polish_large


def _state(instance: Instance, placed: dict[int, int]) -> State:
    st = State(Problem(instance))
    for m, s in placed.items():
        st.place(m, s)
    return st


def _people(*ids: str) -> tuple[Participant, ...]:
    return tuple(Participant(p) for p in ids)


def test_a_neighbourhood_moves_linked_meetings_to_close_a_break() -> None:
    # A meets B in slot 0 and C in slot 2; C meets D in slot 1. A's break closes when A-C
    # takes slot 1 and C-D moves to slot 0 (two tables a slot).
    instance = Instance(
        tuple(Slot(s, 0, 2) for s in range(4)),
        _people("A", "B", "C", "D"),
        (Meeting(0, ("A", "B")), Meeting(1, ("A", "C")), Meeting(2, ("C", "D"))),
    )
    st = _state(instance, {0: 0, 1: 2, 2: 1})
    assert polish_large(st, random.Random(0), deadline=math.inf) == (0, 0)
    placements = dict(enumerate(st.slot_of))
    assert violations(instance, placements) == []
    assert placements == {0: 0, 1: 1, 2: 0}


def test_tables_taken_outside_the_neighbourhood_stay_taken() -> None:
    # D-E holds slot 1's only table and is not linked to A, so it stays outside A's
    # neighbourhood: A-C may not take slot 1, and A keeps the break.
    instance = Instance(
        tuple(Slot(s, 0, 1) for s in range(3)),
        _people("A", "B", "C", "D", "E"),
        (Meeting(0, ("A", "B")), Meeting(1, ("A", "C")), Meeting(2, ("D", "E"))),
    )
    st = _state(instance, {0: 0, 1: 2, 2: 1})
    sub = Sub(st, [0, 1])
    assert [s.capacity for s in sub.state.pb.instance.slots] == [1, 0, 1]
    assert polish_large(st, random.Random(0), deadline=math.inf) == (1, 0)
    assert st.slot_of == [0, 2, 1]


def test_a_fixed_meeting_outside_keeps_its_slot_and_its_people_count() -> None:
    # B also meets E, fixed in slot 1: in A's neighbourhood it is a fixed meeting of B alone,
    # so B cannot take slot 1 for A-B, and E's breaks are left out.
    instance = Instance(
        tuple(Slot(s, 0, 2) for s in range(3)),
        _people("A", "B", "C", "E"),
        (Meeting(0, ("A", "B")), Meeting(1, ("A", "C")), Meeting(2, ("B", "E"), fixed=1)),
    )
    st = _state(instance, {0: 0, 1: 2, 2: 1})
    sub = Sub(st, [0, 1])
    assert [m.participants for m in sub.state.pb.instance.meetings] == [(0, 1), (0, 2), (1,)]
    assert sub.state.pb.fixed == [-1, -1, 1]
    assert polish_large(st, random.Random(0), deadline=math.inf) == (0, 0)
    assert violations(instance, dict(enumerate(st.slot_of))) == []
    assert st.slot_of[2] == 1


def test_solve_takes_the_neighbourhood_path_past_the_threshold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = []

    def spy(*args, **kwargs):
        calls.append(1)
        return polish_large(*args, **kwargs)

    monkeypatch.setattr(solver_module, "POLISH_UP_TO", 10)
    monkeypatch.setattr(solver_module, "polish_large", spy)
    # The annealing leaves 4 breaks here; the optimum (the whole-event phase 3 proves it) is 3.
    instance = generate(40, 140, seed=11, days=1)
    plain = solve(instance, seed=2, polish=0, time_limit=100)
    assert not calls
    first = solve(instance, seed=2, polish=None, time_limit=100)
    assert calls == [1]
    assert violations(instance, first.placements) == []
    assert first.stats.placed == plain.stats.placed
    assert (plain.stats.breaks, first.stats.breaks) == (4, 3)
    assert first.stats.break_spread == 1
    for m in instance.meetings:
        if m.fixed is not None:
            assert first.placements[m.id] == m.fixed
    # Deterministic for a seed: conflict budgets, not the clock, decide each neighbourhood.
    assert solve(instance, seed=2, polish=None, time_limit=100) == first


def _holes() -> Instance:
    # Two blocks of four slots; A cannot attend slots 1 and 5 and has six meetings, so A uses
    # runs {0}, {2, 3}, {4}, {6, 7}: two breaks whatever the others do.
    slots = tuple(Slot(s, s // 4, 3) for s in range(8))
    people = (Participant("A", (1, 5)), *_people("B", "C", "D", "E", "F", "G"))
    meetings = tuple(Meeting(k, ("A", q)) for k, q in enumerate("BCDEFG"))
    return Instance(slots, people, meetings)


def test_floor_counts_the_runs_a_participant_cannot_avoid() -> None:
    instance = _holes()
    st = _state(instance, {0: 0, 1: 2, 2: 3, 3: 4, 4: 6, 5: 7})
    assert [floor(st, p) for p in range(7)] == [2, 0, 0, 0, 0, 0, 0]
    st.remove(5)
    assert floor(st, 0) == 1
    st.remove(4)
    assert floor(st, 0) == 0


def test_solve_on_the_neighbourhood_path_reports_the_floor_as_its_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(solver_module, "POLISH_UP_TO", 2)
    stats = solve(_holes(), seed=0, polish=None, time_limit=100).stats
    assert (stats.placed, stats.breaks, stats.lower_bound, stats.optimal) == (6, 2, 2, True)


def test_a_break_between_fixed_meetings_is_left_alone() -> None:
    # Both of A's meetings are fixed: the floor sees it (A's usable slots are 0 and 2), so
    # the break is proved unavoidable and nothing moves.
    instance = Instance(
        tuple(Slot(s, 0, 1) for s in range(3)),
        _people("A", "B", "C"),
        (Meeting(0, ("A", "B"), fixed=0), Meeting(1, ("A", "C"), fixed=2)),
    )
    st = _state(instance, {0: 0, 1: 2})
    assert polish_large(st, random.Random(0), deadline=math.inf) == (1, 1)
    assert st.slot_of == [0, 2]
