"""A deletion while a scheduling run writes: the erasure waits for the run's edition lock,
then finds the run's meetings written and keeps them; nothing is half-deleted."""

import threading
from unittest import mock

import pytest
from allauth.account.models import EmailAddress

from matchmaking import services
from matchmaking.models import Meeting, Participant, SchedulingRun, Seat
from matchmaking.services import runs
from portal.core.models import DataRequest, User
from portal.core.services.erasure import account_erase
from tests.matchmaking.factories import accepted
from tests.matchmaking.test_races import in_thread

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_an_erasure_during_a_run_waits_and_keeps_the_meeting(world) -> None:
    anna = world.anna.registration.person
    EmailAddress.objects.create(user=anna, email=anna.email, verified=True, primary=True)
    accepted(world.anna, world.li)
    writing, release = threading.Event(), threading.Event()
    real_insert = runs._insert

    def slow_insert(run, rows):
        real_insert(run, rows)
        writing.set()
        release.wait(30)

    run = SchedulingRun.objects.create(edition=world.edition, started_by=world.staff)
    results: list = []
    with mock.patch("matchmaking.services.runs._insert", slow_insert):
        runner = in_thread(lambda: services.run_execute(run_id=run.pk), results, None)
        runner.start()
        assert writing.wait(30)
        eraser = in_thread(lambda: account_erase(user=anna), results, None)
        eraser.start()
        eraser.join(1.5)
        # The run holds the edition lock: the erasure waits, and has changed nothing yet.
        assert eraser.is_alive()
        assert User.objects.get(pk=anna.pk).erased_at is None
        assert EmailAddress.objects.filter(user=anna).exists()
        release.set()
        runner.join(60)
        eraser.join(60)
    assert [status for status, _value in results] == ["ok", "ok"], results
    run.refresh_from_db()
    assert (run.status, run.placed) == (SchedulingRun.Status.DONE, 1)
    erased = User.objects.get(pk=anna.pk)
    assert erased.erased_at is not None and erased.full_name == ""
    assert not EmailAddress.objects.filter(user=anna).exists()
    assert DataRequest.objects.filter(kind="erasure", completed_at__isnull=False).count() == 1
    meeting = Meeting.objects.get(edition=world.edition)
    assert Seat.objects.filter(meeting=meeting).count() == 2
    assert Participant.objects.get(pk=world.anna.pk).name == "A former participant"
