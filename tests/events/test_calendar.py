"""The iCalendar file of a mission's activities, read back with the icalendar parser."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.factories import ActivityFactory, MissionFactory, StopFactory

D = dt.date


@pytest.fixture
def mission(db):
    mission = MissionFactory(slug="roadshow", start_date=D(2016, 4, 16), end_date=D(2016, 4, 29))
    shanghai = StopFactory(mission=mission, order=1, start_date=D(2016, 4, 21),
                           end_date=D(2016, 4, 21), time_zone="Asia/Shanghai")  # fmt: skip
    rome = StopFactory(mission=mission, order=2, start_date=D(2016, 4, 25),
                       end_date=D(2016, 4, 26), time_zone="Europe/Rome")  # fmt: skip
    return mission, shanghai, rome


def parse(client) -> Calendar:
    response = client.get("/en/missions/roadshow/activities.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_calendar_has_one_vtimezone_per_stop_zone(client, mission) -> None:
    _m, shanghai, rome = mission
    for stop, day in ((shanghai, 21), (rome, 25)):
        zone = ZoneInfo(stop.time_zone)
        ActivityFactory(
            stop=stop,
            date=D(2016, 4, day),
            starts_at=dt.datetime(2016, 4, day, 9, tzinfo=zone),
            ends_at=dt.datetime(2016, 4, day, 10, tzinfo=zone),
        )
    cal = parse(client)
    assert sorted(str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")) == [
        "Asia/Shanghai", "Europe/Rome",
    ]  # fmt: skip


def test_calendar_all_day_event_when_only_the_date_is_known(client, mission) -> None:
    _m, shanghai, _rome = mission
    activity = ActivityFactory(stop=shanghai, date=D(2016, 4, 21), title_en="Fair")
    (event,) = parse(client).walk("VEVENT")
    assert str(event["UID"]) == f"activity-{activity.pk}@ponte"
    assert str(event["SUMMARY"]) == "Fair"
    assert event.decoded("DTSTART") == D(2016, 4, 21)
    assert event.decoded("DTEND") == D(2016, 4, 22)  # exclusive end


def test_calendar_multi_day_and_undated_activities(client, mission) -> None:
    _m, _shanghai, rome = mission
    ActivityFactory(stop=rome, date=D(2016, 4, 25), end_date=D(2016, 4, 26))
    ActivityFactory(stop=rome, date=None)
    days = [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in parse(client).walk("VEVENT")]
    # The undated one spans its stop: all that is known of it.
    assert days == [(D(2016, 4, 25), D(2016, 4, 27)), (D(2016, 4, 25), D(2016, 4, 27))]


def test_calendar_timed_event_has_tzid_of_its_stop(client, mission) -> None:
    _m, _shanghai, rome = mission
    ActivityFactory(
        stop=rome,
        date=D(2016, 4, 25),
        starts_at=dt.datetime(2016, 4, 25, 7, 30, tzinfo=dt.UTC),
        ends_at=dt.datetime(2016, 4, 25, 9, 0, tzinfo=dt.UTC),
    )
    (event,) = parse(client).walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Rome"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (
        dt.datetime(2016, 4, 25, 9, 30),
        dt.datetime(2016, 4, 25, 11, 0),
    )
    assert start == dt.datetime(2016, 4, 25, 9, 30, tzinfo=ZoneInfo("Europe/Rome"))


def test_calendar_uids_are_stable_between_downloads(client, mission) -> None:
    _m, shanghai, _rome = mission
    ActivityFactory(stop=shanghai, date=D(2016, 4, 21))
    ActivityFactory(stop=shanghai, date=D(2016, 4, 21))
    first = [str(e["UID"]) for e in parse(client).walk("VEVENT")]
    assert first == [str(e["UID"]) for e in parse(client).walk("VEVENT")]
    assert len(set(first)) == 2


def test_calendar_unknown_mission_is_404(client, db) -> None:
    assert client.get("/en/missions/nowhere/activities.ics").status_code == 404


@pytest.mark.parametrize("activities", [1, 5])
def test_calendar_query_count_is_constant(
    client, mission, django_assert_num_queries, activities: int
) -> None:
    _m, shanghai, rome = mission
    for _n in range(activities):
        ActivityFactory(stop=shanghai, date=D(2016, 4, 21))
        ActivityFactory(stop=rome, date=D(2016, 4, 25))
    with django_assert_num_queries(3):  # mission, stops with cities, activities with hosts
        cal = parse(client)
    assert len(cal.walk("VEVENT")) == 2 * activities
