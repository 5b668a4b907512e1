"""Plain data for the B2B meeting scheduler: the instance, the schedule, and JSON conversion."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

Id = int | str


class InstanceError(ValueError):
    """An instance that is malformed or whose hard constraints contradict themselves."""


@dataclass(frozen=True, slots=True)
class Slot:
    """A time slot; `block` groups consecutive slots (a half-day or a day), `capacity` is tables."""

    id: Id
    block: Id
    capacity: int


@dataclass(frozen=True, slots=True)
class Participant:
    """Someone who attends meetings, with the slots they cannot attend."""

    id: Id
    unavailable: tuple[Id, ...] = ()


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting of two or more participants, optionally limited to `slots` or `fixed` to one."""

    id: Id
    participants: tuple[Id, ...]
    slots: tuple[Id, ...] | None = None
    fixed: Id | None = None
    weight: float = 1


@dataclass(frozen=True, slots=True)
class Instance:
    """A whole scheduling problem; slots are in time order."""

    slots: tuple[Slot, ...]
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]
    name: str = ""
    # A placement already published, (meeting, slot) pairs: the solver moves as few of these
    # meetings as it must (after weight, ahead of breaks).
    previous: tuple[tuple[Id, Id], ...] = ()


@dataclass(frozen=True, slots=True)
class Stats:
    """Quality figures of a schedule; the break spread is max minus min breaks per participant."""

    placed: int
    unplaced: int
    weight: float
    breaks: int
    break_spread: int
    max_breaks: int
    unplaced_spread: int
    seconds: float = 0.0
    # A lower bound on the breaks of any placement of the same meetings (None: not computed),
    # and whether the breaks meet it (then no placement of these meetings has fewer).
    lower_bound: int | None = None
    optimal: bool = False
    # Meetings of the instance's `previous` placement not placed in that slot any more.
    moved: int = 0


@dataclass(frozen=True, slots=True)
class Schedule:
    """The solver's answer: a slot per placed meeting, the unplaced meetings, and stats."""

    placements: dict[Id, Id]
    unplaced: tuple[Id, ...]
    stats: Stats = field(compare=False)


def _fail(message: str) -> InstanceError:
    return InstanceError(message)


def _id(value: Any, what: str) -> Id:
    # bool is an int subclass, but `true` as an id is a data error, not the number 1.
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _fail(f"{what} must be an integer or a string, got {value!r}")
    return value


def _ids(value: Any, what: str) -> tuple[Id, ...]:
    if not isinstance(value, list):
        raise _fail(f"{what} must be a list, got {value!r}")
    return tuple(_id(v, what) for v in value)


def _obj(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(f"{what} must be an object, got {type(value).__name__}")
    return value


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list):
        raise _fail(f"instance needs a list '{key}'")
    return value


def parse_instance(data: Any) -> Instance:
    """Build an `Instance` from the JSON structure of the bench README and validate it.

    Raises `InstanceError` with a one-line message on anything malformed or contradictory.
    """
    data = _obj(data, "instance")
    name = data.get("name", "")
    slots = []
    for raw in _list(data, "slots"):
        raw = _obj(raw, "slot")
        sid = _id(raw.get("id"), "slot id")
        capacity = raw.get("capacity")
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise _fail(f"slot {sid!r}: capacity must be an integer, got {capacity!r}")
        slots.append(Slot(sid, _id(raw.get("block", 0), f"slot {sid!r} block"), capacity))
    participants = []
    for raw in _list(data, "participants"):
        raw = _obj(raw, "participant")
        pid = _id(raw.get("id"), "participant id")
        unavailable = raw.get("unavailable") or []
        participants.append(Participant(pid, _ids(unavailable, f"participant {pid!r} unavailable")))
    meetings = []
    for raw in _list(data, "meetings"):
        raw = _obj(raw, "meeting")
        mid = _id(raw.get("id"), "meeting id")
        allowed = raw.get("slots")
        fixed = raw.get("fixed")
        weight = raw.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise _fail(f"meeting {mid!r}: weight must be a number, got {weight!r}")
        meetings.append(
            Meeting(
                mid,
                _ids(raw.get("participants"), f"meeting {mid!r} participants"),
                None if allowed is None else _ids(allowed, f"meeting {mid!r} slots"),
                None if fixed is None else _id(fixed, f"meeting {mid!r} fixed"),
                weight,
            )
        )
    previous = []
    raw_previous = data.get("previous")
    if raw_previous is not None:
        if not isinstance(raw_previous, list):
            raise _fail(f"'previous' must be a list, got {raw_previous!r}")
        for raw in raw_previous:
            raw = _obj(raw, "previous placement")
            previous.append(
                (_id(raw.get("meeting"), "previous meeting"), _id(raw.get("slot"), "previous slot"))
            )
    instance = Instance(
        tuple(slots), tuple(participants), tuple(meetings), str(name), tuple(previous)
    )
    validate(instance)
    return instance


def _unique(ids: list[Id], what: str) -> set[Id]:
    seen: set[Id] = set()
    for i in ids:
        if i in seen:
            raise _fail(f"duplicate {what} id {i!r}")
        seen.add(i)
    return seen


