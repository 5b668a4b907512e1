"""Phase 1: place as much meeting weight as possible: greedy construction, then ejection chains."""

from __future__ import annotations

import random
import time

from .core import Problem, State


def pick_slot(st: State, m: int, free: int) -> int:
    """Choose among the free slots of m one that adds few breaks for its participants."""
    pb = st.pb
    busy = st.busy
    both = free
    near = 0
    span = 0
    seen = False
    not_first = pb.not_first
    not_last = pb.not_last
    for p in pb.parts[m]:
        b = busy[p]
        if not b:
            continue
        seen = True
        adj = ((b << 1) & not_first) | ((b >> 1) & not_last)
        both &= adj
        near |= adj
        for bm in pb.block_masks:
            if b & bm:
                span |= bm
    if seen:
        # Next to everyone's meetings, then next to someone's, then in a block nobody uses yet.
        if both:
            free = both
        elif free & near:
            free &= near
        elif free & ~span:
            free &= ~span
    return (free & -free).bit_length() - 1


def greedy_order(pb: Problem, rng: random.Random) -> list[int]:
    """Fixed meetings first, then heavy ones, then those whose previous slot is still allowed
    (so they get it back before others take it), then those with few usable slots or busy
    people."""
    pressure = [
        len(ms) / max(1, u.bit_count()) for ms, u in zip(pb.meetings_of, pb.usable, strict=True)
    ]
    keys = []
    for m in range(pb.n_meetings):
        tight = max(pressure[p] for p in pb.parts[m])
        keys.append(
            (
                pb.fixed[m] < 0,
                -pb.weight[m],
                pb.prev[m] < 0 or not (pb.allowed[m] >> pb.prev[m]) & 1,
                pb.allowed[m].bit_count(),
                -tight,
                rng.random(),
                m,
            )
        )
    keys.sort()
    return [k[-1] for k in keys]


def construct(st: State, rng: random.Random) -> list[int]:
    """Place meetings greedily in a constrained-first order; return the ones left out."""
    pb = st.pb
    left = []
    for m in greedy_order(pb, rng):
        if pb.fixed[m] >= 0:
            st.place(m, pb.fixed[m])
            continue
        free = st.free_mask(m)
        back = pb.prev[m]
        if back >= 0 and (free >> back) & 1:
            # Stability comes before breaks: a meeting keeps its previous slot when it can.
            st.place(m, back)
        elif free:
            st.place(m, pick_slot(st, m, free))
        else:
            left.append(m)
    return left


def _hopeless(st: State, m: int) -> bool:
    """True when some participant of m has every usable slot taken by meetings at least as heavy."""
    pb = st.pb
    w = pb.weight[m]
    n = pb.n_slots
    for p in pb.parts[m]:
        if pb.usable[p] & ~st.busy[p]:
            continue
        base = p * n
        mask = pb.allowed[m]
        lighter = False
        while mask:
            s = (mask & -mask).bit_length() - 1
            mask &= mask - 1
            other = st.at[base + s]
            if other >= 0 and pb.weight[other] < w and pb.fixed[other] < 0:
                lighter = True
                break
        if not lighter:
            return True
    return False


def _chain(st: State, m: int, rng: random.Random, max_len: int) -> bool:
    """Try to place m by ejecting one meeting at a time along a random chain; undo on failure."""
    pb = st.pb
    n = pb.n_slots
    at = st.at
    fixed = pb.fixed
    weight = pb.weight
    journal: list[tuple[int, int]] = []
    cur = m
    tabu = 0
    for _ in range(max_len):
        free = st.free_mask(cur)
        if free:
            st.place(cur, pick_slot(st, cur, free))
            return True
        options: list[tuple[int, int]] = []
        finish: list[tuple[int, int]] = []
        mask = pb.allowed[cur] & ~tabu
        while mask:
            s = (mask & -mask).bit_length() - 1
            mask &= mask - 1
            victim = -1
            blocked = False
            for p in pb.parts[cur]:
                y = at[p * n + s]
                if y >= 0 and y != victim:
                    if victim >= 0 or fixed[y] >= 0:
                        blocked = True
                        break
                    victim = y
            if blocked:
                continue
            if victim < 0:
                movable = [y for y in st.members[s] if fixed[y] < 0]
                if not movable:
                    continue
                victim = movable[rng.randrange(len(movable))]
            options.append((s, victim))
            if st.free_mask(victim) & ~(1 << s):
                finish.append((s, victim))
        if not options:
            break
        s, victim = rng.choice(finish) if finish else rng.choice(options)
        st.remove(victim)
        journal.append((victim, s))
        st.place(cur, s)
        journal.append((cur, -1))
        cur = victim
        tabu = 1 << s
    if cur != m and weight[cur] < weight[m]:
        return True
    for k, s in reversed(journal):
        if s < 0:
            st.remove(k)
        else:
            st.place(k, s)
    return False


def repair(
    st: State,
    left: list[int],
    rng: random.Random,
    *,
    deadline: float,
    max_len: int = 60,
    tries: int = 4,
    rounds: int = 3,
) -> list[int]:
    """Insert left-out meetings with ejection chains, heaviest first; return those still out."""
    pb = st.pb
    for _ in range(rounds):
        left = [m for m in left if st.slot_of[m] < 0]
        left.sort(key=lambda m: -pb.weight[m])
        progress = False
        for m in left:
            if st.slot_of[m] >= 0 or _hopeless(st, m):
                continue
            if time.process_time() > deadline:
                break
            for _ in range(tries):
                if _chain(st, m, rng, max_len):
                    progress = True
                    break
        if not progress:
            break
    return [m for m in range(pb.n_meetings) if st.slot_of[m] < 0]
