"""The programme as iCalendar: one VTIMEZONE for the edition's zone, times with TZID."""

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event

from programme.models import Edition, ProgrammeSession


def session_uid(session: ProgrammeSession) -> str:
    # Stable across exports, so re-importing updates events instead of duplicating them.
    return f"session-{session.pk}@ponte"


def _location(session: ProgrammeSession) -> str:
    parts = []
    if session.venue:
        parts.append(str(session.venue.name))
        if session.venue.address:
            parts.append(session.venue.address)
    if session.city:
        parts.append(str(session.city.name))
    return ", ".join(parts)


def calendar_bytes(
    *,
    edition: Edition,
    sessions: Iterable[ProgrammeSession],
    absolute_url,
    name: str,
    now: dt.datetime | None = None,
) -> bytes:
    """An RFC 5545 calendar of the sessions; `absolute_url` turns a path into a full URL."""
    stamp = (now or timezone.now()).astimezone(dt.UTC)
    zone = edition.zone
    calendar = Calendar()
    calendar.add("prodid", "-//Ponte//China-Italy Science, Technology & Innovation Week//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", edition.time_zone)
    for session in sessions:
        if session.start is None:
            continue  # not scheduled yet: a calendar entry would invent a time
        event = Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", stamp)
        event.add("dtstart", timezone.localtime(session.start, zone))
        event.add("dtend", timezone.localtime(session.end, zone))
        event.add("summary", str(session.title))
        event.add("location", _location(session))
        if session.description:
            event.add("description", str(session.description))
        event.add("url", absolute_url(session.get_absolute_url()))
        event.add("categories", [str(session.get_kind_display())])
        calendar.add_component(event)
    first = edition.start_date or stamp.date()
    last = edition.end_date or first
    # A VTIMEZONE covering the edition's year keeps the file small and Outlook happy.
    calendar.add_missing_timezones(
        first_date=dt.date(first.year - 1, 1, 1), last_date=dt.date(last.year + 1, 12, 31)
    )
    return calendar.to_ical()
