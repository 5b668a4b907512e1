"""Phase 3 for large events: the SAT search of `polish` on neighbourhoods of bounded size.

The whole-event model of `polish` grows with meetings times slots; past `solver.POLISH_UP_TO`
meetings it would cost more memory and time than it is worth. Breaks in a large event are few
and far apart (on 30,000 meetings the annealing leaves a dozen or two), so each is worked on
alone: a neighbourhood is a participant with breaks and the people linked to them through
meetings, breadth first, until it holds `SIZE` placed meetings. Those meetings are freed;
every other meeting of the people they involve stays where it is, and each slot keeps only
the tables the rest of the event leaves. That sub-event is an instance of its own, solved with
the same SAT encoding (`polish.polish`, `STEPS` steps and its lower-bound probes), and a
placement with fewer breaks is copied back. Only the freed meetings move, and the breaks of
everybody they involve are counted in the sub-event, so the event's total goes down by what
the sub-event's does.

Fairness: a neighbourhood around someone with more than `FAIR_CAP` breaks first asks for a
placement where nobody in it has more than `FAIR_CAP`, without more breaks in total.

Neighbourhoods start from the participants with the most breaks; one that brings nothing is
tried again later with twice as many meetings (up to `MAX_SIZE`). The phase stops when no
participant has a break, every one has been tried at the largest size since the last gain,
`steps` neighbourhoods are done, or the CPU clock passes the deadline. Conflict budgets decide
each neighbourhood, so the result is deterministic for a seed unless the deadline cuts it.
"""

from __future__ import annotations

import random
import time

from .core import Problem, State
from .model import Instance, Meeting, Participant, Slot
from .polish import Model, OutOfTime
from .polish import polish as polish_small
from .windows import window_options

# Placed meetings freed in a first neighbourhood, and at most after it has been widened.
SIZE = 150
MAX_SIZE = 1200
# Steps of the SAT search inside one neighbourhood.
STEPS = 8
# Breaks one participant may have when a neighbourhood can spread them more evenly.
FAIR_CAP = 2
# Conflicts of the fairness query.
FAIR_CONFLICTS = 4000


class Sub:
    """A neighbourhood as an instance of its own: the freed meetings, the rest fixed."""

    def __init__(self, st: State, free: list[int]) -> None:
        pb = st.pb
        self.free = free
        people: dict[int, int] = {}
        for m in free:
            for p in pb.parts[m]:
                people.setdefault(p, len(people))
        freed = set(free)
        # Other placed meetings of those people, fixed where they are (only their participants
        # inside the neighbourhood take part: the others' breaks cannot change).
        context = sorted(
            {m for p in people for m in pb.meetings_of[p] if st.slot_of[m] >= 0} - freed
        )
        # Each slot keeps the tables that the meetings outside the neighbourhood leave.
        inside = [0] * pb.n_slots
        for m in (*free, *context):
            inside[st.slot_of[m]] += 1
        slots = tuple(
            Slot(s, pb.block_of[s], pb.capacity[s] - st.load[s] + inside[s])
            for s in range(pb.n_slots)
        )
        meetings = [
            Meeting(k, tuple(people[p] for p in pb.parts[m]), tuple(_slots(pb.allowed[m])))
            for k, m in enumerate(free)
        ]
        meetings += [
            Meeting(
                len(free) + k,
                tuple(people[p] for p in pb.parts[m] if p in people),
                fixed=st.slot_of[m],
            )
            for k, m in enumerate(context)
        ]
        instance = Instance(slots, tuple(Participant(i) for i in range(len(people))), tuple(meetings))
        self.state = State(Problem(instance))
        for k, m in enumerate((*free, *context)):
            self.state.place(k, st.slot_of[m])

    def breaks(self) -> int:
        sub = self.state
        return sum(sub.pb.block_breaks(b) for b in sub.busy)

    def copy_back(self, st: State) -> None:
        """Move the freed meetings of the event to their slots in the sub-event."""
        slot_of = self.state.slot_of
        for m in self.free:
            st.remove(m)
        for k, m in enumerate(self.free):
            st.place(m, slot_of[k])


