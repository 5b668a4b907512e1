"""B2B meeting scheduler: pure Python, no Django; the matchmaking app's Celery task calls it.

Usage::

    from matchmaking.scheduling import parse_instance, solve

    instance = parse_instance(json.load(f))  # or build Instance/Slot/... directly
    schedule = solve(instance, time_limit=60.0, seed=0)
    schedule.placements  # {meeting id: slot id}
    schedule.unplaced    # (meeting id, ...)
    schedule.stats       # placed, unplaced, weight, breaks, break_spread, ...

`parse_instance` raises `InstanceError` (a `ValueError`) with a one-line message on bad input.
Objectives, in order: total weight of placed meetings, fewest breaks (two consecutive meetings
of one participant in a block that are not in consecutive slots), breaks spread evenly.
The command line is `python -m matchmaking.scheduling solve INSTANCE.json [--time-limit S]`.
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
