"""Constant query counts for the catalogue, the agenda and the grid (1 row and many)."""

import pytest
from django.urls import reverse

from portal.core.models import CooperationProfile
from tests.core.factories import CooperationProfileFactory
from tests.factories import ThematicAreaFactory
from tests.matchmaking.factories import accepted, participant
from tests.matchmaking.test_meetings import place

# Measured: the same for 1 row and many (user, edition, participant, page reads; the session
# is read from the cache).
# Each includes the header bell's unread count (one query on signed-in pages).
CATALOGUE_QUERIES = 13  # the edition comes with the reader's participant row
AGENDA_QUERIES = 4
GRID_QUERIES = 10  # with the check-in flags: the meetings, whether the day has check-ins
STAFF_REQUESTS_QUERIES = 5


@pytest.mark.parametrize("others", [1, 12])
def test_catalogue_query_count(client, world, django_assert_num_queries, others: int) -> None:
    health = ThematicAreaFactory(slug="health", name_en="Health")
    world.org_a.areas.add(health)
    CooperationProfileFactory(organisation=world.org_a).areas.add(health)
    for _ in range(others):
        other = participant(world.edition, country="CN")
        other.registration.organisation.areas.add(health)
        wanted = CooperationProfileFactory(
            organisation=other.registration.organisation,
            kind=CooperationProfile.Kind.TECHNOLOGY_REQUEST,
        )
        wanted.areas.add(health)
    client.force_login(world.anna.registration.person)
    url = reverse("matchmaking:catalogue", kwargs={"year": world.edition.year})
    with django_assert_num_queries(CATALOGUE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == others + 1  # everyone but Anna
    # Those who request Anna's offer first, then Li Wei (the other country only).
    wants = [s["wants_my_offer"] for s in response.context["suggestions"]]
    assert wants == ([True] * others + [False])[:6]


@pytest.mark.parametrize("meetings", [1, 4])
def test_agenda_query_count(client, world, django_assert_num_queries, meetings: int) -> None:
    for i in range(meetings):
        partner = world.li if i == 0 else participant(world.edition, country="CN")
        place(accepted(world.anna, partner), world.slots[i], world.tables[0])
    client.force_login(world.anna.registration.person)
    url = reverse("matchmaking:agenda", kwargs={"year": world.edition.year})
    with django_assert_num_queries(AGENDA_QUERIES):
        response = client.get(url)
    assert len(response.context["rows"]) == meetings


@pytest.mark.parametrize("meetings", [1, 8])
def test_grid_query_count(client, world, django_assert_num_queries, meetings: int) -> None:
    for i in range(meetings):
        a, b = participant(world.edition), participant(world.edition, country="CN")
        place(accepted(a, b), world.slots[i // 2], world.tables[i % 2])
    client.force_login(world.staff)
    url = reverse("matchmaking:grid", kwargs={"year": world.edition.year, "pk": world.session.pk})
    with django_assert_num_queries(GRID_QUERIES):
        response = client.get(url)
    cells = [c for row in response.context["rows"] for c in row["cells"] if c["meeting"]]
    assert len(cells) == meetings


@pytest.mark.parametrize("requests", [1, 10])
def test_staff_requests_query_count(client, world, django_assert_num_queries, requests) -> None:
    for _ in range(requests):
        accepted(participant(world.edition), participant(world.edition, country="CN"))
    client.force_login(world.staff)
    url = reverse("matchmaking:staff_requests", kwargs={"year": world.edition.year})
    with django_assert_num_queries(STAFF_REQUESTS_QUERIES):
        response = client.get(url)
    assert len(response.context["page"].object_list) == requests