def polish_large(
    st: State, rng: random.Random, *, deadline: float, steps: int | None = None
) -> int:
    """Remove breaks neighbourhood by neighbourhood until done (see the module's docstring);
    returns the total breaks left."""
    pb = st.pb
    breaks = [pb.block_breaks(b) for b in st.busy]
    total = sum(breaks)
    # size[p]: meetings of the next neighbourhood around p; past MAX_SIZE p is done until a
    # gain elsewhere changes the picture.
    size = [SIZE] * pb.n_people
    # forced[p]: p's one break no placement can avoid, so p is no place to start from.
    forced: dict[int, bool] = {}
    done = 0
    while total and (steps is None or done < steps) and time.process_time() <= deadline:
        todo = [
            p
            for p in range(pb.n_people)
            if breaks[p]
            and size[p] <= MAX_SIZE
            and not (breaks[p] == 1 and forced.setdefault(p, _forced(st, p)))
        ]
        if not todo:
            break
        # The most breaks first (fairness), then the smallest neighbourhood tried so far.
        p = min(todo, key=lambda q: (-breaks[q], size[q], q))
        done += 1
        sub = Sub(st, _neighbourhood(st, rng, p, size[p]))
        before = sub.breaks()
        if breaks[p] > FAIR_CAP:
            _even_out(sub, before, deadline)
        polish_small(sub.state, rng, deadline=deadline, steps=STEPS)
        after = sub.breaks()
        worst = max(breaks[q] for q in _people(st, sub.free))
        sub_worst = max(sub.state.pb.block_breaks(b) for b in sub.state.busy)
        if after < before or (after == before and sub_worst < worst):
            sub.copy_back(st)
            for q in _people(st, sub.free):
                breaks[q] = pb.block_breaks(st.busy[q])
            total = sum(breaks)
            size = [SIZE] * pb.n_people
        else:
            size[p] *= 2
    return total


def _even_out(sub: Sub, breaks: int, deadline: float) -> None:
    """Ask for a placement of the sub-event with nobody above `FAIR_CAP` breaks and no more
    breaks in total; take it when the solver finds one."""
    state = sub.state
    try:
        model = Model(state, cap=FAIR_CAP, breaks=breaks, deadline=deadline)
    except OutOfTime:
        return
    try:
        found, _proved = model.improve(state.slot_of, set(model.placed), breaks + 1, deadline)
    finally:
        model.solver.delete()
    if found:
        for m in found:
            state.remove(m)
        for m, t in found.items():
            state.place(m, t)


def _neighbourhood(st: State, rng: random.Random, start: int, size: int) -> list[int]:
    """Placed, movable meetings of `start` and the people linked to them, breadth first."""
    pb = st.pb
    slot_of = st.slot_of
    seen = {start}
    queue = [start]
    free: list[int] = []
    taken: set[int] = set()
    for p in queue:
        ms = [m for m in pb.meetings_of[p] if slot_of[m] >= 0 and m not in taken]
        rng.shuffle(ms)
        for m in ms:
            taken.add(m)
            if pb.fixed[m] < 0:
                free.append(m)
                if len(free) >= size:
                    return free
            for q in pb.parts[m]:
                if q not in seen:
                    seen.add(q)
                    queue.append(q)
    return free


def _forced(st: State, p: int) -> bool:
    """True when p must have a break: all of p's meetings fall in one block, and no run of
    consecutive slots there can hold them (as `polish` counts its floor)."""
    pb = st.pb
    placed = [m for m in pb.meetings_of[p] if st.slot_of[m] >= 0]
    span = 0
    for m in placed:
        span |= pb.allowed[m]
    if len(placed) < 2 or span & ~pb.slot_block_mask[(span & -span).bit_length() - 1]:
        return False
    return not any(w.bit_count() == len(placed) for w in window_options(pb, p, placed))


def _people(st: State, meetings: list[int]) -> set[int]:
    return {p for m in meetings for p in st.pb.parts[m]}


def _slots(mask: int) -> list[int]:
    out = []
    while mask:
        out.append((mask & -mask).bit_length() - 1)
        mask &= mask - 1
    return out
