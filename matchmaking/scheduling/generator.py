"""Seeded generator of realistic China–Italy B2B events, for tests and the benchmark."""

from __future__ import annotations

import bisect
import itertools
import math
import random

from .model import Instance, Meeting, Participant, Slot

# (participants, meetings) per size; S is the 2016 Week (600 meetings), L fifty times it.
SIZES: dict[str, tuple[int, int]] = {"S": (600, 600), "M": (4000, 6000), "L": (15000, 30000)}
SLOTS_PER_BLOCK = 8  # a morning or an afternoon of 8 meetings; 16 a day


def generate_size(size: str, seed: int = 0) -> Instance:
    """An event of a named size (S, M or L)."""
    people, meetings = SIZES[size]
    return generate(people, meetings, seed=seed, name=f"gen-{size}-{seed}")


def generate(
    n_people: int,
    n_meetings: int,
    *,
    seed: int = 0,
    days: int | None = None,
    name: str = "",
    triples: float = 0.02,
    sessions: float = 0.05,
    fixed: float = 0.005,
    block_size: int = SLOTS_PER_BLOCK,
) -> Instance:
    """An event with Italian and Chinese sides (55:45), skewed popularity and availability holes.

    Meetings mostly join the two sides; 10% are same-side, `triples` have a third participant
    (a colleague), 30% are mutual requests (weight 2), `sessions` are limited to one day and
    `fixed` are fixed to one slot. Tables are set for a 60–95% load; a half-day has
    `block_size` slots.
    """
    rng = random.Random(seed)
    days = days or rng.choice((2, 3))
    n_slots = days * 2 * block_size
    day_mask = [((1 << (2 * block_size)) - 1) << (d * 2 * block_size) for d in range(days)]
    block_mask = [((1 << block_size) - 1) << (b * block_size) for b in range(2 * days)]
    every = (1 << n_slots) - 1
    italian = [rng.random() < 0.55 for _ in range(n_people)]
    avail = [_availability(rng, every, day_mask, block_mask, n_slots) for _ in range(n_people)]
    # Popularity is heavy-tailed: a few participants are asked by very many.
    popularity = [min(rng.paretovariate(1.3), 60.0) for _ in range(n_people)]
    activity = [rng.expovariate(1.0) + 0.2 for _ in range(n_people)]
    sides = {side: [p for p in range(n_people) if italian[p] == side] for side in (True, False)}
    cum_pop = {
        side: list(itertools.accumulate(popularity[p] for p in ps)) for side, ps in sides.items()
    }
    cum_act = list(itertools.accumulate(activity))
    pairs: set[tuple[int, int]] = set()
    out: list[Meeting] = []
    fixed_seats: set[tuple[int, int]] = set()
    fixed_load = [0] * n_slots
    load = n_meetings / n_slots
    capacity = max(1, math.ceil(load / rng.uniform(0.6, 0.95)))
    attempts = 0
    while len(out) < n_meetings and attempts < 20 * n_meetings:
        attempts += 1
        a = bisect.bisect_right(cum_act, rng.random() * cum_act[-1])
        side = italian[a] if rng.random() < 0.1 else not italian[a]
        ps, cum = sides[side], cum_pop[side]
        if not ps:
            continue
        b = ps[min(len(ps) - 1, bisect.bisect_right(cum, rng.random() * cum[-1]))]
        key = (min(a, b), max(a, b))
        if a == b or key in pairs:
            continue
        pairs.add(key)
        group = [a, b]
        if rng.random() < triples:
            mates = sides[italian[a]]
            c = mates[rng.randrange(len(mates))]
            if c not in group:
                group.append(c)
        common = every
        for p in group:
            common &= avail[p]
        allowed = None
        if rng.random() < sessions:
            options = [d for d in day_mask if d & common]
            if options:
                day = rng.choice(options)
                allowed = tuple(s + 1 for s in range(n_slots) if day >> s & 1)
                common &= day
        slot = None
        if rng.random() < fixed and common:
            choices = [s for s in range(n_slots) if common >> s & 1 and fixed_load[s] < capacity]
            choices = [s for s in choices if all((p, s) not in fixed_seats for p in group)]
            if choices:
                slot = rng.choice(choices)
                fixed_load[slot] += 1
                fixed_seats.update((p, slot) for p in group)
        weight = 2 if rng.random() < 0.3 else 1
        mid = len(out) + 1
        out.append(
            Meeting(
                mid,
                tuple(p + 1 for p in group),
                allowed,
                None if slot is None else slot + 1,
                weight,
            )
        )
    slots = tuple(
        Slot(
            s + 1,
            f"d{s // (2 * block_size) + 1}-{'am' if s // block_size % 2 == 0 else 'pm'}",
            capacity,
        )
        for s in range(n_slots)
    )
    people = tuple(
        Participant(p + 1, tuple(s + 1 for s in range(n_slots) if not avail[p] >> s & 1))
        for p in range(n_people)
    )
    return Instance(slots, people, tuple(out), name or f"gen-{n_people}-{n_meetings}-{seed}")


def _availability(
    rng: random.Random, every: int, day_mask: list[int], block_mask: list[int], n_slots: int
) -> int:
    r = rng.random()
    if r < 0.15:
        return every & ~rng.choice(block_mask)  # a lost half-day
    if r < 0.25 and len(day_mask) > 1:
        return rng.choice(day_mask)  # here for a single day
    if r < 0.40:
        mask = every
        for _ in range(rng.randint(1, 4)):
            mask &= ~(1 << rng.randrange(n_slots))  # scattered appointments
        return mask
    return every
