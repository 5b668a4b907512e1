"""The remaining list pages run a constant number of queries, whatever the number of rows."""

import pytest

from programme.models import RegistrationInvitation, StartupApplication
from tests.factories import EditionCityFactory, EditionFactory, ThematicAreaFactory
from tests.programme.factories import (
    ProgrammeSessionFactory,
    RegistrationFactory,
    StartupApplicationFactory,
)


@pytest.mark.parametrize("count", [1, 8])
def test_editions_query_count_is_constant(
    client, db, django_assert_num_queries, count: int
) -> None:
    for n in range(count):
        edition = EditionFactory(year=2040 + n, ordinal=60 + n)
        EditionCityFactory(edition=edition)
        EditionCityFactory(edition=edition)
    # editions, their cities with the city, the demonstration edition (linked apart).
    with django_assert_num_queries(3):
        response = client.get("/en/week/")
    assert len(response.context["upcoming"]) + len(response.context["past"]) == count


@pytest.mark.parametrize("count", [1, 8])
def test_delegation_query_count_is_constant(
    client, world, django_assert_num_queries, count: int
) -> None:
    sessions = [ProgrammeSessionFactory(edition=world.edition) for _ in range(3)]
    world.registration.sessions.set(sessions)
    for n in range(count - 1):
        RegistrationFactory(edition=world.edition, organisation=world.org_a).sessions.set(sessions)
        RegistrationInvitation.objects.create(
            edition=world.edition, organisation=world.org_a, email=f"p{n}@example.org"
        )
    client.force_login(world.admin_a)
    # user, edition, its cities, memberships, registrations, their sessions,
    # invitations not accepted (with organisation and inviter).
    with django_assert_num_queries(8):
        response = client.get(f"/en/week/{world.edition.year}/delegation/")
    assert len(response.context["rows"]) == count
    assert len(response.context["invitations"]) == count


@pytest.mark.parametrize("count", [1, 8])
def test_staff_showcase_query_count_is_constant(
    client, world, django_assert_num_queries, count: int
) -> None:
    areas = [ThematicAreaFactory() for _ in range(3)]
    world.application.areas.set(areas)
    for _ in range(count - 1):
        StartupApplicationFactory(edition=world.edition).areas.set(areas)
    client.force_login(world.staff)
    # user, edition, its cities, applications (with startup and sender), areas.
    with django_assert_num_queries(6):
        response = client.get(f"/en/week/{world.edition.year}/staff/showcase/")
    assert len(response.context["applications"]) == count
    assert StartupApplication.objects.count() == count
