"""Phase 3, when asked for: fewer breaks by large-neighbourhood search with a SAT solver.

The annealing (phase 2) ends some breaks above the optimum on hard events: removing the last
ones needs many meetings to move in step, so that each participant's run of slots lines up with
every partner's. That is what a SAT solver with clause learning does well. The whole event is
encoded once (where each placed meeting may go, who is busy when, where breaks start, and their
total below the best found so far). Each step then frees the meetings of a few linked
participants, or of a few consecutive slots, keeps every other meeting where it is (as
assumptions, so what the solver learns serves the next steps too), and asks for a placement with
fewer breaks within a budget of conflicts. A better placement is taken at once.

The placed meetings stay placed, so phase 1's weight is kept; nobody may end with more breaks
than the worst-off participant had, or two, whichever is more, so the spread stays small.
The solver is CaDiCaL, through python-sat; its conflict budget keeps every step deterministic.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator

from pysat.card import CardEnc, EncType, ITotalizer
from pysat.solvers import Solver

from .core import State
from .windows import window_options

# Conflicts the solver may spend on one step before giving it up.
CONFLICTS = 4000
# Meetings freed per step at first; steps proved hopeless widen it, steps out of conflicts
# narrow it.
START_SIZE = 30
MIN_SIZE = 10
# Share of steps that free linked participants (the others free a range of slots).
LINKED_SHARE = 0.5
# The totalizer over break variables grows with their number times the breaks it counts. Past
# this the model costs more memory than the phase is worth (a first-fit placement of 1,000
# meetings in 64 slots, 654 breaks, took 4.9 GB); such events keep phase 2's placement.
MAX_COUNTER = 200_000


def polish(st: State, rng: random.Random, *, steps: int, deadline: float) -> int:
    """Run up to `steps` steps (or until `deadline`); returns the breaks left."""
    pb = st.pb
    breaks = [pb.block_breaks(b) for b in st.busy]
    best = sum(breaks)
    floor = _floor(st) if steps > 0 and best else 0
    if best <= floor or _reach(st) * best > MAX_COUNTER:
        return best
    model = Model(st, cap=max(2, max(breaks)), breaks=best)
    size = START_SIZE
    try:
        for _ in range(steps):
            if time.perf_counter() > deadline:
                break
            free = _neighbourhood(st, rng, model.placed, size)
            found = model.improve(st.slot_of, free, best)
            if found is None:
                if model.solver.get_status() is False:
                    if len(free) == len(model.placed):
                        break  # proved: no placement of these meetings has fewer breaks
                    size = min(len(model.placed), size + 1 + size // 20)
                else:
                    size = max(MIN_SIZE, size * 19 // 20)
                continue
            for m in free:
                st.remove(m)
            for m in free:
                st.place(m, found[m])
            best = sum(pb.block_breaks(b) for b in st.busy)
            if best <= floor:
                break
    finally:
        model.solver.delete()
    return best


class Model:
    """The SAT encoding of one placement's meetings, built once and asked many times."""

    def __init__(self, st: State, *, cap: int, breaks: int) -> None:
        pb = self.pb = st.pb
        self.top = 0
        # Clauses go straight to the solver: kept in Python lists they would take far more room.
        self.solver = Solver(name="cadical195")
        self.add = self.solver.add_clause
        self.placed = [m for m in range(pb.n_meetings) if st.slot_of[m] >= 0]
        # x[m, t]: meeting m in slot t.
        self.x: dict[tuple[int, int], int] = {}
        at: list[dict[int, list[int]]] = [{} for _ in range(pb.n_people)]
        in_slot: list[list[int]] = [[] for _ in range(pb.n_slots)]
        for m in self.placed:
            lits = []
            for t in _slots(pb.allowed[m]):
                v = self.x[m, t] = self._new()
                lits.append(v)
                in_slot[t].append(v)
                for p in pb.parts[m]:
                    at[p].setdefault(t, []).append(v)
            self.add(lits)
            self._atmost(lits, 1)
        # Tables are encoded lazily (see `improve`): their counters are most of the model, and
        # a step seldom fills a slot.
        self.in_slot = in_slot
        gaps: list[int] = []
        for p in range(pb.n_people):
            mine = sum(1 for m in pb.meetings_of[p] if st.slot_of[m] >= 0)
            own = self._person(st, at[p], mine)
            self._atmost(own, cap)
            gaps += own
        # total.rhs[k] is true when more than k breaks start: assuming it false bounds them.
        self.total = ITotalizer(gaps, ubound=breaks, top_id=self.top)
        self.solver.append_formula(self.total.cnf.clauses)
        self.top = max(self.top, self.total.top_id)

    def _new(self) -> int:
        self.top += 1
        return self.top

    def _atmost(self, lits: list[int], k: int) -> None:
        if len(lits) <= k:
            return
        kind = EncType.pairwise if k == 1 and len(lits) <= 6 else EncType.seqcounter
        cnf = CardEnc.atmost(lits, k, top_id=self.top, encoding=kind)
        self.top = max(self.top, cnf.nv)
        self.solver.append_formula(cnf.clauses)

    def _person(self, st: State, at: dict[int, list[int]], meetings: int) -> list[int]:
        """Busy and break variables of one participant; returns the break variables.

        A break starts at t when p is busy at t, free at t - 1, and busy earlier in the block.
        Breaks are only forced upwards, as the model bounds them from above.
        """
        pb = st.pb
        add = self.add
        busy: dict[int, int] = {}
        for t, xs in sorted(at.items()):
            b = busy[t] = self._new()
            add([-b, *xs])
            for v in xs:
                add([-v, b])
            self._atmost(xs, 1)
        if not busy:
            return []
        # Implied: exactly as many busy slots as meetings. It prunes a lot.
        self._atmost(list(busy.values()), meetings)
        self._atmost([-b for b in busy.values()], len(busy) - meetings)
        gaps = []
        seen = 0  # a variable true when p is busy at some slot before t in this block
        for t in range(pb.n_slots):
            first = t == 0 or pb.block_of[t] != pb.block_of[t - 1]
            if first:
                seen = 0
            b = busy.get(t)
            if b and seen:
                g = self._new()
                before = busy.get(t - 1)
                add([-b, -seen, g] if before is None else [-b, -seen, before, g])
                gaps.append(g)
            if b or seen:
                now = self._new()
                if b:
                    add([-b, now])
                if seen:
                    add([-seen, now])
                seen = now
        return gaps

    def improve(self, slot_of: list[int], free: set[int], breaks: int) -> dict[int, int] | None:
        """Slots for `free`, the rest staying put, with fewer than `breaks` breaks; or None.

        None when the solver proves there is none (`solver.get_status()` is then False) or runs
        out of conflicts. A slot given more meetings than tables gets its constraint, and the
        solver is asked again.
        """
        x = self.x
        keep = [x[m, slot_of[m]] for m in self.placed if m not in free]
        keep.append(-self.total.rhs[breaks - 1])
        # Start the search from the current placement: good placements are near it.
        self.solver.set_phases([v if slot_of[m] == t else -v for (m, t), v in x.items()])
        pb = self.pb
        while True:
            self.solver.conf_budget(CONFLICTS)
            if not self.solver.solve_limited(assumptions=keep):
                return None
            true = set(self.solver.get_model())
            found = {m: t for m in free for t in _slots(pb.allowed[m]) if x[m, t] in true}
            load = [0] * pb.n_slots
            for m in self.placed:
                load[found[m] if m in found else slot_of[m]] += 1
            full = [t for t in range(pb.n_slots) if load[t] > pb.capacity[t]]
            if not full:
                return found
            for t in full:
                self._atmost(self.in_slot[t], pb.capacity[t])


