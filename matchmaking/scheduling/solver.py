"""The scheduler's entry point: phase 1 (weight), phase 2 (breaks and fairness), result."""

from __future__ import annotations

import random
import time

from .anneal import anneal
from .construct import construct, repair
from .core import Problem, State
from .evaluate import measure
from .model import Instance, Schedule
from .polish import polish as polish_breaks
from .windows import choose_windows

# Small events whose participants have long days anneal towards target windows (`windows`).
WINDOWS_UP_TO = 2000
WINDOWS_FROM_MEAN = 4
# The SAT model of phase 3 grows with meetings times slots; past this it would not pay.
POLISH_UP_TO = 1000


def solve(
    instance: Instance,
    *,
    time_limit: float = 60.0,
    seed: int = 0,
    effort: float = 1.0,
    polish: int = 0,
) -> Schedule:
    """Place as much meeting weight as possible, then minimise and spread breaks.

    `polish`: steps of phase 3 (`polish`), which removes breaks the annealing leaves, on
    events of up to `POLISH_UP_TO` meetings; a step takes 0.1 to 0.3 s on 300 meetings.
    0 (the default) skips it.

    The work done is fixed by the instance size, `effort`, `polish` and `seed`, so the result
    is deterministic unless `time_limit` (seconds, wall clock) cuts a phase short.
    """
    start = time.perf_counter()
    deadline = start + max(0.0, time_limit)
    rng = random.Random(seed)
    pb = Problem(instance)
    st = State(pb)
    left = construct(st, rng)
    if left:
        # Phase 1 may spend up to 40% of the time budget; phase 2 needs the rest.
        repair(st, left, rng, deadline=start + 0.4 * (deadline - start))
    iterations = int(effort * _iterations(pb.n_meetings))
    windows = choose_windows(pb, rng) if _wants_windows(pb) else None
    polishing = polish > 0 and pb.n_meetings <= POLISH_UP_TO
    anneal(
        st,
        rng,
        iterations=iterations,
        # With phase 3 to come, the annealing leaves it half of the time.
        deadline=start + (0.5 if polishing else 0.95) * (deadline - start),
        windows=windows,
    )
    if polishing:
        polish_breaks(st, rng, steps=polish, deadline=start + 0.95 * (deadline - start))
    left = [m for m in range(pb.n_meetings) if st.slot_of[m] < 0]
    if left:
        # Moving meetings for breaks can open room for a meeting phase 1 could not fit.
        repair(st, left, rng, deadline=deadline, rounds=1)
    return _schedule(instance, pb, st, time.perf_counter() - start)


def _wants_windows(pb: Problem) -> bool:
    # Days of one to three meetings need no planning (there the windows only cost time);
    # large events cannot afford the search.
    if pb.n_meetings > WINDOWS_UP_TO:
        return False
    seats = sum(len(ms) for ms in pb.meetings_of)
    people = sum(1 for ms in pb.meetings_of if ms)
    return seats >= WINDOWS_FROM_MEAN * people


def _iterations(n_meetings: int) -> int:
    # Small events get many moves per meeting (breaks matter most there, and it is cheap);
    # large ones fewer, so the L size stays within its time target.
    if n_meetings <= 2000:
        return 230 * n_meetings + 10000
    return 470000 + 40 * n_meetings


def _schedule(instance: Instance, pb: Problem, st: State, seconds: float) -> Schedule:
    placements = {}
    unplaced = []
    for m, s in enumerate(st.slot_of):
        if s >= 0:
            placements[pb.meeting_ids[m]] = pb.slot_ids[s]
        else:
            unplaced.append(pb.meeting_ids[m])
    return Schedule(placements, tuple(unplaced), measure(instance, placements, seconds))
