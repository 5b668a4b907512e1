"""The runs' sweep: a lost message or a dead worker never leaves a run or its news behind."""

import datetime as dt
import os
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from matchmaking import services
from matchmaking.models import Meeting, SchedulingRun
from matchmaking.tasks import sweep_runs
from portal.celery import app
from portal.core.models import Notification
from tests.matchmaking.factories import accepted
from tests.matchmaking.test_meetings import place
from tests.notifications.services import use_broker

LATER = dt.timedelta(minutes=3)


def make_run(world, status: str, **fields) -> SchedulingRun:
    return SchedulingRun.objects.create(
        edition=world.edition, started_by=world.staff, status=status, **fields
    )


def announced_to(kind: str = "schedule_published") -> set:
    return {n.recipient for n in Notification.objects.filter(kind=kind)}


def test_a_run_whose_message_was_lost_is_queued_again_and_runs(world) -> None:
    accepted(world.anna, world.li)
    stuck = make_run(world, SchedulingRun.Status.QUEUED)

    assert services.runs_sweep(now=timezone.now() + LATER)["requeued"] == 1

    stuck.refresh_from_db()
    assert (stuck.status, stuck.placed) == (SchedulingRun.Status.DONE, 1)
    assert Meeting.objects.filter(status=Meeting.Status.SCHEDULED).count() == 1


def test_a_run_just_queued_is_left_to_its_own_task(world) -> None:
    fresh = make_run(world, SchedulingRun.Status.QUEUED)

    assert services.runs_sweep()["requeued"] == 0

    fresh.refresh_from_db()
    assert fresh.status == SchedulingRun.Status.QUEUED


@pytest.mark.parametrize(("minutes", "lost"), [(26, True), (10, False)])
def test_a_run_working_past_the_task_limit_is_marked_failed(world, minutes, lost) -> None:
    now = timezone.now()
    run = make_run(
        world, SchedulingRun.Status.SOLVING, started_at=now - dt.timedelta(minutes=minutes)
    )

    services.runs_sweep(now=now)

    run.refresh_from_db()
    if lost:
        assert run.status == SchedulingRun.Status.FAILED
        assert run.error == "The run was interrupted (its worker stopped). Run the scheduler again."
        assert run.finished_at == now
    else:
        assert (run.status, run.error) == (SchedulingRun.Status.SOLVING, "")


def test_a_finished_run_nobody_was_told_about_is_announced_once(world) -> None:
    place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    run = make_run(world, SchedulingRun.Status.DONE, finished_at=timezone.now())

    first = sweep_runs.delay().get()
    second = services.runs_sweep(now=timezone.now() + LATER)
    third = services.runs_sweep(now=timezone.now() + LATER)

    assert first["announced"] == 0  # too recent: its own task may still be on the way
    assert (second["announced"], third["announced"]) == (1, 0)
    assert announced_to() == {world.anna.registration.person, world.li.registration.person}
    assert Notification.objects.filter(kind="schedule_published").count() == 2
    run.refresh_from_db()
    assert run.announced_at is not None


def test_only_the_latest_finished_run_of_an_edition_is_announced(world) -> None:
    place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    now = timezone.now()
    old = make_run(world, SchedulingRun.Status.DONE, finished_at=now - dt.timedelta(hours=2))
    new = make_run(world, SchedulingRun.Status.DONE, finished_at=now - dt.timedelta(hours=1))

    assert services.runs_sweep(now=now)["announced"] == 1

    old.refresh_from_db()
    new.refresh_from_db()
    assert old.announced_at is None
    assert new.announced_at is not None
    keys = set(Notification.objects.values_list("key", flat=True))
    assert all(key.startswith(f"schedule-published:{new.pk}:") for key in keys)


@pytest.fixture
def broker_down():
    """A broker nobody listens on: queueing fails as it does when Redis is stopped."""
    previous = os.environ.get("CELERY_BROKER_URL", "")
    app.conf.task_always_eager = False
    use_broker("redis://127.0.0.1:1/0")
    yield
    app.conf.task_always_eager = True
    use_broker(previous)
    if not previous:
        os.environ.pop("CELERY_BROKER_URL")


@pytest.mark.django_db(transaction=True)
def test_running_the_scheduler_with_the_broker_down_answers_and_the_sweep_catches_up(
    client, world, broker_down
) -> None:
    accepted(world.anna, world.li)
    client.force_login(world.staff)
    url = reverse("matchmaking:run_start", kwargs={"year": world.edition.year})

    started = time.monotonic()
    response = client.post(url, {"session": ""})
    elapsed = time.monotonic() - started

    run = SchedulingRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "matchmaking:run", kwargs={"year": world.edition.year, "pk": run.pk}
    )
    assert elapsed < 5
    assert run.status == SchedulingRun.Status.QUEUED

    # The broker is back (tasks in-process again): the next sweep runs and announces it.
    app.conf.task_always_eager = True
    services.runs_sweep(now=timezone.now() + LATER)
    run.refresh_from_db()
    assert run.status == SchedulingRun.Status.DONE
    services.runs_sweep(now=timezone.now() + LATER)
    assert announced_to() == {world.anna.registration.person, world.li.registration.person}
