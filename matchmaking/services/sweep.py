"""The periodic safety net for scheduling runs: nothing waits for ever on a lost message.

A run's task is queued after commit; with the broker down it is never queued, and a worker
killed mid-run leaves it half-way. The announcement that follows a run has the same risk.
"""

import datetime as dt
import logging

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext

from matchmaking.models import SchedulingRun
from matchmaking.services.announce import schedule_announce
from matchmaking.services.runs import run_enqueue

logger = logging.getLogger(__name__)

# Longer than a healthy queue takes to hand a run to a worker.
REQUEUE_AFTER = dt.timedelta(minutes=2)
# Longer than the task's soft time limit (20 minutes): a run still working is lost.
LOST_AFTER = dt.timedelta(minutes=25)
WORKING = (
    SchedulingRun.Status.READING,
    SchedulingRun.Status.SOLVING,
    SchedulingRun.Status.WRITING,
)


def runs_sweep(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Queue runs again, fail lost ones, announce finished ones not yet announced.

    Safe to run twice and at the same time as the tasks: running a run claims it, and
    announcing locks it and is keyed per person and run. Of the runs that plan everything
    only an edition's latest is announced (an older one's schedule has been replaced); the
    changes of every later run are.
    """
    now = now or timezone.now()
    requeued = sum(
        run_enqueue(run_id=pk)
        for pk in SchedulingRun.objects.filter(
            status=SchedulingRun.Status.QUEUED, created_at__lt=now - REQUEUE_AFTER
        ).values_list("pk", flat=True)
    )
    lost = SchedulingRun.objects.filter(status__in=WORKING, started_at__lt=now - LOST_AFTER).update(
        status=SchedulingRun.Status.FAILED,
        finished_at=now,
        error=gettext("The run was interrupted (its worker stopped). Run the scheduler again."),
    )
    if lost:
        logger.warning("%s scheduling run(s) lost by their worker, marked failed", lost)
    latest_done = SchedulingRun.objects.filter(
        edition=OuterRef("edition"), status=SchedulingRun.Status.DONE
    ).order_by("-finished_at", "-pk")
    # A later run's changes are its own (one person's meeting moved): each is announced.
    unannounced = SchedulingRun.objects.filter(
        Q(pk=Subquery(latest_done.values("pk")[:1])) | ~Q(mode=SchedulingRun.Mode.PLAN),
        status=SchedulingRun.Status.DONE,
        announced_at__isnull=True,
        finished_at__lt=now - REQUEUE_AFTER,
    ).values_list("pk", flat=True)
    announced = sum(1 for pk in unannounced if schedule_announce(run_id=pk))
    return {"requeued": requeued, "lost": lost, "announced": announced}
