"""Check a placement against the hard constraints and measure it (weight, breaks, fairness)."""

from __future__ import annotations

from .core import Problem
from .model import Id, Instance, Stats


def violations(instance: Instance, placements: dict[Id, Id]) -> list[str]:
    """Every hard constraint the placement breaks, as readable lines (empty when valid)."""
    problems = []
    slots = {s.id: s for s in instance.slots}
    people = {p.id: set(p.unavailable) for p in instance.participants}
    seats: dict[tuple[Id, Id], Id] = {}
    load: dict[Id, int] = {}
    for m in instance.meetings:
        s = placements.get(m.id)
        if s is None:
            if m.fixed is not None:
                problems.append(f"fixed meeting {m.id!r} is not placed")
            continue
        if s not in slots:
            problems.append(f"meeting {m.id!r} placed in unknown slot {s!r}")
            continue
        if m.fixed is not None and s != m.fixed:
            problems.append(f"meeting {m.id!r} is fixed to {m.fixed!r} but placed in {s!r}")
        if m.slots is not None and s not in m.slots:
            problems.append(f"meeting {m.id!r} placed outside its slots in {s!r}")
        load[s] = load.get(s, 0) + 1
        for p in m.participants:
            if s in people[p]:
                problems.append(f"participant {p!r} is unavailable in slot {s!r}")
            other = seats.setdefault((p, s), m.id)
            if other != m.id:
                problems.append(f"participant {p!r} has meetings {other!r} and {m.id!r} in {s!r}")
    for s, n in load.items():
        if n > slots[s].capacity:
            problems.append(f"slot {s!r} holds {n} meetings for {slots[s].capacity} tables")
    known = {m.id for m in instance.meetings}
    for m in placements:
        if m not in known:
            problems.append(f"unknown meeting {m!r} placed")
    return problems


def breaks_per_participant(instance: Instance, placements: dict[Id, Id]) -> dict[Id, int]:
    """Breaks of each participant: consecutive meetings in one block that are not adjacent."""
    pb = Problem(instance)
    slot_index = {sid: i for i, sid in enumerate(pb.slot_ids)}
    busy = [0] * pb.n_people
    for k, m in enumerate(instance.meetings):
        s = placements.get(m.id)
        if s is not None:
            for p in pb.parts[k]:
                busy[p] |= 1 << slot_index[s]
    return {p.id: pb.block_breaks(b) for p, b in zip(instance.participants, busy, strict=True)}


def measure(instance: Instance, placements: dict[Id, Id], seconds: float = 0.0) -> Stats:
    """Stats of a placement; spreads are taken over participants who asked for a meeting."""
    brk = breaks_per_participant(instance, placements)
    unplaced: dict[Id, int] = {}
    involved: set[Id] = set()
    weight = 0.0
    placed = 0
    for m in instance.meetings:
        involved.update(m.participants)
        if m.id in placements:
            placed += 1
            weight += m.weight
        else:
            for p in m.participants:
                unplaced[p] = unplaced.get(p, 0) + 1
    counts = [brk[p] for p in involved] or [0]
    lost = [unplaced.get(p, 0) for p in involved] or [0]
    return Stats(
        placed=placed,
        unplaced=len(instance.meetings) - placed,
        weight=weight,
        breaks=sum(brk.values()),
        break_spread=max(counts) - min(counts),
        max_breaks=max(counts),
        unplaced_spread=max(lost) - min(lost),
        seconds=seconds,
        moved=sum(1 for mid, sid in instance.previous if placements.get(mid) != sid),
    )
