"""Phase 3: fewer breaks by large-neighbourhood search with a SAT solver, and a lower bound.

The annealing (phase 2) ends some breaks above the optimum on hard events: removing the last
ones needs many meetings to move in step, so that each participant's run of slots lines up with
every partner's. That is what a SAT solver with clause learning does well. The whole event is
encoded once: where each placed meeting may go, who is busy when, where breaks start, their
total, and the tables of each slot (counted over clusters of meetings that share a
participant). Implied constraints (Bofill et al., JAIR 2022, section 4) make the proofs below
fast: each participant is busy in exactly as many slots as they have meetings; with no break,
in one of the runs of slots that can hold all their meetings; a slot has no more people busy
than its tables have seats; and the breaks of participants who must have one are counted from
their second on, so that a bound at the floor forbids every other break outright.

Each step frees the meetings of a few linked participants, or of a few consecutive slots,
keeps every other meeting where it is (as assumptions, so what the solver learns serves the
next steps too), and asks for a placement with fewer breaks within a budget of conflicts. A
better placement is taken at once. After `SPAN_AFTER` steps with no gain, a span step frees
every meeting but keeps each participant within their present span (first to last busy slot)
widened by one slot on each side, then by two: with spans near an optimal schedule's, what is
left is easy for the solver (the first half of a logic-based Benders decomposition over spans).

The same model gives a lower bound. It starts at the floor of participants who cannot avoid a
break; a probe asks the whole model, with no meeting kept in place, for a placement with no
more breaks than the bound. A probe proved impossible raises the bound by one; a probe that
succeeds is an optimal placement. Probes run at the start and after every `PROBE_EVERY` steps,
each with half as many conflicts again as the last, and the phase stops the moment the best
placement meets the bound. The bound holds for every placement of the same meetings, with no
fairness cap, so it is a true lower bound whenever every meeting is placed.

The placed meetings stay placed, so phase 1's weight is kept; in the steps nobody may end with
more breaks than the worst-off participant had, or two, whichever is more, so the spread stays
small. The solver is CaDiCaL, through python-sat. Conflict budgets decide the search, so it is
deterministic for a seed; the CPU deadline (`time.process_time`) only stops it, between two
calls of at most `CHUNK` conflicts (CaDiCaL cannot be interrupted inside one).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Iterator
from typing import NamedTuple

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
# Lower-bound probes: conflicts of the first, growth of each next one, steps between two.
PROBE_START = 1000
PROBE_GROWTH = 1.5
PROBE_EVERY = 10
# A step proved hopeless widens the next by 1 + size // SIZE_GROWTH meetings.
SIZE_GROWTH = 20
# After SPAN_AFTER steps with no gain, span steps: every meeting free, each participant kept
# within their present span (first to last busy slot) widened by 1, then by 2 slots on each
# side (`SPAN_WIDTHS`), with SPAN_CONFLICTS conflicts each; once per number of breaks.
SPAN_AFTER = 5
SPAN_WIDTHS = (1, 2)
SPAN_CONFLICTS = 10_000
# Conflicts of one solver call: the CPU deadline is checked between calls. Near the deadline
# a call gets only half the conflicts that fit in the time left, at the rate the model's
# earlier calls ran (CaDiCaL cannot be interrupted inside a call), but at least MIN_CHUNK.
CHUNK = 2000
MIN_CHUNK = 50
# A slot's table limit is encoded up front when its counter stays this small (clusters times
# tables); above it, lazily when an answer overfills the slot.
MAX_TABLE_COUNTER = 20_000
# The same for the people busy in a slot (people times seats of the slot's tables).
MAX_SEATS_COUNTER = 20_000


class OutOfTime(Exception):
    """The deadline passed while the model was being built."""


class Polished(NamedTuple):
    """What phase 3 ends with: the breaks left and a lower bound on them."""

    breaks: int
    lower_bound: int


def polish(st: State, rng: random.Random, *, deadline: float, steps: int | None = None) -> Polished:
    """Search until the breaks meet the lower bound, `steps` steps are done or the CPU clock
    (`time.process_time`) passes `deadline`; returns the breaks left and the lower bound.

    The bound is over placements of the meetings placed now (every meeting stays placed).
    """
    pb = st.pb
    breaks = [pb.block_breaks(b) for b in st.busy]
    best = sum(breaks)
    if not best:
        return Polished(0, 0)
    lower = _floor(st)
    if best <= lower or _reach(st) * best > MAX_COUNTER:
        return Polished(best, min(lower, best))
    cap = max(2, max(breaks))
    if time.process_time() > deadline:
        return Polished(best, min(lower, best))
    # One model for the steps and the probes: what the solver learns in one serves the other.
    try:
        model = Model(st, cap=cap, breaks=best, deadline=deadline)
    except OutOfTime:
        return Polished(best, min(lower, best))
    size = START_SIZE
    budget = PROBE_START
    done = 0
    fails = 0  # steps since the last gain
    spanned = -1  # the breaks at which the span steps last ran
    try:
        while True:
            # Probes at the bound: each one proved impossible raises it, one that succeeds
            # is optimal.
            while lower < best and time.process_time() <= deadline:
                found = model.probe(st.slot_of, lower, budget, deadline)
                if found is None:
                    break
                if found is False:
                    lower += 1
                    continue
                best = _take(st, found)
                lower = min(lower, best)
            if best <= lower or (steps is not None and done >= steps):
                break
            for _ in range(PROBE_EVERY):
                if best <= lower or time.process_time() > deadline:
                    break
                if steps is not None and done >= steps:
                    break
                done += 1
                if fails >= SPAN_AFTER and spanned != best:
                    spanned = best
                    for width in SPAN_WIDTHS:
                        found, proved = model.within_spans(
                            st.slot_of, st.busy, width, best, deadline
                        )
                        if found is not None:
                            best = _take(st, found)
                            fails = 0
                        if found is not None or not proved:
                            break  # out of conflicts: wider spans would be harder still
                    continue
                fails += 1
                free = _neighbourhood(st, rng, model.placed, size)
                if len(free) == len(model.placed):
                    # The whole event: a probe just below the best, which is also a proof.
                    found = model.probe(st.slot_of, best - 1, CONFLICTS, deadline)
                    if found is False:
                        lower = best
                    elif found:
                        best = _take(st, found)
                    size = max(MIN_SIZE, size * 19 // 20)
                    continue
                found, proved = model.improve(st.slot_of, free, best, deadline)
                if found is None:
                    if proved:
                        size = min(len(model.placed), size + 1 + size // SIZE_GROWTH)
                    else:
                        size = max(MIN_SIZE, size * 19 // 20)
                    continue
                best = _take(st, found)
                fails = 0
            if time.process_time() > deadline:
                break
            budget = int(budget * PROBE_GROWTH)
    finally:
        model.solver.delete()
    return Polished(best, min(lower, best))


def _take(st: State, found: dict[int, int]) -> int:
    """Move the meetings of `found` to their new slots; returns the total breaks."""
    for m in found:
        st.remove(m)
    for m, t in found.items():
        st.place(m, t)
    return sum(st.pb.block_breaks(b) for b in st.busy)


class Model:
    """The SAT encoding of one placement's meetings, built once and asked many times."""

    def __init__(self, st: State, *, cap: int, breaks: int, deadline: float = math.inf) -> None:
        """Raises OutOfTime when the CPU clock passes `deadline` before the model is built
        (on JAIR's largest events the build takes about 0.25 s)."""
        self.pb = st.pb
        self.top = 0
        self.cap = cap
        # CPU seconds per conflict of the last call with some conflicts (None: none yet).
        self.per_conflict: float | None = None
        # Clauses go straight to the solver: kept in Python lists they would take far more room.
        self.solver = Solver(name="cadical195")
        try:
            self._build(st, breaks, deadline)
        except OutOfTime:
            self.solver.delete()
            raise

    def _build(self, st: State, breaks: int, deadline: float) -> None:
        pb = self.pb
        cap = self.cap
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
        self.in_slot = in_slot
        # The fairness cap holds only when this literal is assumed: the steps assume it, the
        # probes do not, so that what they prove is a bound for every placement.
        self.fair = self._new()
        self.floor = 0
        gaps: list[int] = []
        # people[t]: busy variables of slot t.
        people: list[list[int]] = [[] for _ in range(pb.n_slots)]
        for p in range(pb.n_people):
            if p % 16 == 0 and time.process_time() > deadline:
                raise OutOfTime
            mine = sum(1 for m in pb.meetings_of[p] if st.slot_of[m] >= 0)
            runs = _runs(st, p)
            own = self._person(st, at[p], mine, runs, people)
            self._atmost(own, cap, guard=self.fair)
            if runs == []:
                # p has a break whatever happens (the floor counts it): count only the others,
                # so that a bound at the floor forbids every other break outright.
                own = self._beyond_first(own)
                self.floor += 1
            gaps += own
        if time.process_time() > deadline:
            raise OutOfTime
        self._tables()
        # Implied: a slot holds at most its tables' worth of people busy (seats times tables).
        seats = max((len(pb.parts[m]) for m in self.placed), default=0)
        for t, bs in enumerate(people):
            k = seats * pb.capacity[t]
            if k < len(bs) and len(bs) * k <= MAX_SEATS_COUNTER:
                self._atmost(bs, k)
        # total.rhs[k] is true when more than floor + k breaks start: assuming it false bounds
        # them.
        self.total = ITotalizer(gaps, ubound=max(0, breaks - self.floor), top_id=self.top)
        self.solver.append_formula(self.total.cnf.clauses)
        self.top = max(self.top, self.total.top_id)

    def _beyond_first(self, gaps: list[int]) -> list[int]:
        """Variables for the second and later of `gaps` that are true (forced upwards only)."""
        out = []
        seen = gaps[0]
        for g in gaps[1:]:
            e = self._new()
            self.add([-g, -seen, e])
            out.append(e)
            now = self._new()
            self.add([-seen, now])
            self.add([-g, now])
            seen = now
        return out

    def _bound(self, breaks: int) -> list[int]:
        """Assumptions for at most `breaks` breaks (none needed when the counter cannot tell)."""
        k = breaks - self.floor
        return [-self.total.rhs[k]] if 0 <= k < len(self.total.rhs) else []

    def _new(self) -> int:
        self.top += 1
        return self.top

    def _atmost(self, lits: list[int], k: int, guard: int = 0) -> None:
        if len(lits) <= k:
            return
        kind = EncType.pairwise if k == 1 and len(lits) <= 6 else EncType.seqcounter
        cnf = CardEnc.atmost(lits, k, top_id=self.top, encoding=kind)
        self.top = max(self.top, cnf.nv)
        if guard:
            for clause in cnf.clauses:
                self.add([*clause, -guard])
        else:
            self.solver.append_formula(cnf.clauses)

    def _tables(self) -> None:
        """Each slot's table limit, counted over clusters of meetings that share a participant.

        Two meetings of one participant never share a slot, so a cluster uses at most one table
        in a slot: one variable per cluster and slot (true when one of its meetings is there)
        stands for all of them, and the limit counts far fewer variables than there are
        meetings. Each meeting joins the cluster of its participant with the most meetings.
        """
        pb = self.pb
        size = [len(ms) for ms in pb.meetings_of]
        # users[t][c]: the variables of cluster c's meetings in slot t.
        users: list[dict[int, list[int]]] = [{} for _ in range(pb.n_slots)]
        for m in self.placed:
            c = max(pb.parts[m], key=lambda p: (size[p], -p))
            for t in _slots(pb.allowed[m]):
                users[t].setdefault(c, []).append(self.x[m, t])
        self.lazy: list[int] = []
        for t in range(pb.n_slots):
            if len(users[t]) <= pb.capacity[t]:
                continue
            if len(users[t]) * pb.capacity[t] > MAX_TABLE_COUNTER:
                self.lazy.append(t)
                continue
            ys = []
            for _, xs in sorted(users[t].items()):
                if len(xs) == 1:
                    ys.append(xs[0])
                    continue
                y = self._new()
                for v in xs:
                    self.add([-v, y])
                ys.append(y)
            self._atmost(ys, pb.capacity[t])

    def _person(
        self,
        st: State,
        at: dict[int, list[int]],
        meetings: int,
        runs: list[int] | None,
        people: list[list[int]],
    ) -> list[int]:
        """Busy and break variables of one participant; returns the break variables.

        Implied, for the proofs: with no break, p is busy in exactly one of `runs` (the runs of
        slots that can hold all of p's meetings, see `_runs`); with no run, p has a break.

        A break starts at t when p is busy at t, free at t - 1, and busy earlier in the block.
        Breaks are only forced upwards, as the model bounds them from above.
        """
        pb = st.pb
        add = self.add
        busy: dict[int, int] = {}
        for t, xs in sorted(at.items()):
            b = busy[t] = self._new()
            people[t].append(b)
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
        if runs is not None:
            choices = []
            for w in runs:
                r = self._new()
                choices.append(r)
                for t, b in busy.items():
                    add([-r, b] if w >> t & 1 else [-r, -b])
            add([*gaps, *choices])
        return gaps

    def _solve(self, assumptions: list[int], budget: int, deadline: float) -> bool | None:
        """True or False as the solver answers, None when out of conflicts or past `deadline`.

        The budget is spent in calls of at most `CHUNK` conflicts (learnt clauses carry over),
        so that the deadline can stop it between two calls.
        """
        left = budget
        while True:
            now = time.process_time()
            chunk = _chunk(left=left, seconds=deadline - now, per_conflict=self.per_conflict)
            before = self.solver.accum_stats()["conflicts"]
            self.solver.conf_budget(chunk)
            answer = self.solver.solve_limited(assumptions=assumptions)
            spent = time.process_time()
            conflicts = self.solver.accum_stats()["conflicts"] - before
            if conflicts >= MIN_CHUNK:
                self.per_conflict = (spent - now) / conflicts
            if answer is not None:
                return answer
            left -= chunk
            if left <= 0 or spent > deadline:
                return None

    def _answer(
        self,
        slot_of: list[int],
        free: list[int],
        assumptions: list[int],
        budget: int,
        deadline: float,
    ) -> dict[int, int] | bool | None:
        """Slots for `free` under `assumptions`: a placement, False (proved none) or None.

        A slot whose tables an answer overfills (only those encoded lazily) gets its limit,
        and the solver is asked again.
        """
        x = self.x
        pb = self.pb
        # Start the search from the current placement: good placements are near it.
        self.solver.set_phases([v if slot_of[m] == t else -v for (m, t), v in x.items()])
        while True:
            answer = self._solve(assumptions, budget, deadline)
            if not answer:
                return answer
            true = set(self.solver.get_model())
            found = {m: t for m in free for t in _slots(pb.allowed[m]) if x[m, t] in true}
            load = [0] * pb.n_slots
            for m in self.placed:
                load[found[m] if m in found else slot_of[m]] += 1
            full = [t for t in self.lazy if load[t] > pb.capacity[t]]
            if not full:
                return found
            for t in full:
                self._atmost(self.in_slot[t], pb.capacity[t])

    def improve(
        self, slot_of: list[int], free: set[int], breaks: int, deadline: float
    ) -> tuple[dict[int, int] | None, bool]:
        """Slots for `free`, the rest staying put, with fewer than `breaks` breaks and within
        the fairness cap; or None, with True when the solver proved there is none."""
        x = self.x
        keep = [x[m, slot_of[m]] for m in self.placed if m not in free]
        keep += [*self._bound(breaks - 1), self.fair]
        found = self._answer(slot_of, sorted(free), keep, CONFLICTS, deadline)
        if isinstance(found, dict):
            return found, False
        return None, found is False

    def within_spans(
        self, slot_of: list[int], busy: list[int], width: int, breaks: int, deadline: float
    ) -> tuple[dict[int, int] | None, bool]:
        """Slots for every meeting with fewer than `breaks` breaks, within the fairness cap,
        each participant busy only within their present span (`busy`) widened by `width`
        slots on each side; or None, with True when the solver proved there is none.

        With every span fixed to an optimal schedule's, forum-13crafb's optimum takes 27
        conflicts; within one slot of them about 1,100, within two about 8,000, within three
        the whole event's difficulty is back. A stalled search's spans are often that close.
        """
        pb = self.pb
        span = []
        for b in busy:
            if not b:
                span.append(-1)
                continue
            lo = max(0, (b & -b).bit_length() - 1 - width)
            hi = b.bit_length() + width
            span.append(((1 << hi) - 1) & ~((1 << lo) - 1))
        keep = [
            -v for (m, t), v in self.x.items() if any(not span[p] >> t & 1 for p in pb.parts[m])
        ]
        keep += [*self._bound(breaks - 1), self.fair]
        found = self._answer(slot_of, self.placed, keep, SPAN_CONFLICTS, deadline)
        if isinstance(found, dict):
            return found, False
        return None, found is False

    def probe(
        self, slot_of: list[int], bound: int, budget: int, deadline: float
    ) -> dict[int, int] | bool | None:
        """A placement of every meeting with at most `bound` breaks; False when the solver
        proves there is none (with no fairness cap, so `bound` + 1 is a lower bound), None
        when it cannot tell within `budget` conflicts.

        An answer beyond the fairness cap is asked for again within the cap, and dropped
        (None) if that fails.
        """
        limit = self._bound(bound)
        found = self._answer(slot_of, self.placed, limit, budget, deadline)
        if not isinstance(found, dict) or self._fair(slot_of, found):
            return found
        again = self._answer(slot_of, self.placed, [*limit, self.fair], budget, deadline)
        return again if isinstance(again, dict) else None

    def _fair(self, slot_of: list[int], found: dict[int, int]) -> bool:
        pb = self.pb
        busy = [0] * pb.n_people
        for m in self.placed:
            t = found.get(m, slot_of[m])
            for p in pb.parts[m]:
                busy[p] |= 1 << t
        return all(pb.block_breaks(b) <= self.cap for b in busy)


