"""The programme as iCalendar: parsed back with icalendar, times and zones exact."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from icalendar import Calendar

from portal.core import content as portal_content
from programme import demo
from programme.models import ProgrammeSession
from tests.factories import EditionFactory
from tests.programme.factories import ProgrammeSessionFactory, VenueFactory

ROME = ZoneInfo("Europe/Rome")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


@pytest.fixture
def demo_programme(db) -> None:
    portal_content.load()
    demo.load()


def test_programme_ics_has_every_session_in_rome_time(client, demo_programme) -> None:
    calendar = _parse(client.get(f"/en/week/{demo.YEAR}/programme.ics"))
    events = calendar.walk("VEVENT")
    assert len(events) == ProgrammeSession.objects.filter(edition__year=demo.YEAR).count() == 10
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Rome"]
    opening = ProgrammeSession.objects.get(edition__year=demo.YEAR, slug="opening")
    event = next(e for e in events if e["UID"] == f"session-{opening.pk}@ponte")
    assert event.decoded("DTSTART") == dt.datetime(2099, 10, 27, 9, 30, tzinfo=ROME)
    assert event["DTSTART"].params["TZID"] == "Europe/Rome"
    assert event["DTEND"].to_ical() == b"20991027T103000"
    assert event.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(
        2099, 10, 27, 8, 30, tzinfo=dt.UTC
    )
    assert str(event["SUMMARY"]) == "Opening of the Demo Week"
    assert str(event["LOCATION"]) == "Bergamo"
    assert str(event["URL"]) == f"http://testserver/en/week/{demo.YEAR}/sessions/{opening.pk}/"
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert calendar["VERSION"] == "2.0"
    assert "PRODID" in calendar


def test_programme_ics_follows_the_language(client, demo_programme) -> None:
    calendar = _parse(client.get(f"/zh-hans/week/{demo.YEAR}/programme.ics"))
    assert "中意创新论坛（演示）" in [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]


@pytest.mark.django_db
def test_sessions_of_unknown_time_stay_out_of_calendars(client) -> None:
    # The seeds give no time for any 2016 session: a calendar entry would invent one.
    call_command("load_content", verbosity=0)
    calendar = _parse(client.get("/en/week/2016/programme.ics"))
    assert calendar.walk("VEVENT") == []
    forum = ProgrammeSession.objects.get(edition__year=2016, slug="innovation-forum")
    assert client.get(f"/en/week/2016/sessions/{forum.pk}.ics").status_code == 404


@pytest.mark.django_db
def test_session_ics_in_china_time_with_venue(client) -> None:
    edition = EditionFactory(year=2033, ordinal=33, host_country="CN", time_zone="Asia/Shanghai")
    session = ProgrammeSessionFactory(
        edition=edition,
        title_en="Signing ceremony",
        start=dt.datetime(2033, 10, 26, 23, 30, tzinfo=SHANGHAI),
        end=dt.datetime(2033, 10, 27, 0, 30, tzinfo=SHANGHAI),
        venue=VenueFactory(edition=edition, name_en="Great Hall", address="1 Main Street"),
        description_en="Ten agreements.",
    )
    response = client.get(f"/en/week/2033/sessions/{session.pk}.ics")
    calendar = _parse(response)
    assert response["Content-Disposition"] == (
        f'attachment; filename="china-italy-week-2033-session-{session.pk}.ics"'
    )
    [event] = calendar.walk("VEVENT")
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert event["DTSTART"].to_ical() == b"20331026T233000"
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    # Across midnight in Shanghai, but still the afternoon of the 26th in UTC.
    assert event.decoded("DTEND").astimezone(dt.UTC) == dt.datetime(
        2033, 10, 26, 16, 30, tzinfo=dt.UTC
    )
    assert str(event["UID"]) == f"session-{session.pk}@ponte"
    assert str(event["LOCATION"]) == f"Great Hall, 1 Main Street, {session.city.name}"
    assert str(event["DESCRIPTION"]) == "Ten agreements."


@pytest.mark.django_db
def test_uids_are_stable_between_exports(client) -> None:
    edition = EditionFactory(year=2034, ordinal=34)
    ProgrammeSessionFactory(edition=edition)
    first = [
        str(e["UID"]) for e in _parse(client.get("/en/week/2034/programme.ics")).walk("VEVENT")
    ]
    second = [
        str(e["UID"]) for e in _parse(client.get("/it/week/2034/programme.ics")).walk("VEVENT")
    ]
    assert first == second
