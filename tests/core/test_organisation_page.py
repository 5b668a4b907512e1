"""An organisation's public page: profile, offers and requests, members who agreed."""

import datetime as dt

import pytest

from tests.core.factories import CooperationProfileFactory
from tests.factories import (
    AgreementFactory,
    MembershipFactory,
    MissionFactory,
    OrganisationFactory,
    PartyFactory,
    ThematicAreaFactory,
    UserFactory,
)


@pytest.fixture
def org(db):
    return OrganisationFactory(
        slug="robotics-lab",
        name_en="Robotics Lab",
        native_name="机器人实验室",
        country="CN",
        description_en="Line one\nLine <two>",
        website="https://robotics.example.org",
        founded=1999,
    )


def test_page_shows_the_profile(client, org) -> None:
    org.areas.add(ThematicAreaFactory(slug="health", name_en="Health"))
    page = client.get("/en/partners/robotics-lab/").content.decode()
    assert "<h1>Robotics Lab</h1>" in page
    assert '<p class="native" lang="zh-Hans">机器人实验室</p>' in page
    assert "<p>Line one<br>Line &lt;two&gt;</p>" in page
    assert '<a href="/en/partners/?area=health">Health</a>' in page
    assert "<dd>1999</dd>" in page


def test_page_lists_public_profiles_only(client, org) -> None:
    CooperationProfileFactory(organisation=org, title_en="Live offer", keywords="lidar, drones")
    CooperationProfileFactory(
        organisation=org, title_en="Expired offer", expires_on=dt.date.today() - dt.timedelta(1)
    )
    CooperationProfileFactory(organisation=org, title_en="Pending offer", status="pending")
    CooperationProfileFactory(organisation=org, title_en="Rejected offer", status="rejected")
    page = client.get("/en/partners/robotics-lab/").content.decode()
    assert "<h3>Live offer</h3>" in page
    assert "<li>lidar</li><li>drones</li>" in page
    assert "Expired offer" not in page
    assert "Pending offer" not in page
    assert "Rejected offer" not in page


def test_profile_leaves_the_page_the_day_after_it_expires(client, org) -> None:
    import time_machine

    CooperationProfileFactory(organisation=org, title_en="Offer", expires_on=dt.date(2030, 5, 1))
    with time_machine.travel(dt.datetime(2030, 5, 1, 12, tzinfo=dt.UTC)):
        assert "Offer" in client.get("/en/partners/robotics-lab/").content.decode()
    with time_machine.travel(dt.datetime(2030, 5, 2, 12, tzinfo=dt.UTC)):
        assert "<h3>Offer</h3>" not in client.get("/en/partners/robotics-lab/").content.decode()


def test_page_shows_only_members_who_agreed(client, org) -> None:
    MembershipFactory(
        organisation=org, user=UserFactory(full_name="Li Wei"), shown_publicly=True,
        job_title="Director",
    )  # fmt: skip
    MembershipFactory(organisation=org, user=UserFactory(full_name="Hidden Person"))
    page = client.get("/en/partners/robotics-lab/").content.decode()
    assert "<li>Li Wei, Director</li>" in page
    assert "Hidden Person" not in page


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_unpublished_organisation_is_not_found(client, db, status) -> None:
    OrganisationFactory(slug="hidden", status=status)
    assert client.get("/en/partners/hidden/").status_code == 404


def test_signed_in_outsider_can_ask_to_join(client, org) -> None:
    client.force_login(UserFactory())
    page = client.get("/en/partners/robotics-lab/").content.decode()
    assert 'action="/en/partners/robotics-lab/join/"' in page
    response = client.post("/en/partners/robotics-lab/join/", {"message": "Hello"})
    assert response["Location"] == "/en/partners/robotics-lab/"
    assert org.join_requests.get().message == "Hello"
    again = client.post("/en/partners/robotics-lab/join/", {"message": "Hello"}, follow=True)
    assert "You have already asked to join this organisation." in again.content.decode()


@pytest.mark.parametrize("rows", [1, 12])
def test_page_query_count_is_constant(client, db, django_assert_num_queries, rows) -> None:
    org = OrganisationFactory(slug="big")
    areas = [ThematicAreaFactory() for _ in range(3)]
    org.areas.set(areas)
    for _ in range(rows):
        CooperationProfileFactory(organisation=org).areas.set(areas)
        MembershipFactory(organisation=org, shown_publicly=True)
        PartyFactory(organisation=org, agreement=AgreementFactory())
        MissionFactory().promoters.add(org)
    # organisation, its areas, profiles, their areas, public members; the other apps'
    # sections: editions (1), missions (1), agreements with their parties and projects (3)
    with django_assert_num_queries(10):
        assert client.get("/en/partners/big/").status_code == 200