def validate(instance: Instance) -> None:
    """Check ids, capacities, weights, blocks and fixed meetings; raise `InstanceError` if wrong."""
    slot_ids = _unique([s.id for s in instance.slots], "slot")
    people = {p.id: p for p in instance.participants}
    _unique([p.id for p in instance.participants], "participant")
    _unique([m.id for m in instance.meetings], "meeting")
    closed: set[Id] = set()
    previous: Id | None = None
    for s in instance.slots:
        if s.capacity < 0:
            raise _fail(f"slot {s.id!r} has negative capacity {s.capacity}")
        if s.block != previous:
            # Breaks are counted between consecutive slots, so a block must be one run of slots.
            if s.block in closed:
                raise _fail(f"block {s.block!r} is not a run of consecutive slots")
            if previous is not None:
                closed.add(previous)
            previous = s.block
    for p in instance.participants:
        for sid in p.unavailable:
            if sid not in slot_ids:
                raise _fail(f"participant {p.id!r} is unavailable in unknown slot {sid!r}")
    capacity = {s.id: s.capacity for s in instance.slots}
    fixed_seats: dict[tuple[Id, Id], Id] = {}
    fixed_load: dict[Id, int] = {}
    for m in instance.meetings:
        _check_meeting(m, slot_ids, people)
        if m.fixed is None:
            continue
        for pid in m.participants:
            other = fixed_seats.setdefault((pid, m.fixed), m.id)
            if other != m.id:
                raise _fail(
                    f"meetings {other!r} and {m.id!r} are both fixed to slot {m.fixed!r} "
                    f"with participant {pid!r}"
                )
        fixed_load[m.fixed] = fixed_load.get(m.fixed, 0) + 1
        if fixed_load[m.fixed] > capacity[m.fixed]:
            raise _fail(f"more meetings are fixed to slot {m.fixed!r} than it has tables")
    meeting_ids = {m.id for m in instance.meetings}
    seen: set[Id] = set()
    for mid, sid in instance.previous:
        if mid not in meeting_ids:
            raise _fail(f"previous placement names unknown meeting {mid!r}")
        if sid not in slot_ids:
            raise _fail(f"previous placement puts meeting {mid!r} in unknown slot {sid!r}")
        if mid in seen:
            raise _fail(f"previous placement names meeting {mid!r} twice")
        seen.add(mid)


def _check_meeting(m: Meeting, slot_ids: set[Id], people: dict[Id, Participant]) -> None:
    if len(m.participants) < 2:
        raise _fail(f"meeting {m.id!r} needs at least two participants")
    if len(set(m.participants)) != len(m.participants):
        raise _fail(f"meeting {m.id!r} lists a participant twice")
    if not math.isfinite(m.weight) or m.weight <= 0:
        raise _fail(f"meeting {m.id!r} has weight {m.weight!r}; it must be positive")
    for pid in m.participants:
        if pid not in people:
            raise _fail(f"meeting {m.id!r} has unknown participant {pid!r}")
    for sid in m.slots or ():
        if sid not in slot_ids:
            raise _fail(f"meeting {m.id!r} allows unknown slot {sid!r}")
    if m.fixed is None:
        return
    if m.fixed not in slot_ids:
        raise _fail(f"meeting {m.id!r} is fixed to unknown slot {m.fixed!r}")
    if m.slots is not None and m.fixed not in m.slots:
        raise _fail(f"meeting {m.id!r} is fixed to slot {m.fixed!r} outside its allowed slots")
    for pid in m.participants:
        if m.fixed in people[pid].unavailable:
            raise _fail(
                f"meeting {m.id!r} is fixed to slot {m.fixed!r}, "
                f"where participant {pid!r} is unavailable"
            )


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    """The JSON structure of an instance, as the bench README defines it."""
    return {
        "name": instance.name,
        "slots": [{"id": s.id, "block": s.block, "capacity": s.capacity} for s in instance.slots],
        "participants": [
            {"id": p.id, "unavailable": list(p.unavailable)} for p in instance.participants
        ],
        "meetings": [
            {
                "id": m.id,
                "participants": list(m.participants),
                "slots": None if m.slots is None else list(m.slots),
                "fixed": m.fixed,
                "weight": m.weight,
            }
            for m in instance.meetings
        ],
        **(
            {"previous": [{"meeting": m, "slot": s} for m, s in instance.previous]}
            if instance.previous
            else {}
        ),
    }


def schedule_to_dict(schedule: Schedule, *, with_stats: bool = True) -> dict[str, Any]:
    """The placement JSON: `placements` and `unplaced` as the README defines them, plus `stats`."""
    out: dict[str, Any] = {
        "placements": [{"meeting": m, "slot": s} for m, s in schedule.placements.items()],
        "unplaced": list(schedule.unplaced),
    }
    if with_stats:
        st = schedule.stats
        out["stats"] = {
            "placed": st.placed,
            "unplaced": st.unplaced,
            "weight": st.weight,
            "breaks": st.breaks,
            "break_spread": st.break_spread,
            "max_breaks": st.max_breaks,
            "unplaced_spread": st.unplaced_spread,
            "moved": st.moved,
            "seconds": round(st.seconds, 3),
            "lower_bound": st.lower_bound,
            "optimal": st.optimal,
        }
    return out
