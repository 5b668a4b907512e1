"""Staff pages: missions, stops and activities edited in forms that keep the itinerary ordered."""

import datetime as dt

import pytest

from events import services
from events.models import Activity, Mission, Stop
from portal.core.models import Organisation
from portal.core.services.common import Refused
from tests.factories import (
    ActivityFactory,
    CityFactory,
    MissionFactory,
    OrganisationFactory,
    StopFactory,
)

D = dt.date


@pytest.fixture
def mission(db) -> Mission:
    return MissionFactory(slug="roadshow", start_date=D(2016, 4, 16), end_date=D(2016, 4, 29))


def stops_of(mission: Mission) -> list[tuple[int, str]]:
    return [(s.order, s.city.slug) for s in mission.stops.select_related("city").order_by("order")]


def form_errors(response) -> list[str]:
    form = response.context["form"]
    return [str(e) for errors in form.errors.values() for e in errors]


def test_staff_creates_a_mission(staff_client, db) -> None:
    response = staff_client.post(
        "/en/missions/staff/new/",
        {
            "slug": "beijing-2017", "kind": "institutional", "status": "done",
            "title_en": "Mission to Beijing", "title_it": "Missione a Pechino",
            "title_zh_hans": "北京访问",
            "start_date": "2017-01-12", "end_date": "2017-01-18", "countries": ["CN"],
            "promoters": [OrganisationFactory(slug="miur").pk],
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == "/en/missions/staff/beijing-2017/"
    mission = Mission.objects.get(slug="beijing-2017")
    assert (mission.title_it, mission.start_date, [c.code for c in mission.countries]) == (
        "Missione a Pechino", D(2017, 1, 12), ["CN"],
    )  # fmt: skip
    assert list(mission.promoters.values_list("slug", flat=True)) == ["miur"]


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"end_date": "2017-01-01"}, "The last day cannot come before the first day."),
        ({"slug": "staff"}, "This address is reserved; choose another slug."),
        ({"title_en": ""}, "This field is required."),
        ({"start_date": "not a date"}, "Enter a valid date."),
    ],
)
def test_staff_mission_form_errors(staff_client, db, changes: dict, error: str) -> None:
    data = {"slug": "m", "kind": "roadshow", "status": "planned", "title_en": "M",
            "start_date": "2017-01-12", "end_date": "2017-01-18", **changes}  # fmt: skip
    response = staff_client.post("/en/missions/staff/new/", data)
    assert response.status_code == 200
    assert error in form_errors(response)
    assert not Mission.objects.exists()


def test_staff_mission_dates_cannot_strand_a_stop(staff_client, mission) -> None:
    StopFactory(mission=mission, city__name_en="Chongqing", start_date=D(2016, 4, 27),
                end_date=D(2016, 4, 29))  # fmt: skip
    response = staff_client.post(
        "/en/missions/staff/roadshow/",
        {"slug": "roadshow", "kind": "roadshow", "status": "done", "title_en": "R",
         "start_date": "2016-04-16", "end_date": "2016-04-28"},
    )  # fmt: skip
    assert form_errors(response) == ["These dates leave stops outside the mission: Chongqing."]


def test_staff_adds_stops_and_the_itinerary_follows_the_dates(staff_client, mission) -> None:
    chongqing, shenzhen = CityFactory(slug="chongqing"), CityFactory(slug="shenzhen")
    url = "/en/missions/staff/roadshow/stops/new/"
    staff_client.post(url, {"city": chongqing.pk, "start_date": "2016-04-27",
                            "end_date": "2016-04-29"})  # fmt: skip
    response = staff_client.post(url, {"city": shenzhen.pk, "start_date": "2016-04-16",
                                       "end_date": "2016-04-17"})  # fmt: skip
    assert response.status_code == 302
    assert stops_of(mission) == [(1, "shenzhen"), (2, "chongqing")]
    # The zone defaults to the city's.
    assert Stop.objects.get(city=shenzhen).time_zone == "Europe/Rome"


