"""Two doors scan one badge at once: one check-in, and the second door is told by whom."""

import threading
import uuid

import pytest
from django.db import IntegrityError, connection, transaction

from programme.badges.services import badge_issue
from programme.checkin import services
from programme.checkin.models import CheckIn
from programme.models import Registration
from tests.factories import UserFactory
from tests.programme.factories import VenueFactory


def _at_once(work, arguments) -> list:
    barrier = threading.Barrier(len(arguments))
    outcomes: list = []

    def run(argument) -> None:
        try:
            barrier.wait()
            outcomes.append(work(argument))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_doors_scanning_one_badge_make_one_check_in(world) -> None:
    world.registration.status = Registration.Status.CONFIRMED
    world.registration.save()
    badge_issue(registration=world.registration)
    venue = VenueFactory(edition=world.edition)
    day = world.edition.days[0]
    anna = UserFactory(is_staff=True, full_name="Anna", email="anna@example.org")
    marco = UserFactory(is_staff=True, full_name="Marco", email="marco@example.org")

    def scan(by):
        outcome = services.check_in(
            registration=world.registration, venue=venue, day=day, by=by, client_id=uuid.uuid4()
        )
        return outcome.created, outcome.check_in.checked_in_by.full_name

    outcomes = _at_once(scan, [anna, marco])
    row = CheckIn.objects.get()
    # One door recorded it; the other was answered with that door's row, not an error.
    assert sorted(created for created, _by in outcomes) == [False, True]
    assert {by for _created, by in outcomes} == {row.checked_in_by.full_name}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_scan_replayed_twice_at_once_makes_one_check_in(world) -> None:
    world.registration.status = Registration.Status.CONFIRMED
    world.registration.save()
    venue = VenueFactory(edition=world.edition)
    scan_id = uuid.uuid4()

    def replay(_n):
        outcome = services.check_in(
            registration=world.registration,
            venue=venue,
            day=world.edition.days[0],
            by=world.staff,
            client_id=scan_id,
        )
        return outcome.created or outcome.replay

    assert _at_once(replay, [1, 2]) == [True, True]
    assert CheckIn.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_database_keeps_one_check_in_per_venue_and_day(world) -> None:
    """The constraint itself, with no service in front."""
    venue = VenueFactory(edition=world.edition)
    fields = {"registration": world.registration, "venue": venue, "day": world.edition.days[0]}
    CheckIn.objects.create(**fields, checked_in_at="2030-10-25T09:00Z", client_id=uuid.uuid4())
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(**fields, checked_in_at="2030-10-25T09:01Z", client_id=uuid.uuid4())
