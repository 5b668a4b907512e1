"""The scheduler's entry point: phase 1 (weight), phase 2 (breaks and fairness), result."""

from __future__ import annotations

import dataclasses
import random
import time

from .anneal import anneal
from .construct import construct, repair
from .core import Problem, State
from .evaluate import measure
from .large import polish_large
from .model import Instance, Schedule
from .polish import polish as polish_breaks
from .windows import choose_windows

# Small events whose participants have long days anneal towards target windows (`windows`).
WINDOWS_UP_TO = 2000
WINDOWS_FROM_MEAN = 4
# The SAT model of phase 3 grows with meetings times slots; past this it would not pay, and
# phase 3 works on neighbourhoods of bounded size instead (`large`).
POLISH_UP_TO = 1000


def default_time_limit(n_meetings: int) -> float:
    """CPU seconds the command line and the Celery task give an event of `n_meetings`.

    About 4 s plus 1 s per 12 meetings (JAIR's largest, 302 meetings: 29.2 s, what the 100
    steps of phase 3 took before the budget was in seconds, so that no event gets a worse
    schedule than it did), at most 60 s (the annealing of 30,000 meetings takes about 21 s).
    Quality first (issue 25: "the time budget gives way, the quality does not"): most events
    stop far sooner, as soon as their schedule is proved optimal.
    """
    return min(60.0, 4.0 + n_meetings / 12)


def solve(
    instance: Instance,
    *,
    time_limit: float | None = None,
    seed: int = 0,
    effort: float = 1.0,
    polish: int | None = 0,
) -> Schedule:
    """Place as much meeting weight as possible, then minimise and spread breaks.

    `time_limit`: CPU seconds (`time.process_time`); None gives `default_time_limit`.
    `polish`: phase 3 (`polish`), which removes breaks the annealing leaves and proves a lower
    bound, on the whole event up to `POLISH_UP_TO` meetings and on neighbourhoods of bounded
    size past it (`large`; a step there is one neighbourhood): None runs it until the
    schedule is proved optimal or the time is up (the command line's and the Celery task's
    rule), a number caps its steps (a step takes 0.05 to 0.3 s on 300 meetings), 0 (the
    default) skips it.

    The work done is fixed by the instance size, `effort`, `polish` and `seed` (phase 3 by
    conflict budgets), so the result is deterministic unless `time_limit` cuts a phase short.
    `stats.lower_bound` bounds the breaks of any placement of the same meetings (None when
    phase 3 did not run and breaks are left); `stats.optimal` says the breaks meet it.
    """
    if time_limit is None:
        time_limit = default_time_limit(len(instance.meetings))
    start = time.process_time()
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
    polishing = polish != 0
    anneal(
        st,
        rng,
        iterations=iterations,
        # With phase 3 to come, the annealing leaves it half of the time; on large events
        # a fifth (the annealing needs 20 to 30 s there, the neighbourhoods far less).
        deadline=start + _anneal_share(polishing, pb.n_meetings) * (deadline - start),
        windows=windows,
    )
    lower = None
    if polishing:
        by = polish_breaks if pb.n_meetings <= POLISH_UP_TO else polish_large
        done = by(st, rng, steps=polish, deadline=start + 0.95 * (deadline - start))
        lower = done.lower_bound
    left = [m for m in range(pb.n_meetings) if st.slot_of[m] < 0]
    if left:
        # Moving meetings for breaks can open room for a meeting phase 1 could not fit.
        placed = pb.n_meetings - len(left)
        left = repair(st, left, rng, deadline=deadline, rounds=1)
        if pb.n_meetings - len(left) != placed:
            lower = None  # the bound was for the meetings placed before
    schedule = _schedule(instance, pb, st, time.process_time() - start)
    stats = schedule.stats
    if stats.breaks == 0:
        lower = 0
    if lower is not None:
        stats = dataclasses.replace(stats, lower_bound=lower, optimal=stats.breaks <= lower)
    return dataclasses.replace(schedule, stats=stats)


def _anneal_share(polishing: bool, n_meetings: int) -> float:
    if not polishing:
        return 0.95
    return 0.5 if n_meetings <= POLISH_UP_TO else 0.8


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