def test_staff_moving_a_stop_renumbers_the_itinerary(staff_client, mission) -> None:
    first = StopFactory(mission=mission, order=1, city__slug="a", start_date=D(2016, 4, 16),
                        end_date=D(2016, 4, 17))  # fmt: skip
    StopFactory(mission=mission, order=2, city__slug="b", start_date=D(2016, 4, 20),
                end_date=D(2016, 4, 21))  # fmt: skip
    staff_client.post(
        f"/en/missions/staff/roadshow/stops/{first.pk}/",
        {"city": first.city_id, "start_date": "2016-04-25", "end_date": "2016-04-26",
         "time_zone": "Asia/Shanghai"},
    )  # fmt: skip
    assert stops_of(mission) == [(1, "b"), (2, "a")]


@pytest.mark.parametrize(
    ("start", "end", "error"),
    [
        ("2016-04-10", "2016-04-17",
         "The stop must fall within the mission's dates (16–29 April 2016)."),
        ("2016-04-20", "2016-04-30",
         "The stop must fall within the mission's dates (16–29 April 2016)."),
        ("2016-04-26", "2016-04-27",
         "These dates overlap the stop in Chengdu (25–26 April 2016)."),
        ("2016-04-22", "2016-04-21", "The last day cannot come before the first day."),
    ],
)  # fmt: skip
def test_staff_stop_form_errors(staff_client, mission, start: str, end: str, error: str) -> None:
    StopFactory(mission=mission, city__name_en="Chengdu", start_date=D(2016, 4, 25),
                end_date=D(2016, 4, 26))  # fmt: skip
    response = staff_client.post(
        "/en/missions/staff/roadshow/stops/new/",
        {"city": CityFactory().pk, "start_date": start, "end_date": end},
    )
    assert response.status_code == 200
    assert error in form_errors(response)
    assert mission.stops.count() == 1


def test_staff_stop_errors_in_italian(staff_client, mission) -> None:
    response = staff_client.post(
        "/it/missions/staff/roadshow/stops/new/",
        {"city": CityFactory().pk, "start_date": "2016-05-01", "end_date": "2016-05-02"},
    )
    assert form_errors(response) == [
        "La tappa deve rientrare nelle date della missione (16–29 aprile 2016)."
    ]


def test_staff_deletes_a_stop_and_renumbers(staff_client, mission) -> None:
    first = StopFactory(mission=mission, order=1, city__slug="a", start_date=D(2016, 4, 16))
    StopFactory(mission=mission, order=2, city__slug="b", start_date=D(2016, 4, 20),
                end_date=D(2016, 4, 20))  # fmt: skip
    response = staff_client.post(f"/en/missions/staff/roadshow/stops/{first.pk}/delete/")
    assert response.status_code == 302
    assert stops_of(mission) == [(1, "b")]


def test_service_refuses_an_overlapping_stop(mission) -> None:
    StopFactory(mission=mission, start_date=D(2016, 4, 25), end_date=D(2016, 4, 26))
    with pytest.raises(Refused):
        services.stop_save(mission=mission, stop=None, city=CityFactory(),
                           start_date=D(2016, 4, 26), end_date=D(2016, 4, 27))  # fmt: skip


def test_service_refuses_to_shrink_a_stop_away_from_its_activities(mission) -> None:
    stop = StopFactory(mission=mission, start_date=D(2016, 4, 25), end_date=D(2016, 4, 26))
    ActivityFactory(stop=stop, date=D(2016, 4, 26))
    with pytest.raises(Refused):
        services.stop_save(mission=mission, stop=stop, city=stop.city,
                           start_date=D(2016, 4, 25), end_date=D(2016, 4, 25))  # fmt: skip


@pytest.fixture
def stop(mission) -> Stop:
    return StopFactory(mission=mission, start_date=D(2016, 4, 27), end_date=D(2016, 4, 29),
                       time_zone="Asia/Shanghai")  # fmt: skip


def activity_data(**changes) -> dict:
    return {
        "kind": "institutional_meeting", "title_en": "Meeting with the Vice Mayor",
        "date": "2016-04-27", "order": "0", "people-TOTAL_FORMS": "1",
        "people-INITIAL_FORMS": "0", "people-0-name": "Lu Qiang",
        "people-0-role_en": "Vice Mayor of Chongqing", "people-0-role_zh_hans": "重庆市副市长",
        **changes,
    }  # fmt: skip


