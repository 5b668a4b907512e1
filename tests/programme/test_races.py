"""Two writers at once: one live registration per person and edition, and one clear error."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from programme import services
from programme.models import Registration


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_of_one_person_make_one(world) -> None:
    person = world.delegate
    Registration.objects.all().delete()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def register(by) -> None:
        try:
            barrier.wait()
            services.registration_create(
                edition=world.edition, person=person, organisation=world.org_a, registered_by=by
            )
            outcomes.append("created")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=register, args=(who,)) for who in (world.member_a, world.admin_a)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "duplicate"]
    assert Registration.objects.filter(person=person).count() == 1


def _at_once(work, arguments) -> list[str]:
    """Run `work(argument)` in one thread per argument, started together; their outcomes."""
    barrier = threading.Barrier(len(arguments))
    outcomes: list[str] = []

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
    return sorted(outcomes)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_database_keeps_one_live_registration_against_two_writers(world) -> None:
    """The conditional unique constraint itself, with no lock in front: two inserts of a
    live row at once, beside a cancelled one, make one row and one IntegrityError."""
    world.registration.status = Registration.Status.CANCELLED
    world.registration.save()

    def insert(organisation) -> str:
        try:
            with transaction.atomic():
                Registration.objects.create(
                    edition=world.edition, person=world.delegate, organisation=organisation
                )
                time.sleep(0.3)  # hold the row, so the other insert waits on the index
            return "created"
        except IntegrityError:
            return "refused"

    assert _at_once(insert, [world.org_a, world.org_b]) == ["created", "refused"]
    assert Registration.objects.filter(person=world.delegate).count() == 2
    assert Registration.objects.live().filter(person=world.delegate).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_invitations_accepted_at_once_make_one_registration(world) -> None:
    person = world.invitee
    invitations = [
        services.registration_invite(
            edition=world.edition, organisation=org, email=person.email, invited_by=by
        )
        for org, by in ((world.org_a, world.member_a), (world.org_b, world.member_b))
    ]

    def accept(invitation) -> str:
        try:
            services.registration_invitation_accept(invitation=invitation, user=person)
            return "accepted"
        except ValidationError as error:
            return error.code

    assert _at_once(accept, invitations) == ["accepted", "duplicate"]
    assert Registration.objects.filter(person=person).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_first_prints_of_one_badge_agree_on_its_code(world) -> None:
    """Staff's sheet and the person's own download drawing the first code at once: the later
    must not overwrite the earlier, or the badge printed first would be revoked unseen."""
    from programme.badges.services import badge_issue

    world.registration.status = Registration.Status.CONFIRMED
    world.registration.save(update_fields=["status"])

    def first_print(_who) -> str:
        registration = Registration.objects.get(pk=world.registration.pk)
        return badge_issue(registration=registration).badge_code

    codes = _at_once(first_print, ["staff", "delegate"])
    world.registration.refresh_from_db()
    assert codes == [world.registration.badge_code] * 2
