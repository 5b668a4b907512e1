"""Harder variants of an instance, as in Bofill et al. (JAIR 74, 2022): forbidden slots and
fixed meetings, for tests and the benchmark.

Both start from a feasible placement of the instance (`placements`, meeting id to slot id) and
keep it feasible, so a variant of an instance whose every meeting can be placed can still place
them all: a participant is only forbidden slots where that placement leaves them free, and a
meeting is only fixed to the slot that placement gives it. The choice depends on `seed` alone
(and the instance and placement), so a variant is the same on every machine.

Both are plain instances in the project's format: a forbidden slot is one more entry of the
participant's `unavailable`, a fixed meeting has `fixed` set; the solver treats both as hard.
"""

from __future__ import annotations

import dataclasses
import random

from .model import Id, Instance, validate

# Shares the benchmark uses: a twentieth of the (participant, slot) pairs of participants with
# meetings forbidden, a fifth of the meetings fixed.
FORBID_SHARE = 0.05
FIX_SHARE = 0.2


def forbid_slots(
    instance: Instance, placements: dict[Id, Id], *, share: float = FORBID_SHARE, seed: int = 0
) -> Instance:
    """`instance` with `share` of its (participant, slot) pairs made unavailable.

    Pairs are counted over participants with at least one meeting; only pairs where the
    participant is available and free in `placements` are drawn (fewer when there are not
    enough), so `placements` stays valid.
    """
    busy: set[tuple[Id, Id]] = set()
    active: set[Id] = set()
    for m in instance.meetings:
        active.update(m.participants)
        if m.id in placements:
            busy.update((p, placements[m.id]) for p in m.participants)
    people = [p for p in instance.participants if p.id in active]
    candidates = [
        (i, s.id)
        for i, p in enumerate(people)
        for s in instance.slots
        if s.id not in p.unavailable and (p.id, s.id) not in busy
    ]
    count = min(len(candidates), round(share * len(people) * len(instance.slots)))
    drawn = sorted(random.Random(seed).sample(range(len(candidates)), count))
    extra: dict[Id, list[Id]] = {}
    for k in drawn:
        i, sid = candidates[k]
        extra.setdefault(people[i].id, []).append(sid)
    order = {s.id: k for k, s in enumerate(instance.slots)}
    participants = tuple(
        dataclasses.replace(
            p, unavailable=tuple(sorted((*p.unavailable, *extra[p.id]), key=order.__getitem__))
        )
        if p.id in extra
        else p
        for p in instance.participants
    )
    out = dataclasses.replace(
        instance, participants=participants, name=f"{instance.name}-forbid{seed}"
    )
    validate(out)
    return out


def fix_meetings(
    instance: Instance, placements: dict[Id, Id], *, share: float = FIX_SHARE, seed: int = 0
) -> Instance:
    """`instance` with `share` of its meetings fixed to their slot in `placements`.

    Drawn among the meetings `placements` places that are not fixed already.
    """
    candidates = [
        k for k, m in enumerate(instance.meetings) if m.fixed is None and m.id in placements
    ]
    count = min(len(candidates), round(share * len(instance.meetings)))
    drawn = {candidates[k] for k in random.Random(seed).sample(range(len(candidates)), count)}
    meetings = tuple(
        dataclasses.replace(m, fixed=placements[m.id]) if k in drawn else m
        for k, m in enumerate(instance.meetings)
    )
    out = dataclasses.replace(instance, meetings=meetings, name=f"{instance.name}-fixed{seed}")
    validate(out)
    return out
