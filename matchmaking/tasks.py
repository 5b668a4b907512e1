"""Celery entry points of B2B matchmaking: thin wrappers around services."""

from celery import shared_task

from matchmaking import services


@shared_task(name="matchmaking.tasks.run_scheduler", acks_late=True, soft_time_limit=20 * 60)
def run_scheduler(run_id: int) -> None:
    # Safe twice: a run already claimed (or finished) is left alone.
    services.run_execute(run_id=run_id)


@shared_task(name="matchmaking.tasks.expire_requests")
def expire_requests() -> int:
    """Beat task: requests unanswered past their edition's deadline expire (idempotent)."""
    return services.requests_expire()


@shared_task(name="matchmaking.tasks.send_agenda_reminders")
def send_agenda_reminders() -> int:
    """Beat task (hourly): tomorrow's agenda to each participant, once per person and day."""
    return services.agenda_reminders()


@shared_task(name="matchmaking.tasks.announce_schedule", acks_late=True)
def announce_schedule(run_id: int) -> int:
    """After a run: the schedule is out, to each participant with meetings (safe twice)."""
    return services.schedule_announce(run_id=run_id)


@shared_task(name="matchmaking.tasks.sweep_runs")
def sweep_runs() -> dict[str, int]:
    """Beat task: runs whose message was lost are queued again, lost runs fail, and a
    finished schedule nobody was told about is announced (idempotent)."""
    return services.runs_sweep()
