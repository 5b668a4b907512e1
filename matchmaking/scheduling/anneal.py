"""Phase 2: fewer and fairer breaks by simulated annealing over Kempe-chain moves.

A move takes one placed meeting from slot s towards slot t and swaps, between s and t, the whole
connected set of meetings whose participants would clash (a Kempe chain); plain moves and swaps are
the small cases. Every placed meeting stays placed, so phase 1's weight is kept.
"""

from __future__ import annotations

import math
import random
import time

from .core import State

# Cost of a participant with b breaks is BREAK_COST * b + b * b: the total number of breaks
# dominates, and the square spreads the remaining breaks evenly (fairness, objective 3).
BREAK_COST = 8
# Idle slots inside a block cost a little: they give the search a slope towards closing gaps.
IDLE_COST = 1


def break_cost(b: int) -> int:
    """The annealing cost of one participant with b breaks."""
    return BREAK_COST * b + b * b


def anneal(
    st: State,
    rng: random.Random,
    *,
    iterations: int,
    deadline: float,
    t_start: float = 1.5 * BREAK_COST,
    t_end: float = 0.04 * BREAK_COST,
    max_chain: int = 24,
) -> int:
    """Run the annealing in place, leave the best placement found in `st`; return its cost."""
    pb = st.pb
    n = pb.n_slots
    parts = pb.parts
    allowed = pb.allowed
    fixed = pb.fixed
    capacity = pb.capacity
    block_of = pb.block_of
    slot_mask = pb.slot_block_mask
    not_first = pb.not_first
    not_last = pb.not_last
    meetings_of = pb.meetings_of
    at = st.at
    busy = st.busy
    slot_of = st.slot_of
    load = st.load
    brk = [pb.block_breaks(b) for b in busy]
    idle = [pb.idle_slots(b) for b in busy]
    cost = [break_cost(b) for b in range(n + 2)]
    movable = [m for m in range(pb.n_meetings) if slot_of[m] >= 0 and fixed[m] < 0]
    if not movable or iterations <= 0:
        return sum(cost[b] for b in brk)
    # Participants with breaks, kept as a list with positions so one is drawn in O(1).
    bad: list[int] = []
    bad_pos = [-1] * pb.n_people
    for p, b in enumerate(brk):
        if b:
            bad_pos[p] = len(bad)
            bad.append(p)
    mark_m = [0] * pb.n_meetings
    mark_p = [0] * pb.n_people
    stamp = 0
    current = sum(cost[b] for b in brk) + IDLE_COST * sum(idle)
    best = current
    best_slots: list[int] | None = None
    keep_from = iterations // 2
    temp = t_start
    ratio = t_end / t_start
    rand = rng.random
    exp = math.exp
    items: list[int] = []
    changes: list[tuple[int, int, int, int]] = []
    n_movable = len(movable)
    for it in range(iterations):
        if not it & 255:
            if time.perf_counter() > deadline:
                break
            temp = t_start * ratio ** (it / iterations)
        if bad and rand() < 0.7:
            p = bad[int(rand() * len(bad))]
            ms = meetings_of[p]
            m = ms[int(rand() * len(ms))]
            if slot_of[m] < 0 or fixed[m] >= 0:
                continue
        else:
            m = movable[int(rand() * n_movable)]
            pm = parts[m]
            p = pm[int(rand() * len(pm))]
        s = slot_of[m]
        b = busy[p]
        if rand() < 0.75:
            cand = (((b << 1) & not_first) | ((b >> 1) & not_last)) & ~b & allowed[m]
        else:
            cand = allowed[m] & ~(1 << s)
        if not cand:
            continue
        k = int(rand() * cand.bit_count())
        while k:
            cand &= cand - 1
            k -= 1
        t = (cand & -cand).bit_length() - 1
        # Grow the Kempe chain of slots s and t from m.
        stamp += 1
        mark_m[m] = stamp
        items.clear()
        items.append(m)
        i = 0
        ok = True
        in_s = 0
        while i < len(items):
            x = items[i]
            i += 1
            if slot_of[x] == s:
                other = t
                in_s += 1
            else:
                other = s
            if fixed[x] >= 0 or not (allowed[x] >> other) & 1:
                ok = False
                break
            for q in parts[x]:
                y = at[q * n + other]
                if y >= 0 and mark_m[y] != stamp:
                    mark_m[y] = stamp
                    items.append(y)
            if len(items) > max_chain:
                ok = False
                break
        if not ok:
            continue
        in_t = len(items) - in_s
        if load[s] - in_s + in_t > capacity[s] or load[t] - in_t + in_s > capacity[t]:
            continue
        bits = (1 << s) | (1 << t)
        mask_s = slot_mask[s]
        mask_t = slot_mask[t] if block_of[s] != block_of[t] else 0
        delta = 0
        changes.clear()
        for x in items:
            for q in parts[x]:
                if mark_p[q] == stamp:
                    continue
                mark_p[q] = stamp
                ob = busy[q]
                if not ((ob >> s) ^ (ob >> t)) & 1:
                    continue
                nb = ob ^ bits
                new = brk[q]
                gap = idle[q]
                xo = ob & mask_s
                xn = nb & mask_s
                if xo:
                    new -= (xo & ~(xo << 1)).bit_count() - 1
                    gap -= xo.bit_length() - (xo & -xo).bit_length() + 1 - xo.bit_count()
                if xn:
                    new += (xn & ~(xn << 1)).bit_count() - 1
                    gap += xn.bit_length() - (xn & -xn).bit_length() + 1 - xn.bit_count()
                if mask_t:
                    xo = ob & mask_t
                    xn = nb & mask_t
                    if xo:
                        new -= (xo & ~(xo << 1)).bit_count() - 1
                        gap -= xo.bit_length() - (xo & -xo).bit_length() + 1 - xo.bit_count()
                    if xn:
                        new += (xn & ~(xn << 1)).bit_count() - 1
                        gap += xn.bit_length() - (xn & -xn).bit_length() + 1 - xn.bit_count()
                delta += cost[new] - cost[brk[q]] + IDLE_COST * (gap - idle[q])
                changes.append((q, nb, new, gap))
        if delta > 0 and rand() >= exp(-delta / temp):
            continue
        for x in items:
            a = slot_of[x]
            for q in parts[x]:
                at[q * n + a] = -1
        for x in items:
            a = t if slot_of[x] == s else s
            slot_of[x] = a
            for q in parts[x]:
                at[q * n + a] = x
        load[s] += in_t - in_s
        load[t] += in_s - in_t
        for q, nb, new, gap in changes:
            busy[q] = nb
            idle[q] = gap
            if (brk[q] == 0) != (new == 0):
                if new:
                    bad_pos[q] = len(bad)
                    bad.append(q)
                else:
                    j = bad_pos[q]
                    last = bad.pop()
                    if last != q:
                        bad[j] = last
                        bad_pos[last] = j
                    bad_pos[q] = -1
            brk[q] = new
        current += delta
        if current < best:
            best = current
            if it >= keep_from:
                best_slots = list(slot_of)
    if best_slots is not None and best < current:
        st.restore(best_slots)
        return best
    st.rebuild()
    return current
