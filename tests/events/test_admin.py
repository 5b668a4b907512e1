"""The Django admin keeps the same rules: stops inside the mission, not overlapping, in order."""

import datetime as dt

import pytest

from events.models import Activity, Mission
from portal.core.models import Organisation, User
from tests.factories import ActivityFactory, CityFactory, MissionFactory, StopFactory

D = dt.date


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create(email="root@example.org", is_staff=True,
                                           is_superuser=True, password="!"))  # fmt: skip
    return client


def mission_post(mission: Mission, stops: list[tuple[int, str, str]]) -> dict:
    data = {
        "slug": mission.slug, "kind": mission.kind, "status": mission.status,
        "title_en": mission.title_en, "start_date": "2016-04-16", "end_date": "2016-04-29",
        "stops-TOTAL_FORMS": str(len(stops)), "stops-INITIAL_FORMS": "0",
        "delegation-TOTAL_FORMS": "0", "delegation-INITIAL_FORMS": "0",
    }  # fmt: skip
    for n, (city, start, end) in enumerate(stops):
        data |= {f"stops-{n}-city": city, f"stops-{n}-start_date": start,
                 f"stops-{n}-end_date": end, f"stops-{n}-time_zone": ""}  # fmt: skip
    return data


def test_admin_pages_render(admin_client, db) -> None:
    activity = ActivityFactory()
    mission = activity.stop.mission
    for url in [
        "/en/admin/events/mission/", f"/en/admin/events/mission/{mission.pk}/change/",
        "/en/admin/events/activity/", f"/en/admin/events/activity/{activity.pk}/change/",
        "/en/admin/events/mission/add/", "/en/admin/events/activity/add/",
    ]:  # fmt: skip
        assert admin_client.get(url).status_code == 200, url


def test_admin_orders_new_stops_by_date(admin_client, db) -> None:
    mission = MissionFactory(start_date=D(2016, 4, 16), end_date=D(2016, 4, 29))
    late, early = CityFactory(slug="late", time_zone="Asia/Shanghai"), CityFactory(slug="early")
    response = admin_client.post(
        f"/en/admin/events/mission/{mission.pk}/change/",
        mission_post(
            mission, [(late.pk, "2016-04-27", "2016-04-29"), (early.pk, "2016-04-16", "2016-04-17")]
        ),
    )
    assert response.status_code == 302
    assert [(s.order, s.city.slug, s.time_zone) for s in mission.stops.all()] == [
        (1, "early", "Europe/Rome"), (2, "late", "Asia/Shanghai"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("stops", "error"),
    [
        ([("2016-04-10", "2016-04-12")], "falls outside the mission&#x27;s dates"),
        ([("2016-04-16", "2016-04-18"), ("2016-04-18", "2016-04-19")], "overlap"),
    ],
)
def test_admin_refuses_bad_stops(admin_client, db, stops, error: str) -> None:
    mission = MissionFactory(start_date=D(2016, 4, 16), end_date=D(2016, 4, 29))
    rows = [(CityFactory().pk, start, end) for start, end in stops]
    response = admin_client.post(
        f"/en/admin/events/mission/{mission.pk}/change/", mission_post(mission, rows)
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not mission.stops.exists()


def test_admin_action_adds_hosts_to_the_directory(admin_client, db) -> None:
    stop = StopFactory()
    activity = ActivityFactory(stop=stop, host_name_en="Chengdu Planning Exhibition Hall")
    ActivityFactory(stop=stop)
    response = admin_client.post(
        "/en/admin/events/activity/",
        {"action": "add_hosts_to_directory",
         "_selected_action": [a.pk for a in Activity.objects.all()]},
    )  # fmt: skip
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.host.status == Organisation.Status.PENDING
    assert Organisation.objects.filter(status=Organisation.Status.PENDING).count() == 1