def test_staff_creates_an_activity_with_times_in_the_stop_zone(staff_client, stop) -> None:
    response = staff_client.post(
        f"/en/missions/staff/roadshow/stops/{stop.pk}/activities/new/",
        activity_data(start_time="09:30", end_time="11:00"),
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.starts_at, activity.ends_at) == (
        dt.datetime(2016, 4, 27, 1, 30, tzinfo=dt.UTC),
        dt.datetime(2016, 4, 27, 3, 0, tzinfo=dt.UTC),
    )
    assert [(p.name, p.role_en, p.role_zh_hans) for p in activity.people.all()] == [
        ("Lu Qiang", "Vice Mayor of Chongqing", "重庆市副市长")
    ]


def test_staff_edits_an_activity_and_its_people(staff_client, stop) -> None:
    activity = ActivityFactory(stop=stop, date=D(2016, 4, 27))
    activity.people.create(name="Old Name", order=0)
    response = staff_client.post(
        f"/en/missions/staff/roadshow/activities/{activity.pk}/",
        activity_data(**{"people-0-name": "Fan Qing", "people-0-role_en": "Head of IR"}),
    )
    assert response.status_code == 302
    assert [(p.name, p.role_en) for p in activity.people.all()] == [("Fan Qing", "Head of IR")]


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"date": "2016-04-26"}, "date",
         "The activity must fall within the stop's dates (27–29 April 2016)."),
        ({"end_date": "2016-04-30"}, "date",
         "The activity must fall within the stop's dates (27–29 April 2016)."),
        ({"date": "", "start_time": "09:00"}, "start_time",
         "Give the date of an activity that has times."),
        ({"start_time": "11:00", "end_time": "09:00"}, "end_time",
         "The activity must end after it starts."),
        ({"end_time": "09:00"}, "start_time", "Give the start time as well."),
        ({"start_time": "25:00"}, "start_time", "Enter a valid time."),
    ],
)  # fmt: skip
def test_staff_activity_form_errors(staff_client, stop, changes, field, error) -> None:
    response = staff_client.post(
        f"/en/missions/staff/roadshow/stops/{stop.pk}/activities/new/", activity_data(**changes)
    )
    assert response.status_code == 200
    assert error in response.context["form"].errors[field]
    assert not Activity.objects.exists()


def test_staff_deletes_an_activity(staff_client, stop) -> None:
    activity = ActivityFactory(stop=stop)
    response = staff_client.post(f"/en/missions/staff/roadshow/activities/{activity.pk}/delete/")
    assert response.status_code == 302
    assert not Activity.objects.exists()


def test_staff_activity_of_another_mission_is_404(staff_client, stop) -> None:
    other = ActivityFactory()
    response = staff_client.get(f"/en/missions/staff/roadshow/activities/{other.pk}/")
    assert response.status_code == 404


def test_staff_adds_a_host_to_the_directory_as_pending(staff_client, stop) -> None:
    activity = ActivityFactory(
        stop=stop, kind=Activity.Kind.DISTRICT_VISIT,
        host_name_en="Chengdu Planning Exhibition Hall", host_name_zh_hans="成都市规划馆",
    )  # fmt: skip
    url = f"/en/missions/staff/roadshow/activities/{activity.pk}/host-to-directory/"
    response = staff_client.post(url, {"kind": ""})
    assert response.status_code == 302
    org = Organisation.objects.get(name_en="Chengdu Planning Exhibition Hall")
    assert (org.slug, org.name_zh_hans, org.status, org.kind, org.city_id) == (
        "chengdu-planning-exhibition-hall", "成都市规划馆", Organisation.Status.PENDING,
        Organisation.Kind.PUBLIC_BODY, stop.city_id,
    )  # fmt: skip
    activity.refresh_from_db()
    assert (activity.host, activity.host_name_en) == (org, "")
    # A second click changes nothing.
    staff_client.post(url, {"kind": ""})
    assert Organisation.objects.filter(name_en="Chengdu Planning Exhibition Hall").count() == 1


