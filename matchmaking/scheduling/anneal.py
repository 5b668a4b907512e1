"""Phase 2: fewer and fairer breaks by simulated annealing over Kempe-chain and insertion moves.

Insertions let the search trade an unplaced meeting for another of the same weight (and find
weight phase 1 missed); placed weight never goes down, as its cost dwarfs any break. See
`moves` for the moves themselves.
"""

from __future__ import annotations

import math
import random
import time

from .core import State
from .moves import BREAK_COST, IDLE_COST, Pool, Search, insertion

# One unit of placed weight outweighs any number of breaks a single move can change.
WEIGHT_COST = 512 * BREAK_COST
# Share of moves that try to insert an unplaced meeting (when there is one).
INSERT_SHARE = 0.1
# Share of moves that start from a participant with breaks, and that aim next to a meeting.
FOCUS = 0.85
NEAR = 0.75


def anneal(
    st: State,
    rng: random.Random,
    *,
    iterations: int,
    deadline: float,
    t_start: float = 1.5 * BREAK_COST,
    t_end: float = 0.125 * BREAK_COST,
    max_chain: int = 24,
    compound: int = 2 * BREAK_COST,
    repair_tries: int = 3,
    windows: list[int] | None = None,
) -> tuple[float, int]:
    """Run the annealing in place and leave the best placement found in `st`.

    `windows`: a target window of slots per participant (see `windows`), or None.

    A move that costs at most `compound` may be followed by a repair move for the participant it
    hurt most, and the pair is judged together. Returns (unplaced weight, break cost).
    """
    pb = st.pb
    allowed = pb.allowed
    fixed = pb.fixed
    parts = pb.parts
    not_first = pb.not_first
    not_last = pb.not_last
    weight = pb.weight
    busy = st.busy
    slot_of = st.slot_of
    search = Search(st, rng, max_chain, windows)
    away = search.away
    cost = search.cost
    brk = search.brk
    idle = search.idle
    bad = search.bad
    movable = [m for m in range(pb.n_meetings) if fixed[m] < 0 and allowed[m]]
    out = Pool(pb.n_meetings, [m for m in movable if slot_of[m] < 0])
    lost = sum(weight[m] for m in out.items)
    # Best state by (unplaced weight, moves from the previous placement, breaks, cost): the
    # cost alone would trade a break for a few idle slots, which the objective does not count.
    best = (lost, search.moved, search.breaks, search.current)
    if not movable or iterations <= 0:
        return best[0], best[3]
    best_slots: list[int] | None = None
    # Snapshots cost a copy of the placement: large events only keep those of the second half.
    keep_from = 0 if pb.n_meetings <= 2000 else iterations // 2
    improved = 0
    patience = max(50000, iterations // 3)
    temp = t_start
    ratio = t_end / t_start
    rand = rng.random
    exp = math.exp
    n_movable = len(movable)
    for it in range(iterations):
        if not it & 255:
            if time.process_time() > deadline:
                break
            # Stop early once nothing is left to gain, or nothing has been gained for long.
            done = search.breaks == 0 and not out.items and search.moved <= search.must_move
            if done or it - improved > patience:
                break
            temp = t_start * ratio ** (it / iterations)
        if out.items and rand() < INSERT_SHARE:
            u = out.items[int(rand() * len(out.items))]
            mask = allowed[u]
            k = int(rand() * mask.bit_count())
            while k:
                mask &= mask - 1
                k -= 1
            t = (mask & -mask).bit_length() - 1
            ins = insertion(st, u, t, brk, idle, cost, rand, away)
            if ins is None:
                continue
            delta, gained, victims, ins_changes = ins
            total = delta - WEIGHT_COST * gained
            if total > 0 and rand() >= exp(-total / temp):
                continue
            touched = [u, *victims]
            moved_before = search.count_moved(touched)
            for x in victims:
                st.remove(x)
                out.add(x)
            out.discard(u)
            st.place(u, t)
            search.moved += search.count_moved(touched) - moved_before
            search.settle(ins_changes)
            lost -= gained
            search.current += delta
        else:
            if bad.items and rand() < FOCUS:
                m = search.pick_end(bad.items[int(rand() * len(bad.items))])
                if fixed[m] >= 0:
                    continue
            else:
                m = movable[int(rand() * n_movable)]
                if slot_of[m] < 0:
                    continue
            pm = parts[m]
            p = pm[int(rand() * len(pm))]
            s = slot_of[m]
            b = busy[p]
            if rand() < NEAR:
                cand = (((b << 1) & not_first) | ((b >> 1) & not_last)) & ~b & allowed[m]
            else:
                cand = allowed[m] & ~(1 << s)
            if not cand:
                continue
            k = int(rand() * cand.bit_count())
            while k:
                cand &= cand - 1
                k -= 1
            plan = search.kempe(m, (cand & -cand).bit_length() - 1)
            if plan is None:
                continue
            delta = plan[0]
            if delta <= 0 or rand() < exp(-delta / temp):
                search.apply(plan)
            elif delta <= compound:
                # Try to pay for the damage at once: repair the participant hurt most.
                undo = search.apply(plan)
                worst = -1
                most = 0
                for (q, _nb, new, gap), (_q, _ob, old, old_gap) in zip(
                    plan[4], undo[4], strict=True
                ):
                    hurt = cost[new] - cost[old] + IDLE_COST * (gap - old_gap)
                    if hurt > most and new:
                        worst, most = q, hurt
                fix = search.repair_for(worst, repair_tries) if worst >= 0 else None
                if fix is not None and (
                    delta + fix[0] <= 0 or rand() < exp(-(delta + fix[0]) / temp)
                ):
                    search.apply(fix)
                else:
                    search.apply(undo)
                    continue
            else:
                continue
        key = (lost, search.moved, search.breaks, search.current)
        if key < best:
            best = key
            improved = it
            if it >= keep_from:
                best_slots = list(slot_of)
    if best_slots is not None and best < (lost, search.moved, search.breaks, search.current):
        st.restore(best_slots)
        return best[0], best[3]
    return lost, search.current
