"""The `previous` placement: validated, and the solver moves as little of it as it can."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from matchmaking.scheduling import (
    Instance,
    InstanceError,
    Participant,
    instance_to_dict,
    parse_instance,
    schedule_to_dict,
    solve,
)
from matchmaking.scheduling.__main__ import main
from matchmaking.scheduling.generator import generate


def _data(previous: list[dict]) -> dict:
    return {
        "slots": [{"id": s, "block": 1, "capacity": 1} for s in (1, 2, 3)],
        "participants": [{"id": p} for p in ("a", "b", "c")],
        "meetings": [
            {"id": 10, "participants": ["a", "b"]},
            {"id": 11, "participants": ["b", "c"]},
        ],
        "previous": previous,
    }


def test_previous_is_parsed_and_round_trips() -> None:
    instance = parse_instance(_data([{"meeting": 10, "slot": 3}, {"meeting": 11, "slot": 1}]))
    assert instance.previous == ((10, 3), (11, 1))
    assert parse_instance(instance_to_dict(instance)) == instance


@pytest.mark.parametrize(
    ("previous", "message"),
    [
        ([{"meeting": 99, "slot": 1}], "previous placement names unknown meeting 99"),
        ([{"meeting": 10, "slot": 9}], "previous placement puts meeting 10 in unknown slot 9"),
        (
            [{"meeting": 10, "slot": 1}, {"meeting": 10, "slot": 2}],
            "previous placement names meeting 10 twice",
        ),
        ("x", "'previous' must be a list, got 'x'"),
    ],
)
def test_previous_with_unknown_ids_is_refused(previous: object, message: str) -> None:
    with pytest.raises(InstanceError) as error:
        parse_instance(_data(previous))  # type: ignore[arg-type]
    assert str(error.value) == message


def test_cli_exits_2_with_one_line_on_unknown_previous_meeting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(_data([{"meeting": 99, "slot": 1}])), encoding="utf-8")
    code = main(["solve", str(path), "--time-limit", "5"])
    err = capsys.readouterr().err
    assert code == 2
    assert err == f"error: {path}: previous placement names unknown meeting 99\n"


def test_solve_keeps_a_feasible_previous_placement_whole() -> None:
    # Slot 1 for meeting 10 leaves the participant b with a break (b: slots 1 and 3); the
    # solver would close it, but stability comes first.
    instance = parse_instance(_data([{"meeting": 10, "slot": 1}, {"meeting": 11, "slot": 3}]))
    schedule = solve(instance, time_limit=5)
    assert schedule.placements == {10: 1, 11: 3}
    assert (schedule.stats.moved, schedule.stats.breaks) == (0, 1)
    assert schedule_to_dict(schedule)["stats"]["moved"] == 0


def test_solve_moves_only_what_became_impossible_on_a_generated_event() -> None:
    base = generate(60, 150, seed=3, fixed=0.0)
    first = solve(base, time_limit=10, seed=1)
    previous = tuple(first.placements.items())
    # One participant can no longer attend the slot of one of their meetings.
    victim_meeting = next(m for m in base.meetings if m.id in first.placements)
    person = victim_meeting.participants[0]
    gone = first.placements[victim_meeting.id]
    people = tuple(
        Participant(p.id, (*p.unavailable, gone)) if p.id == person else p
        for p in base.participants
    )
    again = solve(
        dataclasses.replace(base, participants=people, previous=previous), time_limit=10, seed=2
    )
    assert again.stats.weight >= first.stats.weight - victim_meeting.weight
    # The meeting that lost its slot moves; everything else (bar a short chain) stays.
    assert again.placements.get(victim_meeting.id) != gone
    assert 1 <= again.stats.moved <= 3
    unchanged = sum(1 for m, s in previous if again.placements.get(m) == s)
    assert unchanged == len(previous) - again.stats.moved


def test_solve_without_previous_counts_no_moves() -> None:
    schedule = solve(Instance((), (), ()), time_limit=1)
    assert schedule.stats.moved == 0
