"""Moves of the break search: Kempe chains between two slots and insertions of unplaced meetings.

A Kempe move takes one placed meeting from slot s towards slot t and swaps, between s and t, the
whole connected set of meetings whose participants would clash; plain moves and swaps are the
small cases. An insertion puts an unplaced meeting in a slot and unplaces what blocks it.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from .core import State

# Cost of a participant with b breaks is BREAK_COST * b + b * b: the total number of breaks
# dominates, and the square spreads the remaining breaks evenly (fairness, objective 3).
BREAK_COST = 8
# Idle slots inside a block cost a little: they give the search a slope towards closing gaps.
IDLE_COST = 3
# Each meeting moved away from its previous slot (see `Instance.previous`) costs this: more than
# the breaks any one move can save, less than a unit of placed weight (`anneal.WEIGHT_COST`).
MOVE_COST = 64 * BREAK_COST
# Each meeting a participant holds outside their target window (see `windows`) costs this: a
# slope towards runs that fit together, small beside a break.
WINDOW_COST = 2


def break_cost(b: int) -> int:
    """The annealing cost of one participant with b breaks."""
    return BREAK_COST * b + b * b


class Pool:
    """A set of small ints with O(1) add, discard and uniform draw (a list plus positions)."""

    __slots__ = ("items", "pos")

    def __init__(self, size: int, items: list[int]) -> None:
        self.items = list(items)
        self.pos = [-1] * size
        for i, x in enumerate(self.items):
            self.pos[x] = i

    def add(self, x: int) -> None:
        if self.pos[x] < 0:
            self.pos[x] = len(self.items)
            self.items.append(x)

    def discard(self, x: int) -> None:
        i = self.pos[x]
        if i >= 0:
            last = self.items.pop()
            if last != x:
                self.items[i] = last
                self.pos[last] = i
            self.pos[x] = -1

    def set(self, x: int, member: int) -> None:
        """Add x when `member` is truthy, discard it otherwise."""
        if member:
            self.add(x)
        else:
            self.discard(x)


def _block_change(ob: int, nb: int, mask: int) -> tuple[int, int]:
    """Change in (breaks, idle slots) inside one block when a busy set goes from ob to nb."""
    db = dg = 0
    x = ob & mask
    if x:
        db -= (x & ~(x << 1)).bit_count() - 1
        dg -= x.bit_length() - (x & -x).bit_length() + 1 - x.bit_count()
    x = nb & mask
    if x:
        db += (x & ~(x << 1)).bit_count() - 1
        dg += x.bit_length() - (x & -x).bit_length() + 1 - x.bit_count()
    return db, dg


def insertion(
    st: State,
    u: int,
    t: int,
    brk: list[int],
    idle: list[int],
    cost: list[int],
    rand: Callable[[], float],
    away: list[int] | None = None,
) -> tuple[int, float, list[int], list[tuple[int, int, int, int]]] | None:
    """Plan putting unplaced u in slot t: (break cost delta, weight gained, victims, changes)."""
    pb = st.pb
    n = pb.n_slots
    at = st.at
    fixed = pb.fixed
    victims: list[int] = []
    for q in pb.parts[u]:
        y = at[q * n + t]
        if y >= 0 and y not in victims:
            if fixed[y] >= 0:
                return None
            victims.append(y)
    if st.load[t] - len(victims) >= pb.capacity[t]:
        members = st.members[t]
        if not members:
            return None
        y = members[int(rand() * len(members))]
        if fixed[y] >= 0 or y in victims:
            return None
        victims.append(y)
    gained = pb.weight[u] - sum(pb.weight[v] for v in victims)
    prev = pb.prev
    moved = sum(1 for v in victims if prev[v] >= 0 and st.slot_of[v] == prev[v])
    if prev[u] >= 0 and prev[u] == t:
        moved -= 1
    bit = 1 << t
    mask = pb.slot_block_mask[t]
    busy = st.busy
    delta = MOVE_COST * moved
    changes = []
    for q in pb.parts[u]:
        ob = busy[q]
        if not ob & bit:
            db, dg = _block_change(ob, ob | bit, mask)
            new = brk[q] + db
            delta += cost[new] - cost[brk[q]] + IDLE_COST * dg
            if away and away[q] & bit:
                delta += WINDOW_COST
            changes.append((q, ob | bit, new, idle[q] + dg))
    for v in victims:
        for q in pb.parts[v]:
            if q not in pb.parts[u]:
                ob = busy[q]
                db, dg = _block_change(ob, ob & ~bit, mask)
                new = brk[q] + db
                delta += cost[new] - cost[brk[q]] + IDLE_COST * dg
                if away and away[q] & bit:
                    delta -= WINDOW_COST
                changes.append((q, ob & ~bit, new, idle[q] + dg))
    return delta, gained, victims, changes


Plan = tuple[int, list[int], int, int, list[tuple[int, int, int, int]]]


class Search:
    """The annealing state: per-participant breaks and idle slots on top of a `State`."""

    def __init__(
        self, st: State, rng: random.Random, max_chain: int, windows: list[int] | None = None
    ) -> None:
        pb = st.pb
        self.st = st
        self.pb = pb
        self.rand = rng.random
        self.max_chain = max_chain
        self.brk = [pb.block_breaks(b) for b in st.busy]
        self.idle = [pb.idle_slots(b) for b in st.busy]
        self.cost = [break_cost(b) for b in range(pb.n_slots + 2)]
        self.current = sum(self.cost[b] for b in self.brk) + IDLE_COST * sum(self.idle)
        # away[p]: slots outside p's target window (0: p has none); empty: no windows at all.
        every = (1 << pb.n_slots) - 1
        self.away = [every & ~w if w else 0 for w in windows] if windows else []
        self.current += WINDOW_COST * sum(
            (b & a).bit_count() for b, a in zip(st.busy, self.away, strict=False)
        )
        # Total breaks: the objective itself (the cost adds fairness and a slope over idle slots).
        self.breaks = sum(self.brk)
        # Meetings away from their previous slot: the objective ahead of breaks, when given.
        self.has_prev = any(s >= 0 for s in pb.prev)
        self.moved = self.count_moved(range(pb.n_meetings))
        # Meetings whose previous slot is no longer allowed: they move whatever the search does.
        self.must_move = sum(
            1 for m, s in enumerate(pb.prev) if s >= 0 and not (pb.allowed[m] >> s) & 1
        )
        self.bad = Pool(pb.n_people, [p for p, b in enumerate(self.brk) if b])
        self.mark_m = [0] * pb.n_meetings
        self.mark_p = [0] * pb.n_people
        self.stamp = 0

    def kempe(self, m: int, t: int) -> Plan | None:
        """Plan moving m to slot t with its Kempe chain: (cost delta, items, s, t, changes)."""
        pb = self.pb
        st = self.st
        n = pb.n_slots
        parts = pb.parts
        allowed = pb.allowed
        fixed = pb.fixed
        capacity = pb.capacity
        at = st.at
        slot_of = st.slot_of
        load = st.load
        mark_m = self.mark_m
        s = slot_of[m]
        self.stamp += 1
        stamp = self.stamp
        mark_m[m] = stamp
        items = [m]
        i = 0
        in_s = 0
        extra = 0
        while True:
            while i < len(items):
                x = items[i]
                i += 1
                if slot_of[x] == s:
                    other = t
                    in_s += 1
                else:
                    other = s
                if fixed[x] >= 0 or not (allowed[x] >> other) & 1:
                    return None
                for q in parts[x]:
                    y = at[q * n + other]
                    if y >= 0 and mark_m[y] != stamp:
                        mark_m[y] = stamp
                        items.append(y)
                if len(items) > self.max_chain:
                    return None
            in_t = len(items) - in_s
            if load[t] - in_t + in_s > capacity[t]:
                full_slot = t
            elif load[s] - in_s + in_t > capacity[s]:
                full_slot = s
            else:
                break
            # The slot receiving more meetings is full: send one of its other meetings back too.
            extra += 1
            pool = st.members[full_slot]
            if not pool:
                return None
            y = pool[int(self.rand() * len(pool))]
            if extra > 2 or mark_m[y] == stamp:
                return None
            mark_m[y] = stamp
            items.append(y)
        bits = (1 << s) | (1 << t)
        delta = 0
        if self.has_prev:
            prev = pb.prev
            for x in items:
                if prev[x] >= 0:
                    now = slot_of[x]
                    later = t if now == s else s
                    delta += MOVE_COST * ((later != prev[x]) - (now != prev[x]))
        mask_s = pb.slot_block_mask[s]
        mask_t = pb.slot_block_mask[t] if pb.block_of[s] != pb.block_of[t] else 0
        busy = st.busy
        brk = self.brk
        idle = self.idle
        cost = self.cost
        mark_p = self.mark_p
        away = self.away
        changes = []
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
                if away:
                    a = away[q]
                    if a:
                        delta += WINDOW_COST * ((nb & a).bit_count() - (ob & a).bit_count())
                changes.append((q, nb, new, gap))
        return delta, items, s, t, changes

    def apply(self, plan: Plan) -> Plan:
        """Carry out a Kempe plan and return the plan that undoes it."""
        delta, items, s, t, changes = plan
        st = self.st
        pb = self.pb
        n = pb.n_slots
        parts = pb.parts
        at = st.at
        slot_of = st.slot_of
        members = st.members
        pos = st.pos
        busy = st.busy
        undo = [(q, busy[q], self.brk[q], self.idle[q]) for q, _nb, _new, _gap in changes]
        moved_before = self.count_moved(items) if self.has_prev else 0
        # Inlined State.remove/place: this runs for every accepted or tried compound move.
        for x in items:
            a = slot_of[x]
            for q in parts[x]:
                at[q * n + a] = -1
            lst = members[a]
            i = pos[x]
            last = lst.pop()
            if last != x:
                lst[i] = last
                pos[last] = i
        to_t = 0
        for x in items:
            if slot_of[x] == s:
                a = t
                to_t += 1
            else:
                a = s
            slot_of[x] = a
            for q in parts[x]:
                at[q * n + a] = x
            lst = members[a]
            pos[x] = len(lst)
            lst.append(x)
        to_s = len(items) - to_t
        load = st.load
        load[s] += to_s - to_t
        load[t] += to_t - to_s
        for a in (s, t):
            if load[a] >= pb.capacity[a]:
                st.full |= 1 << a
            else:
                st.full &= ~(1 << a)
        for q, nb, _new, _gap in changes:
            busy[q] = nb
        self.settle(changes)
        self.current += delta
        if self.has_prev:
            self.moved += self.count_moved(items) - moved_before
        return -delta, items, s, t, undo

    def count_moved(self, meetings) -> int:
        """How many of `meetings` had a previous slot and are not in it now."""
        prev = self.pb.prev
        slot_of = self.st.slot_of
        return sum(1 for m in meetings if prev[m] >= 0 and slot_of[m] != prev[m])

    def settle(self, changes: list[tuple[int, int, int, int]]) -> None:
        """Record new break and idle counts of participants whose busy slots changed."""
        brk = self.brk
        total = self.breaks
        for q, _nb, new, gap in changes:
            self.idle[q] = gap
            self.bad.set(q, new)
            total += new - brk[q]
            brk[q] = new
        self.breaks = total

    def pick_end(self, p: int) -> int:
        """A meeting at an end of one of p's runs (moving an inner one would open a gap)."""
        pb = self.pb
        b = self.st.busy[p]
        ends = b & ~(((b << 1) & pb.not_first) & ((b >> 1) & pb.not_last))
        k = int(self.rand() * ends.bit_count())
        while k:
            ends &= ends - 1
            k -= 1
        return self.st.at[p * pb.n_slots + (ends & -ends).bit_length() - 1]

    def repair_for(self, p: int, tries: int) -> Plan | None:
        """The best of a few Kempe moves that tidy participant p's runs."""
        pb = self.pb
        busy = self.st.busy
        best = None
        for _ in range(tries):
            m = self.pick_end(p)
            b = busy[p]
            cand = (((b << 1) & pb.not_first) | ((b >> 1) & pb.not_last)) & ~b & pb.allowed[m]
            if not cand:
                continue
            k = int(self.rand() * cand.bit_count())
            while k:
                cand &= cand - 1
                k -= 1
            plan = self.kempe(m, (cand & -cand).bit_length() - 1)
            if plan is not None and (best is None or plan[0] < best[0]):
                best = plan
        return best
