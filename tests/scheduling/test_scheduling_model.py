"""Parsing and validation of scheduler instances."""

from __future__ import annotations

from typing import Any

import pytest

from matchmaking.scheduling import (
    Instance,
    InstanceError,
    Meeting,
    Participant,
    Slot,
    instance_to_dict,
    parse_instance,
    schedule_to_dict,
    solve,
)


def _data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "tiny",
        "slots": [
            {"id": 1, "block": "am", "capacity": 2},
            {"id": 2, "block": "am", "capacity": 2},
            {"id": 3, "block": "pm", "capacity": 1},
        ],
        "participants": [
            {"id": "a", "unavailable": []},
            {"id": "b", "unavailable": [3]},
            {"id": "c", "unavailable": []},
        ],
        "meetings": [
            {"id": 10, "participants": ["a", "b"], "slots": None, "fixed": None},
            {"id": 11, "participants": ["a", "c"], "slots": [2, 3], "fixed": 3, "weight": 2},
        ],
    }
    data.update(changes)
    return data


def test_parse_instance_builds_dataclasses() -> None:
    instance = parse_instance(_data())
    assert instance.name == "tiny"
    assert instance.slots[0] == Slot(1, "am", 2)
    assert instance.participants[1] == Participant("b", (3,))
    assert instance.meetings[1] == Meeting(11, ("a", "c"), (2, 3), 3, 2)


def test_parse_instance_round_trips_through_dict() -> None:
    instance = parse_instance(_data())
    assert parse_instance(instance_to_dict(instance)) == instance


def test_parse_instance_defaults_weight_to_one() -> None:
    assert parse_instance(_data()).meetings[0].weight == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"slots": [{"id": 1, "block": 1, "capacity": -1}]}, "negative capacity"),
        ({"slots": [{"id": 1, "block": 1, "capacity": 1}] * 2}, "duplicate slot id 1"),
        ({"participants": [{"id": "a"}, {"id": "a"}]}, "duplicate participant id 'a'"),
        ({"participants": [{"id": "a", "unavailable": [9]}]}, "unknown slot 9"),
        ({"meetings": [{"id": 1, "participants": ["a", "zz"]}]}, "unknown participant 'zz'"),
        ({"meetings": [{"id": 1, "participants": ["a"]}]}, "at least two participants"),
        ({"meetings": [{"id": 1, "participants": ["a", "a"]}]}, "lists a participant twice"),
        ({"meetings": [{"id": 1, "participants": ["a", "b"], "slots": [7]}]}, "unknown slot 7"),
        ({"meetings": [{"id": 1, "participants": ["a", "b"], "fixed": 7}]}, "unknown slot 7"),
        ({"meetings": [{"id": 1, "participants": ["a", "b"], "weight": 0}]}, "must be positive"),
        ({"meetings": [{"id": 1, "participants": ["a", "b"], "weight": "x"}]}, "weight"),
        ({"meetings": [{"id": True, "participants": ["a", "b"]}]}, "integer or a string"),
        ({"meetings": "nope"}, "list 'meetings'"),
    ],
)
def test_parse_instance_rejects_bad_input(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(InstanceError, match=message):
        parse_instance(_data(**changes))


def test_parse_instance_rejects_duplicate_meeting_ids() -> None:
    meetings = [{"id": 1, "participants": ["a", "b"]}, {"id": 1, "participants": ["a", "c"]}]
    with pytest.raises(InstanceError, match="duplicate meeting id 1"):
        parse_instance(_data(meetings=meetings))


def test_parse_instance_rejects_meeting_fixed_where_participant_is_unavailable() -> None:
    meetings = [{"id": 1, "participants": ["a", "b"], "fixed": 3}]
    with pytest.raises(InstanceError, match="fixed to slot 3, where participant 'b' is"):
        parse_instance(_data(meetings=meetings))


def test_parse_instance_rejects_clashing_fixed_meetings() -> None:
    meetings = [
        {"id": 1, "participants": ["a", "b"], "fixed": 1},
        {"id": 2, "participants": ["a", "c"], "fixed": 1},
    ]
    with pytest.raises(InstanceError, match="both fixed to slot 1"):
        parse_instance(_data(meetings=meetings))


def test_parse_instance_rejects_more_fixed_meetings_than_tables() -> None:
    participants = [{"id": p} for p in "abcd"]
    meetings = [
        {"id": 1, "participants": ["a", "b"], "fixed": 3},
        {"id": 2, "participants": ["c", "d"], "fixed": 3},
    ]
    with pytest.raises(InstanceError, match="more meetings are fixed to slot 3"):
        parse_instance(_data(participants=participants, meetings=meetings))


def test_parse_instance_rejects_split_block() -> None:
    slots = [
        {"id": 1, "block": "x", "capacity": 1},
        {"id": 2, "block": "y", "capacity": 1},
        {"id": 3, "block": "x", "capacity": 1},
    ]
    with pytest.raises(InstanceError, match="block 'x' is not a run"):
        parse_instance(_data(slots=slots, participants=[], meetings=[]))


def test_schedule_to_dict_keeps_readme_format() -> None:
    instance = parse_instance(_data())
    out = schedule_to_dict(solve(instance, time_limit=5))
    assert out["placements"] == [{"meeting": 10, "slot": 1}, {"meeting": 11, "slot": 3}] or out[
        "placements"
    ] == [{"meeting": 10, "slot": 2}, {"meeting": 11, "slot": 3}]
    assert out["unplaced"] == []
    assert out["stats"]["placed"] == 2
    assert out["stats"]["weight"] == 3


def test_solve_handles_empty_instance() -> None:
    schedule = solve(Instance((), (), ()), time_limit=1)
    assert schedule.placements == {}
    assert schedule.unplaced == ()
    assert schedule.stats.breaks == 0
