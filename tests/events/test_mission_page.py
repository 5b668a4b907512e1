"""A mission's page: the itinerary stop by stop and day by day, in a fixed number of queries."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from agreements.models import Agreement
from events.models import Activity, DelegationMember
from portal.core.models import Organisation
from tests.events.factories import ActivityPersonFactory, DelegationMemberFactory
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    CityFactory,
    EditionFactory,
    MissionFactory,
    OrganisationFactory,
    StopFactory,
)

D = dt.date


def main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def mission(db):
    mission = MissionFactory(
        slug="roadshow",
        title_en="Roadshow",
        start_date=D(2016, 4, 16),
        end_date=D(2016, 4, 29),
        edition=EditionFactory(year=2016, ordinal=7, title_en="7th Week"),
        outcomes_en="MoU signed\n\nIntention to cooperate in Health",
    )
    mission.promoters.set([OrganisationFactory(name_en="MIUR", slug="miur")])
    return mission


def test_mission_shows_stops_in_order(client, mission) -> None:
    StopFactory(mission=mission, order=2, city__name_en="Chengdu", start_date=D(2016, 4, 25),
                end_date=D(2016, 4, 26))  # fmt: skip
    StopFactory(mission=mission, order=1, city__name_en="Shenzhen", start_date=D(2016, 4, 16),
                end_date=D(2016, 4, 17))  # fmt: skip
    html = main(client.get("/en/missions/roadshow/"))
    assert re.findall(r"<h3>(.*?)</h3>", html) == ["Shenzhen", "Chengdu"]
    assert "16–17 April 2016 · China · Times in China time" in text(html)


def test_mission_groups_activities_day_by_day(client, mission) -> None:
    stop = StopFactory(mission=mission, start_date=D(2016, 4, 27), end_date=D(2016, 4, 29))
    ActivityFactory(stop=stop, date=D(2016, 4, 28), title_en="Bishan", order=2)
    ActivityFactory(stop=stop, date=D(2016, 4, 28), title_en="Hechuan", order=1)
    ActivityFactory(stop=stop, date=D(2016, 4, 27), title_en="Yuzhong")
    ActivityFactory(stop=stop, date=None, title_en="Undated")
    html = main(client.get("/en/missions/roadshow/"))
    assert re.findall(r"<h4>(.*?)</h4>", html) == [
        "Wednesday, 27 April 2016", "Thursday, 28 April 2016", "Day not recorded",
    ]  # fmt: skip
    assert re.findall(r"<h5>(.*?)</h5>", html) == ["Yuzhong", "Hechuan", "Bishan", "Undated"]


def test_mission_dates_in_the_page_language(client, mission) -> None:
    stop = StopFactory(mission=mission, start_date=D(2016, 4, 25), end_date=D(2016, 4, 25))
    ActivityFactory(stop=stop, date=D(2016, 4, 25))
    assert "<h4>lunedì 25 aprile 2016</h4>" in main(client.get("/it/missions/roadshow/"))
    assert "<h4>2016年4月25日星期一</h4>" in main(client.get("/zh-hans/missions/roadshow/"))


def test_mission_times_in_the_stop_zone_with_zone_named(client, mission) -> None:
    stop = StopFactory(mission=mission, start_date=D(2016, 4, 21), end_date=D(2016, 4, 21))
    ActivityFactory(
        stop=stop,
        date=D(2016, 4, 21),
        starts_at=dt.datetime(2016, 4, 21, 1, 30, tzinfo=dt.UTC),
        ends_at=dt.datetime(2016, 4, 21, 3, 0, tzinfo=dt.UTC),
    )
    html = text(main(client.get("/en/missions/roadshow/")))
    assert "09:30 CST – 11:00 CST (China time)" in html


def test_mission_links_approved_organisations_only(client, mission) -> None:
    stop = StopFactory(mission=mission)
    approved = OrganisationFactory(name_en="Sichuan University", slug="scu")
    pending = OrganisationFactory(name_en="New Park", status=Organisation.Status.PENDING)
    activity = ActivityFactory(stop=stop, host=approved)
    activity.organisations.set([pending])
    ActivityFactory(stop=stop, host=None, host_name_en="Chengdu Planning Exhibition Hall")
    html = main(client.get("/en/missions/roadshow/"))
    assert '<dd><a href="/en/partners/scu/">Sichuan University</a></dd>' in html
    assert "<li>New Park</li>" in html
    assert "<dd>Chengdu Planning Exhibition Hall</dd>" in html


def test_mission_shows_people_outcomes_delegation_promoters_edition(client, mission) -> None:
    stop = StopFactory(mission=mission)
    activity = ActivityFactory(stop=stop, outcomes_en="Intention to cooperate in Smart Cities")
    ActivityPersonFactory(activity=activity, name="Lu Qiang", role_en="Vice Mayor")
    cds = OrganisationFactory(name_en="CdS", slug="cds")
    DelegationMemberFactory(
        mission=mission, name="Vincenzo Lipardi", position_en="CEO",
        role=DelegationMember.Role.HEAD, organisation=cds,
    )  # fmt: skip
    page = text(main(client.get("/en/missions/roadshow/")))
    assert "Lu Qiang , Vice Mayor" in page
    assert "Outcomes Intention to cooperate in Smart Cities" in page
    assert "Outcomes MoU signed Intention to cooperate in Health" in page
    assert "Vincenzo Lipardi , CEO, CdS (Head of delegation)" in page
    assert "Promoted by MIUR" in page
    assert "Promotes 7th Week" in page


def test_mission_shows_public_agreements_of_a_signing(client, mission) -> None:
    activity = ActivityFactory(stop=StopFactory(mission=mission), kind=Activity.Kind.SIGNING)
    AgreementFactory(activity=activity, title_en="Smart Biomaterials MoU")
    AgreementFactory(
        activity=activity, title_en="Private deal", visibility=Agreement.Visibility.PARTIES
    )
    html = main(client.get("/en/missions/roadshow/"))
    assert "Smart Biomaterials MoU" in html
    assert "Private deal" not in html


def test_mission_unknown_slug_is_404(client, db) -> None:
    assert client.get("/en/missions/nowhere/").status_code == 404


def _itinerary(mission, stops: int, activities: int) -> None:
    for s in range(stops):
        day = mission.start_date + dt.timedelta(days=s)
        stop = StopFactory(mission=mission, start_date=day, end_date=day, order=s + 1,
                           city=CityFactory())  # fmt: skip
        for a in range(activities):
            activity = ActivityFactory(
                stop=stop,
                date=day,
                host=OrganisationFactory(),
                starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(9 + a))),
            )
            activity.organisations.set([OrganisationFactory()])
            ActivityPersonFactory(activity=activity, organisation=OrganisationFactory())
            AgreementFactory(activity=activity)
    DelegationMemberFactory(mission=mission, organisation=OrganisationFactory())


@pytest.mark.parametrize(("stops", "activities"), [(1, 1), (4, 3)])
def test_mission_query_count_is_constant(
    client, mission, django_assert_num_queries, stops: int, activities: int
) -> None:
    _itinerary(mission, stops, activities)
    # mission+edition, promoters, organisers, delegation, stops, activities, their
    # organisations, people, agreements
    with django_assert_num_queries(9):
        response = client.get("/en/missions/roadshow/")
    assert main(response).count("<h5>") == stops * activities