def _chunk(*, left: int, seconds: float, per_conflict: float | None) -> int:
    """Conflicts for the next solver call: `CHUNK`, or what fits in `seconds` near the deadline.

    Far from the deadline this never changes the search, so the result stays deterministic;
    only a call the deadline would cut short anyway is made shorter.
    """
    chunk = min(left, CHUNK)
    # Half of what the rate allows: one call's rate can be half another's (the first call
    # under new assumptions, the solver's inprocessing), and the calls after it shrink in turn.
    if per_conflict is None or 2 * per_conflict * chunk <= seconds:
        return chunk
    return max(MIN_CHUNK, int(seconds / per_conflict / 2))


def _floor(st: State) -> int:
    """Participants who cannot avoid a break: no run of slots holds all their meetings."""
    return sum(1 for p in range(st.pb.n_people) if _runs(st, p) == [])


def _runs(st: State, p: int) -> list[int] | None:
    """The runs of slots (bitmasks) that could hold all of p's placed meetings with no break.

    None when that says nothing: p has fewer than two meetings, or meetings that may fall in
    different blocks (those may need no break at all, as breaks are counted inside a block).
    """
    pb = st.pb
    placed = [m for m in pb.meetings_of[p] if st.slot_of[m] >= 0]
    span = _span(st, placed)
    if len(placed) < 2 or span & ~pb.slot_block_mask[(span & -span).bit_length() - 1]:
        return None
    return [w for w in window_options(pb, p, placed) if w.bit_count() == len(placed)]


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
