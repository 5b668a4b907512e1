"""Phase 3: the SAT search removes breaks the annealing leaves, and nothing else changes."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import pytest

from matchmaking.scheduling import (
    Instance,
    Meeting,
    Participant,
    Slot,
    parse_instance,
    schedule_to_dict,
    solve,
    violations,
)
from matchmaking.scheduling import polish as polish_module
from matchmaking.scheduling.core import Problem, State
from matchmaking.scheduling.polish import MIN_CHUNK, Model, OutOfTime, Polished, _chunk, polish
from matchmaking.scheduling.solver import default_time_limit

# The shared folder lies beside the repository (../shared), as on CI.
JAIR_DIR = Path(__file__).resolve().parents[3] / "shared/bench/jair"


def _state(instance: Instance, placed: dict[int, int]) -> State:
    st = State(Problem(instance))
    for m, s in placed.items():
        st.place(m, s)
    return st


def _people(*ids: str) -> tuple[Participant, ...]:
    return tuple(Participant(p) for p in ids)


def test_polish_closes_a_break_by_moving_the_meetings_around_it() -> None:
    # A meets B in slot 0 and C in slot 2; D and E sit in slot 1 with one table per slot, so
    # A's break only closes if D and E move too.
    instance = Instance(
        tuple(Slot(s, 0, 1) for s in range(3)),
        _people("A", "B", "C", "D", "E"),
        (Meeting(0, ("A", "B")), Meeting(1, ("A", "C")), Meeting(2, ("D", "E"))),
    )
    st = _state(instance, {0: 0, 1: 2, 2: 1})
    assert polish(st, random.Random(0), steps=20, deadline=math.inf) == Polished(0, 0)
    placements = dict(enumerate(st.slot_of))
    assert violations(instance, placements) == []
    assert abs(placements[0] - placements[1]) == 1
    assert placements[2] in (0, 2)


def test_polish_leaves_a_break_that_cannot_close() -> None:
    # A cannot attend slot 1, so meetings in slots 0 and 2 keep their break.
    instance = Instance(
        tuple(Slot(s, 0, 2) for s in range(3)),
        (Participant("A", (1,)), *_people("B", "C")),
        (Meeting(0, ("A", "B"), slots=(0,)), Meeting(1, ("A", "C"), slots=(2,))),
    )
    st = _state(instance, {0: 0, 1: 2})
    # A has no run of slots for both meetings: the floor of forced breaks proves the one left.
    assert polish(st, random.Random(0), steps=20, deadline=math.inf) == Polished(1, 1)
    assert st.slot_of == [0, 2]


def test_polish_never_moves_a_fixed_meeting() -> None:
    instance = Instance(
        tuple(Slot(s, 0, 2) for s in range(4)),
        _people("A", "B", "C"),
        (Meeting(0, ("A", "B"), fixed=0), Meeting(1, ("A", "C"))),
    )
    st = _state(instance, {0: 0, 1: 3})
    assert polish(st, random.Random(0), steps=20, deadline=math.inf) == Polished(0, 0)
    assert st.slot_of == [0, 1]


def test_polish_reaches_the_proven_optimum_of_a_real_event() -> None:
    path = JAIR_DIR / "forum-13.json"
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared folder lies beside the repository)")
    instance = parse_instance(json.loads(path.read_text()))
    plain = solve(instance, seed=0)
    polished = solve(instance, seed=0, polish=100)
    # forum-13: 154 meetings, proven optimum 0 breaks (Bofill et al., JAIR 2022).
    assert (plain.stats.breaks, polished.stats.breaks) == (2, 0)
    assert polished.stats.placed == plain.stats.placed == 154
    assert violations(instance, polished.placements) == []


def test_polish_does_not_count_a_break_where_meetings_fall_in_two_blocks() -> None:
    # A's meetings must fall in different blocks, so A needs no break; D's break can close.
    slots = (Slot(0, "am", 2), Slot(1, "am", 2), Slot(2, "am", 2), Slot(3, "pm", 2))
    instance = Instance(
        slots,
        _people("A", "B", "C", "D", "E", "F"),
        (
            Meeting(0, ("A", "B"), slots=(0, 1, 2)),
            Meeting(1, ("A", "C"), slots=(3,)),
            Meeting(2, ("D", "E"), slots=(0, 1, 2)),
            Meeting(3, ("D", "F"), slots=(0, 1, 2)),
        ),
    )
    st = _state(instance, {0: 1, 1: 3, 2: 0, 3: 2})
    assert polish(st, random.Random(0), steps=20, deadline=math.inf) == Polished(0, 0)
    assert abs(st.slot_of[2] - st.slot_of[3]) == 1


def test_polish_leaves_events_too_big_for_its_model_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    instance = Instance(
        tuple(Slot(s, 0, 2) for s in range(4)),
        _people("A", "B", "C"),
        (Meeting(0, ("A", "B")), Meeting(1, ("A", "C"))),
    )
    st = _state(instance, {0: 0, 1: 3})
    # A could be busy in 4 slots, B and C in 4 each: 12 break variables for 1 break.
    monkeypatch.setattr("matchmaking.scheduling.polish.MAX_COUNTER", 11)
    # Left alone, it keeps its break, with only the floor of forced breaks (none) as bound.
    assert polish(st, random.Random(0), steps=20, deadline=math.inf) == Polished(1, 0)
    monkeypatch.setattr("matchmaking.scheduling.polish.MAX_COUNTER", 12)
    assert polish(st, random.Random(0), steps=20, deadline=math.inf) == Polished(0, 0)


def _crossed() -> Instance:
    # One table per slot, four slots: A meets B and C, D meets B and C. A's two meetings and
    # D's two fill the four slots in two runs, so B or C sits in slots 0 and 3: one break at
    # best, though each participant alone could have none (the floor of forced breaks is 0).
    return Instance(
        tuple(Slot(s, 0, 1) for s in range(4)),
        _people("A", "B", "C", "D"),
        (
            Meeting(0, ("A", "B")),
            Meeting(1, ("A", "C")),
            Meeting(2, ("D", "B")),
            Meeting(3, ("D", "C")),
        ),
    )


def test_polish_proves_a_lower_bound_above_the_floor_of_forced_breaks() -> None:
    # Two breaks: A's meetings in 0 and 2, D's in 1 and 3.
    st = _state(_crossed(), {0: 0, 1: 2, 2: 1, 3: 3})
    assert sum(st.pb.block_breaks(b) for b in st.busy) == 2
    assert polish(st, random.Random(0), deadline=math.inf) == Polished(1, 1)
    assert violations(_crossed(), dict(enumerate(st.slot_of))) == []


def test_span_steps_search_within_the_present_spans_widened() -> None:
    # Two breaks: A in 0 and 2, D in 1 and 3; B's span is 0-1 and C's 2-3. Within those spans
    # the placement is forced (two breaks); one slot wider, one break is possible.
    st = _state(_crossed(), {0: 0, 1: 2, 2: 1, 3: 3})
    model = Model(st, cap=2, breaks=2)
    try:
        assert model.within_spans(st.slot_of, st.busy, 0, 2, math.inf) == (None, True)
        found, proved = model.within_spans(st.slot_of, st.busy, 1, 2, math.inf)
    finally:
        model.solver.delete()
    assert found is not None and not proved
    placements = {m: found.get(m, st.slot_of[m]) for m in range(4)}
    assert violations(_crossed(), placements) == []
    busy = [0] * 4
    for m, t in placements.items():
        for p in st.pb.parts[m]:
            busy[p] |= 1 << t
    assert sum(st.pb.block_breaks(b) for b in busy) == 1


def _crossed_twice() -> Instance:
    # Two copies of `_crossed` in eight slots with one table: each copy is a cycle of four
    # meetings, which no order of slots lays out without a break, so every placement has at
    # least two, while the floor of forced breaks is 0.
    people = _people("A", "B", "C", "D", "E", "F", "G", "H")
    meetings = []
    for k, (a, b, c, d) in enumerate((("A", "B", "C", "D"), ("E", "F", "G", "H"))):
        pairs = ((a, b), (a, c), (d, b), (d, c))
        meetings += [Meeting(4 * k + i, pair) for i, pair in enumerate(pairs)]
    return Instance(tuple(Slot(s, 0, 1) for s in range(8)), people, tuple(meetings))


def test_probes_raise_the_bound_from_the_floor_to_the_optimum() -> None:
    # Four breaks to start with; the floor is 0, the probes refute 0 and 1 breaks and the
    # schedule reaches 2: proved optimal with no step at all.
    st = _state(_crossed_twice(), {0: 0, 1: 2, 2: 1, 3: 3, 4: 4, 5: 6, 6: 5, 7: 7})
    assert sum(st.pb.block_breaks(b) for b in st.busy) == 4
    assert polish_module._floor(st) == 0
    assert polish(st, random.Random(0), steps=0, deadline=math.inf) == Polished(2, 2)
    assert violations(_crossed_twice(), dict(enumerate(st.slot_of))) == []


def test_solve_proves_the_bound_of_a_tiny_event_and_reports_it() -> None:
    stats = solve(_crossed_twice(), time_limit=5, polish=None).stats
    assert (stats.breaks, stats.lower_bound, stats.optimal) == (2, 2, True)


def test_solve_on_a_real_event_is_the_same_for_a_seed_and_budget() -> None:
    path = JAIR_DIR / "forumt-14.json"
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared folder lies beside the repository)")
    instance = parse_instance(json.loads(path.read_text()))
    # forumt-14 (237 meetings) is proved optimal within about a second, well inside the
    # budget: conflict budgets decide the search, so two runs give the same schedule.
    first = solve(instance, time_limit=10, seed=1, polish=None)
    again = solve(instance, time_limit=10, seed=1, polish=None)
    assert first.placements == again.placements
    assert (first.stats.breaks, first.stats.lower_bound, first.stats.optimal) == (5, 5, True)


def test_polish_stops_at_the_deadline_with_the_bound_it_has() -> None:
    st = _state(_crossed(), {0: 0, 1: 2, 2: 1, 3: 3})
    # Past the deadline before it starts: the schedule stays as it was, and the bound is the
    # floor of forced breaks.
    assert polish(st, random.Random(0), deadline=-math.inf) == Polished(2, 0)
    assert st.slot_of == [0, 2, 1, 3]


def test_solve_reports_the_lower_bound_and_that_the_schedule_meets_it() -> None:
    schedule = solve(_crossed(), time_limit=5, polish=None)
    assert (schedule.stats.breaks, schedule.stats.lower_bound, schedule.stats.optimal) == (
        1,
        1,
        True,
    )
    out = schedule_to_dict(schedule)["stats"]
    assert (out["lower_bound"], out["optimal"]) == (1, True)


def test_solve_without_the_sat_phase_reports_no_bound_unless_breaks_are_zero() -> None:
    stats = solve(_crossed(), time_limit=5, polish=0).stats
    assert (stats.breaks, stats.lower_bound, stats.optimal) == (1, None, False)
    two = Instance(
        tuple(Slot(s, 0, 1) for s in range(2)), _people("A", "B"), (Meeting(0, ("A", "B")),)
    )
    stats = solve(two, time_limit=5, polish=0).stats
    assert (stats.breaks, stats.lower_bound, stats.optimal) == (0, 0, True)


def test_default_time_limit_grows_with_the_event_and_stops_at_a_minute() -> None:
    # Quality first: JAIR's largest event (302 meetings) keeps the 29.2 s that gave 37 breaks.
    assert default_time_limit(0) == 4.0
    assert default_time_limit(302) == 4.0 + 302 / 12
    assert default_time_limit(672) == 60.0
    assert default_time_limit(30_000) == 60.0


def test_solve_until_proved_is_deterministic_when_the_budget_is_not_reached() -> None:
    first = solve(_crossed(), time_limit=30, seed=3, polish=None)
    again = solve(_crossed(), time_limit=30, seed=3, polish=None)
    assert first.placements == again.placements
    assert first.stats.optimal is True


def test_polish_builds_no_model_when_the_deadline_has_passed(monkeypatch) -> None:
    # Building the model of a large event takes a good share of a second: past the deadline it
    # is not even started.
    def refuse(*args, **kwargs):
        raise AssertionError("model built past the deadline")

    monkeypatch.setattr(polish_module, "Model", refuse)
    st = _state(_crossed(), {0: 0, 1: 2, 2: 1, 3: 3})
    assert polish(st, random.Random(0), deadline=-math.inf) == Polished(2, 0)


def test_a_model_build_that_passes_the_deadline_is_given_up() -> None:
    st = _state(_crossed(), {0: 0, 1: 2, 2: 1, 3: 3})
    with pytest.raises(OutOfTime):
        Model(st, cap=2, breaks=2, deadline=-math.inf)


def test_solver_calls_near_the_deadline_get_the_conflicts_that_fit() -> None:
    # 2,000 conflicts a call while the time allows; near the deadline only half as many as fit
    # in the seconds left at the rate measured, and never fewer than MIN_CHUNK.
    assert _chunk(left=4000, seconds=10.0, per_conflict=0.0005) == 2000
    assert _chunk(left=1500, seconds=10.0, per_conflict=0.0005) == 1500
    assert _chunk(left=4000, seconds=1.99, per_conflict=0.0005) == 1990
    assert _chunk(left=4000, seconds=0.5, per_conflict=0.0005) == 500
    assert _chunk(left=4000, seconds=0.01, per_conflict=0.0005) == MIN_CHUNK
    assert _chunk(left=4000, seconds=0.25, per_conflict=None) == 2000
