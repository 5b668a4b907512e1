"""B2B meeting scheduler: Python with no Django (and a SAT solver, python-sat, for phase 3);
the matchmaking app's Celery task calls it.

Usage::

    from matchmaking.scheduling import parse_instance, solve

    instance = parse_instance(json.load(f))  # or build Instance/Slot/Participant/Meeting
    schedule = solve(instance, seed=0, polish=None)  # the command line's and task's rule
    schedule.placements  # {meeting id: slot id}, in the instance's meeting order
    schedule.unplaced    # (meeting id, ...)
    schedule.stats       # placed, unplaced, weight, breaks, break_spread, lower_bound, optimal...

Ids are ints or strings. `parse_instance` raises `InstanceError` (a `ValueError`) with a
one-line message on bad input: unknown or duplicate ids, negative capacity, a meeting fixed to a
slot one of its participants cannot attend, and so on. `solve` is deterministic for a seed
unless `time_limit` (CPU seconds, `time.process_time`; default scaled with the event's size)
cuts it short; `effort` scales its work.

Objectives, in order: the total weight of placed meetings, the fewest breaks (two consecutive
meetings of one participant in a block that are not in consecutive slots), breaks spread
evenly. Phase 1 places weight greedily and repairs with ejection chains; phase 2 anneals over
Kempe-chain and insertion moves without ever losing placed weight, on small events with long
days steered towards a target run of slots per participant (`windows`). Phase 3, when
`solve(..., polish=None)` (run until proved optimal or out of time) or `polish=STEPS` asks for
it, removes more breaks by large-neighbourhood search with a SAT solver (`polish`) and proves a
lower bound on them with the same model; the command line and the Celery task run it until
the schedule is proved optimal or the time budget is spent; `solve`'s own default skips it.
Past 1,000 meetings phase 3 runs the same SAT search on neighbourhoods of bounded size around
the participants with breaks, the rest of the event fixed (`large`), and bounds the breaks by
each participant's floor (`large.floor`).
Tables are not assigned here.

The command line is `python -m matchmaking.scheduling solve INSTANCE.json [--time-limit S]
[--polish STEPS]`;
it prints `{"placements": [...], "unplaced": [...], "stats": {...}}` and exits 2 with one
line on stderr for bad input. `schedule_to_dict` gives the same JSON in Python; `violations`
and `measure` check and score any placement; `firstfit.first_fit`, `generator.generate`,
`variants` (forbidden slots, fixed meetings) and `bounds.placed_bound` serve tests and the
benchmark (`tests/bench/scheduler.py`).
"""

from .evaluate import measure, violations
from .model import (
    Id,
    Instance,
    InstanceError,
    Meeting,
    Participant,
    Schedule,
    Slot,
    Stats,
    instance_to_dict,
    parse_instance,
    schedule_to_dict,
)
from .solver import solve

__all__ = [
    "Id",
    "Instance",
    "InstanceError",
    "Meeting",
    "Participant",
    "Schedule",
    "Slot",
    "Stats",
    "instance_to_dict",
    "measure",
    "parse_instance",
    "schedule_to_dict",
    "solve",
    "violations",
]
