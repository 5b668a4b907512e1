"""Every URL of the events app × every kind of visitor → the expected status."""

import datetime as dt

import pytest
from django.urls import URLPattern

from events.models import Activity, Mission, Stop
from events.urls import urlpatterns
from portal.core.models import Organisation
from tests.factories import ActivityFactory, MissionFactory, StopFactory

VISITORS = ["anonymous", "member_a", "admin_a", "member_b", "staff"]
PUBLIC = dict.fromkeys(VISITORS, 200)
# Anonymous people are sent to sign in; signed-in people who are not staff are refused.
STAFF_PAGE = {"anonymous": 302, "member_a": 403, "admin_a": 403, "member_b": 403, "staff": 200}
# State changes are POST only: staff asking with GET get 405.
STAFF_ACTION = {**STAFF_PAGE, "staff": 405}

MATRIX = {
    "missions": ("/en/missions/", PUBLIC),
    "mission": ("/en/missions/{slug}/", PUBLIC),
    "mission_ics": ("/en/missions/{slug}/activities.ics", PUBLIC),
    "staff_missions": ("/en/missions/staff/", STAFF_PAGE),
    "mission_create": ("/en/missions/staff/new/", STAFF_PAGE),
    "staff_mission": ("/en/missions/staff/{slug}/", STAFF_PAGE),
    "stop_create": ("/en/missions/staff/{slug}/stops/new/", STAFF_PAGE),
    "stop_edit": ("/en/missions/staff/{slug}/stops/{stop}/", STAFF_PAGE),
    "stop_delete": ("/en/missions/staff/{slug}/stops/{stop}/delete/", STAFF_PAGE),
    "activity_create": ("/en/missions/staff/{slug}/stops/{stop}/activities/new/", STAFF_PAGE),
    "activity_edit": ("/en/missions/staff/{slug}/activities/{activity}/", STAFF_PAGE),
    "activity_delete": ("/en/missions/staff/{slug}/activities/{activity}/delete/", STAFF_PAGE),
    "activity_host_to_directory": (
        "/en/missions/staff/{slug}/activities/{activity}/host-to-directory/",
        STAFF_ACTION,
    ),
}


def test_rights_matrix_covers_every_url_of_the_app() -> None:
    names = {p.name for p in urlpatterns if isinstance(p, URLPattern)}
    assert names == set(MATRIX)


@pytest.fixture
def objects(db) -> dict:
    mission = MissionFactory(slug="roadshow")
    stop = StopFactory(mission=mission, start_date=dt.date(2016, 4, 16))
    activity = ActivityFactory(stop=stop, host_name_en="Chengdu Planning Exhibition Hall")
    return {"slug": mission.slug, "stop": stop.pk, "activity": activity.pk}


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_rights_matrix(client, login_as, objects, name: str, visitor: str) -> None:
    path, expected = MATRIX[name]
    login_as(visitor)
    response = client.get(path.format(**objects))
    assert response.status_code == expected[visitor]
    if response.status_code == 302:
        assert response["Location"].startswith("/en/accounts/login/?next=")


@pytest.mark.parametrize("visitor", ["anonymous", "member_a", "admin_a", "member_b"])
@pytest.mark.parametrize(
    "name", ["stop_delete", "activity_delete", "activity_host_to_directory", "mission_create"]
)
def test_rights_non_staff_cannot_post(client, login_as, objects, name: str, visitor: str) -> None:
    before = (Mission.objects.count(), Stop.objects.count(), Activity.objects.count(),
              Organisation.objects.count())  # fmt: skip
    login_as(visitor)
    response = client.post(MATRIX[name][0].format(**objects), {"slug": "x", "title_en": "x"})
    assert response.status_code == STAFF_PAGE[visitor]
    assert before == (Mission.objects.count(), Stop.objects.count(), Activity.objects.count(),
                      Organisation.objects.count())  # fmt: skip