def _floor(st: State) -> int:
    """Participants who cannot avoid a break: no run of slots holds all their meetings.

    Only those whose meetings must all be in one block count: meetings spread over blocks
    may need no break at all, as breaks are counted inside a block.
    """
    pb = st.pb
    floor = 0
    for p, ms in enumerate(pb.meetings_of):
        placed = [m for m in ms if st.slot_of[m] >= 0]
        span = _span(st, placed)
        if len(placed) < 2 or span & ~pb.slot_block_mask[(span & -span).bit_length() - 1]:
            continue
        if not any(w.bit_count() == len(placed) for w in window_options(pb, p, placed)):
            floor += 1
    return floor


def _reach(st: State) -> int:
    """Slots each participant could be busy in, summed: about the number of break variables."""
    return sum(
        _span(st, [m for m in ms if st.slot_of[m] >= 0]).bit_count() for ms in st.pb.meetings_of
    )


def _span(st: State, meetings: list[int]) -> int:
    """The slots (bitmask) any of `meetings` may use."""
    span = 0
    for m in meetings:
        span |= st.pb.allowed[m]
    return span


def _neighbourhood(st: State, rng: random.Random, placed: list[int], size: int) -> set[int]:
    pb = st.pb
    slot_of = st.slot_of
    if size >= len(placed):
        return set(placed)
    troubled = [p for p in range(pb.n_people) if pb.block_breaks(st.busy[p])]
    if troubled and rng.random() < LINKED_SHARE:
        # A participant with breaks, then partners of the people taken so far, at random.
        free: set[int] = set()
        people = [troubled[int(rng.random() * len(troubled))]]
        for _ in range(4 * size):
            if len(free) >= size:
                break
            p = people[int(rng.random() * len(people))]
            ms = [m for m in pb.meetings_of[p] if slot_of[m] >= 0]
            free.update(ms)
            if ms:
                m = ms[int(rng.random() * len(ms))]
                people.append(pb.parts[m][int(rng.random() * len(pb.parts[m]))])
        return free
    # A range of consecutive slots holding about `size` meetings.
    width = max(2, size * pb.n_slots // max(1, len(placed)))
    a = int(rng.random() * max(1, pb.n_slots - width + 1))
    return {m for m in placed if a <= slot_of[m] < a + width}


def _slots(mask: int) -> Iterator[int]:
    while mask:
        yield (mask & -mask).bit_length() - 1
        mask &= mask - 1
