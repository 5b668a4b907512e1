"""Every state change of B2B matchmaking; views, admin, tasks and content call these."""

from matchmaking.services.announce import schedule_announce
from matchmaking.services.meetings import (
    meeting_cancel,
    meeting_move,
    meeting_place_best,
    meeting_set_locked,
    meeting_swap,
    seat_feedback,
)
from matchmaking.services.reminders import agenda_reminders
from matchmaking.services.requests import (
    request_accept,
    request_cancel,
    request_create,
    request_decline,
    request_withdraw,
    requests_expire,
)
from matchmaking.services.runs import run_confirm, run_execute, run_start
from matchmaking.services.setup import (
    participant_enrol,
    participant_reset_feed,
    participant_set_availability,
    participant_set_unavailable,
    session_build_slots,
    session_set_tables,
)
from matchmaking.services.sweep import runs_sweep

__all__ = [
    "agenda_reminders",
    "meeting_cancel",
    "meeting_move",
    "meeting_place_best",
    "meeting_set_locked",
    "meeting_swap",
    "participant_enrol",
    "participant_reset_feed",
    "participant_set_availability",
    "participant_set_unavailable",
    "request_accept",
    "request_cancel",
    "request_create",
    "request_decline",
    "request_withdraw",
    "requests_expire",
    "run_confirm",
    "run_execute",
    "run_start",
    "runs_sweep",
    "schedule_announce",
    "seat_feedback",
    "session_build_slots",
    "session_set_tables",
]
