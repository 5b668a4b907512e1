"""The participants' catalogue: the offer/request filter and suggestions explained."""

import datetime as dt

import pytest
from django.urls import reverse

from portal.core.models import CooperationProfile
from tests.core.factories import CooperationProfileFactory
from tests.factories import ThematicAreaFactory
from tests.matchmaking.factories import participant

OFFER = CooperationProfile.Kind.TECHNOLOGY_OFFER
WANTED = CooperationProfile.Kind.TECHNOLOGY_REQUEST


@pytest.fixture
def areas(db):
    return {
        "health": ThematicAreaFactory(slug="health", name_en="Health"),
        "energy": ThematicAreaFactory(slug="energy", name_en="Energy"),
    }


def profile(organisation, kind: str, *areas, **fields) -> CooperationProfile:
    created = CooperationProfileFactory(organisation=organisation, kind=kind, **fields)
    created.areas.add(*areas)
    return created


def catalogue(client, world, **params):
    client.force_login(world.anna.registration.person)
    url = reverse("matchmaking:catalogue", kwargs={"year": world.edition.year})
    return client.get(url, params)


def names(response) -> list[str]:
    return [p.registration.person.full_name for p in response.context["page"].object_list]


def test_filter_by_offer_or_request_type(client, world, areas) -> None:
    profile(world.org_b, WANTED, areas["health"], title_en="Hospital robots wanted")
    seller = participant(world.edition, country="CN", full_name="Zhao Min")
    profile(seller.registration.organisation, OFFER, areas["energy"])

    response = catalogue(client, world, publishes=WANTED)

    assert names(response) == ["Li Wei"]
    assert "Hospital robots wanted" in response.content.decode()
    assert names(catalogue(client, world, publishes=OFFER)) == ["Zhao Min"]


def test_the_filter_ignores_expired_and_unreviewed_profiles(client, world, areas) -> None:
    profile(world.org_b, WANTED, expires_on=dt.date.today() - dt.timedelta(days=1))
    other = participant(world.edition, country="CN")
    profile(other.registration.organisation, WANTED, status=CooperationProfile.Status.PENDING)

    assert names(catalogue(client, world, publishes=WANTED)) == []


def test_an_unknown_type_is_a_form_error_not_a_crash(client, world) -> None:
    response = catalogue(client, world, publishes="spaceships")

    assert response.status_code == 200
    assert "publishes" in response.context["filter"].form.errors


def test_a_request_matching_my_offer_is_suggested_and_explained(client, world, areas) -> None:
    profile(world.org_a, OFFER, areas["health"])
    profile(world.org_b, WANTED, areas["health"])
    unrelated = participant(world.edition, country="CN", full_name="Chen Jie")
    profile(unrelated.registration.organisation, WANTED, areas["energy"])

    response = catalogue(client, world)

    suggestion, other = response.context["suggestions"]
    assert suggestion["participant"] == world.li
    # Chen Jie requests something else: suggested only as someone from the other country.
    assert other["participant"] == unrelated
    assert (other["wants_my_offer"], other["areas"], other["other_country"]) == (False, [], True)
    assert suggestion["wants_my_offer"] is True
    assert suggestion["offers_my_want"] is False
    assert suggestion["areas"] == []
    assert "They request a technology you offer" in response.content.decode()


def test_suggestions_rank_complementary_profiles_above_shared_areas(client, world, areas) -> None:
    world.org_a.areas.add(areas["energy"])
    world.org_b.areas.add(areas["energy"])
    profile(world.org_a, WANTED, areas["health"])
    seller = participant(world.edition, country="CN", full_name="Zhao Min")
    profile(seller.registration.organisation, OFFER, areas["health"])

    response = catalogue(client, world)

    ranked = response.context["suggestions"]
    assert [s["participant"] for s in ranked] == [seller, world.li]
    assert (ranked[0]["offers_my_want"], ranked[0]["areas"]) == (True, [])
    assert (ranked[1]["offers_my_want"], ranked[1]["areas"]) == (False, [areas["energy"]])
    page = response.content.decode()
    assert "They offer a technology you request" in page
    assert "You share Energy" in page


@pytest.mark.parametrize(
    ("language", "shown"),
    [("it", "You both speak Italian"), ("zh", "Interpreter needed")],
)
def test_the_language_reason(client, world, areas, language: str, shown: str) -> None:
    world.org_a.areas.add(areas["health"])
    world.anna.registration.languages = "it"
    world.anna.registration.save()
    other = participant(world.edition, country="CN", full_name="Sun Yi")
    other.registration.languages = language
    other.registration.save()
    other.registration.organisation.areas.add(areas["health"])

    response = catalogue(client, world)

    assert [s["participant"] for s in response.context["suggestions"]] == [other, world.li]
    assert shown in response.content.decode()


def test_the_partner_page_lists_their_live_offers_and_requests(client, world, areas) -> None:
    profile(world.org_b, WANTED, title_en="Hospital robots wanted")
    profile(world.org_b, OFFER, title_en="Old offer", status=CooperationProfile.Status.REJECTED)
    client.force_login(world.anna.registration.person)
    url = reverse("matchmaking:participant", kwargs={"year": world.edition.year, "pk": world.li.pk})

    page = client.get(url).content.decode()

    assert 'Hospital robots wanted</a><span class="meta"> (Technology request)</span>' in page
    assert "Old offer" not in page


def test_the_catalogue_lists_everyone_but_the_reader(client, world) -> None:
    assert names(catalogue(client, world)) == ["Li Wei"]
    client.force_login(world.staff)
    url = reverse("matchmaking:catalogue", kwargs={"year": world.edition.year})
    staff_view = [p.registration.person.full_name for p in client.get(url).context["page"]]
    assert sorted(staff_view) == ["Anna Rossi", "Li Wei"]


def test_with_nothing_in_common_the_other_country_is_suggested_in_a_reader_order(
    client, world
) -> None:
    chinese = [participant(world.edition, country="CN") for _ in range(8)]
    italian = participant(world.edition, country="IT")
    client.force_login(world.anna.registration.person)
    url = reverse("matchmaking:catalogue", kwargs={"year": world.edition.year})

    for_anna = [s["participant"] for s in client.get(url).context["suggestions"]]
    client.force_login(italian.registration.person)
    for_other = [s["participant"] for s in client.get(url).context["suggestions"]]

    assert len(for_anna) == len(for_other) == 6
    assert set(for_anna) <= {world.li, *chinese}
    assert set(for_other) <= {world.li, *chinese}
    # Equally good candidates, shown in a different order to different readers.
    assert for_anna != for_other


@pytest.mark.parametrize(
    ("language", "names"), [("en", ["Italy", "China"]), ("zh-hans", ["意大利", "中国"])]
)
def test_catalogue_country_filter_names_countries_in_the_readers_language(language, names) -> None:
    from django.utils import translation

    from matchmaking.filters import CatalogueFilter

    with translation.override(language):
        choices = list(CatalogueFilter.base_filters["country"].field.choices)
    assert [name for code, name in choices if code] == names
