"""Two members registering the same person at once get one registration and one clear error."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

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
