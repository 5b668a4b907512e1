"""The baseline matchmaking platforms use: each meeting in the earliest slot that is still free."""

from __future__ import annotations

import time

from .core import Problem, State
from .evaluate import measure
from .model import Instance, Schedule


def first_fit(instance: Instance) -> Schedule:
    """Fixed meetings first, then every meeting in input order in its earliest feasible slot."""
    start = time.perf_counter()
    pb = Problem(instance)
    st = State(pb)
    for m in range(pb.n_meetings):
        if pb.fixed[m] >= 0:
            st.place(m, pb.fixed[m])
    for m in range(pb.n_meetings):
        if pb.fixed[m] < 0:
            free = st.free_mask(m)
            if free:
                st.place(m, (free & -free).bit_length() - 1)
    placements = {}
    unplaced = []
    for m, s in enumerate(st.slot_of):
        if s >= 0:
            placements[pb.meeting_ids[m]] = pb.slot_ids[s]
        else:
            unplaced.append(pb.meeting_ids[m])
    seconds = time.perf_counter() - start
    return Schedule(placements, tuple(unplaced), measure(instance, placements, seconds))
