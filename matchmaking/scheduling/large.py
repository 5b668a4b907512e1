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
from .polish import Model, OutOfTime, Polished
from .polish import polish as polish_small

# Placed meetings freed in a first neighbourhood, and at most after it has been widened.
SIZE = 150
MAX_SIZE = 600
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
        instance = Instance(
            slots, tuple(Participant(i) for i in range(len(people))), tuple(meetings)
        )
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
) -> Polished:
    """Remove breaks neighbourhood by neighbourhood until done (see the module's docstring);
    returns the breaks left and a lower bound on them (the sum of `floor` over participants)."""
    pb = st.pb
    breaks = [pb.block_breaks(b) for b in st.busy]
    total = sum(breaks)
    least = [floor(st, p) if breaks[p] else 0 for p in range(pb.n_people)]
    # size[p]: meetings of the next neighbourhood around p; past MAX_SIZE p is done until a
    # gain elsewhere changes the picture.
    size = [SIZE] * pb.n_people
    done = 0
    while total and (steps is None or done < steps) and time.process_time() <= deadline:
        # Nobody at their floor can lose a break: no place to start from.
        todo = [p for p in range(pb.n_people) if breaks[p] > least[p] and size[p] <= MAX_SIZE]
        if not todo:
            break
        # The most breaks first (fairness), then the smallest neighbourhood tried so far.
        p = min(todo, key=lambda q: (-breaks[q], size[q], q))
        done += 1
        free = _neighbourhood(st, rng, p, size[p])
        if not free:
            size[p] = MAX_SIZE + 1
            continue
        sub = Sub(st, free)
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
    # Participants with no break now were skipped above; their floor is 0 or was counted.
    lower = sum(floor(st, p) for p in range(pb.n_people) if breaks[p])
    return Polished(total, lower)


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


def floor(st: State, p: int) -> int:
    """Fewest breaks p can have with the meetings p has placed, whatever the others do.

    p is busy in as many slots as p has meetings, all among the slots those meetings may use.
    Within a block, those slots fall in runs; the busy slots of a block in k of its runs make
    at least k - 1 breaks. So the longest run of every block comes free, and each further run
    costs one break: the floor is how many further runs, longest first, it takes to hold all
    the meetings. Summed over participants, a lower bound on the event's breaks.
    """
    pb = st.pb
    placed = [m for m in pb.meetings_of[p] if st.slot_of[m] >= 0]
    usable = 0
    for m in placed:
        usable |= pb.allowed[m]
    room = 0
    extra: list[int] = []
    for bm in pb.block_masks:
        runs = []
        x = usable & bm
        while x:
            run = x & ~(x + (x & -x))  # the lowest run of consecutive slots
            runs.append(run.bit_count())
            x &= ~run
        if runs:
            runs.sort(reverse=True)
            room += runs[0]
            extra += runs[1:]
    extra.sort(reverse=True)
    count = 0
    for length in extra:
        if room >= len(placed):
            break
        room += length
        count += 1
    return count


def _people(st: State, meetings: list[int]) -> set[int]:
    return {p for m in meetings for p in st.pb.parts[m]}


def _slots(mask: int) -> list[int]:
    out = []
    while mask:
        out.append((mask & -mask).bit_length() - 1)
        mask &= mask - 1
    return out