def test_host_to_directory_reuses_an_organisation_of_that_name(stop) -> None:
    existing = OrganisationFactory(name_en="Sichuan University")
    activity = ActivityFactory(stop=stop, host_name_en="sichuan university")
    org, created = services.activity_host_to_directory(activity=activity, kind="university")
    assert (org, created) == (existing, False)


def test_host_to_directory_without_a_name_says_so(staff_client, stop) -> None:
    activity = ActivityFactory(stop=stop)
    response = staff_client.post(
        f"/en/missions/staff/roadshow/activities/{activity.pk}/host-to-directory/", follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "This activity has no host name to add."
    ]


def test_staff_mission_page_offers_the_host_button(staff_client, stop) -> None:
    ActivityFactory(stop=stop, host_name_en="Chengdu Planning Exhibition Hall")
    html = staff_client.get("/en/missions/staff/roadshow/").content.decode()
    assert "Add this host to the directory" in html


def test_staff_delete_asks_for_confirmation_first(staff_client, stop) -> None:
    ActivityFactory(stop=stop)
    response = staff_client.get(f"/en/missions/staff/roadshow/stops/{stop.pk}/delete/")
    assert response.context["consequence"] == "Its 1 activity will be removed with it."
    assert Stop.objects.filter(pk=stop.pk).exists()


def test_staff_activity_host_from_directory_or_by_name_not_both(staff_client, stop) -> None:
    response = staff_client.post(
        f"/en/missions/staff/roadshow/stops/{stop.pk}/activities/new/",
        activity_data(host=OrganisationFactory().pk, host_name_en="Somewhere Else"),
    )
    assert response.context["form"].errors["host_name_en"] == [
        "Choose the host in the directory or give its name, not both."
    ]


@pytest.mark.parametrize("count", [1, 5])
def test_staff_missions_query_count_is_constant(
    staff_client, db, django_assert_num_queries, count: int
) -> None:
    for _n in range(count):
        MissionFactory()
    # user, missions
    with django_assert_num_queries(3):
        response = staff_client.get("/en/missions/staff/")
    assert len(response.context["missions"]) == count


@pytest.mark.parametrize("stops", [1, 4])
def test_staff_mission_page_query_count_is_constant(
    staff_client, mission, django_assert_num_queries, stops: int
) -> None:
    for n in range(stops):
        day = D(2016, 4, 16 + n)
        stop = StopFactory(mission=mission, order=n + 1, start_date=day, end_date=day)
        ActivityFactory(stop=stop, date=day, host=OrganisationFactory())
        ActivityFactory(stop=stop, date=day, host_name_en="Hall")
    # user, mission, stops, activities; the form: the mission's promoters and
    # organisers, then the choices of edition, promoters and organisers
    with django_assert_num_queries(10):
        response = staff_client.get("/en/missions/staff/roadshow/")
    assert response.content.decode().count("Add this host to the directory") == stops


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/en/missions/staff/new/", {}),
        ("/en/missions/staff/new/", {"countries": "ZZ", "promoters": "x", "edition": "999"}),
        ("/en/missions/staff/roadshow/", {"start_date": "2016-02-30"}),
        ("/en/missions/staff/roadshow/stops/new/", {"city": "999", "time_zone": "Mars/Base"}),
        ("/en/missions/staff/roadshow/stops/{stop}/activities/new/", {"title_en": "x"}),
        ("/en/missions/staff/roadshow/stops/{stop}/activities/new/",
         {"people-TOTAL_FORMS": "x", "order": "-1", "host": "abc", "date": "2016-04-28"}),
    ],
)  # fmt: skip
def test_staff_bad_input_is_a_form_error_not_a_500(staff_client, stop, path: str, data) -> None:
    response = staff_client.post(path.format(stop=stop.pk), data)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_staff_host_to_directory_ignores_an_unknown_kind(staff_client, stop) -> None:
    activity = ActivityFactory(stop=stop, host_name_en="Hall")
    staff_client.post(
        f"/en/missions/staff/roadshow/activities/{activity.pk}/host-to-directory/",
        {"kind": "castle"},
    )
    activity.refresh_from_db()
    assert activity.host.kind == Organisation.Kind.PUBLIC_BODY
