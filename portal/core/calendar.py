"""The one iCalendar (RFC 5545) builder of the site: programme sessions, mission activities,
B2B agendas and the calendar files attached to e-mails all go through `calendar_bytes`.

Every event has one UID for its life, `<kind>-<pk>@ponte` (`uid("b2b-meeting", 7)`), whatever
carries it: a calendar that holds a meeting from the agenda feed and from a reminder e-mail
shows it once, and a moved meeting replaces its old entry.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Ponte//China-Italy Science, Technology & Innovation Programme//EN"
ONE_DAY = dt.timedelta(days=1)


def uid(kind: str, pk: int) -> str:
    """The event's UID: stable across exports, feeds and e-mails."""
    return f"{kind}-{pk}@ponte"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    # An aware moment, or a date for an event known only by its day (an all-day event; `end`
    # is then the last day, inclusive).
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date | None = None
    # The zone the times are written in (with a VTIMEZONE); None writes them in UTC.
    zone: str | None = None
    location: str = ""
    description: str = ""
    url: str = ""
    categories: Sequence[str] = field(default_factory=tuple)
    stamp: dt.datetime | None = None


def _event(item: CalendarEvent, stamp: dt.datetime, cancelled: bool) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", item.stamp or stamp)
    if isinstance(item.start, dt.datetime):
        zone = ZoneInfo(item.zone) if item.zone else dt.UTC
        event.add("dtstart", timezone.localtime(item.start, zone))
        if item.end is not None:
            event.add("dtend", timezone.localtime(item.end, zone))
    else:
        # DTEND of an all-day event is exclusive: the day after the last.
        event.add("dtstart", item.start)
        event.add("dtend", (item.end or item.start) + ONE_DAY)
    event.add("summary", item.summary)
    for name, value in (
        ("location", item.location),
        ("description", item.description),
        ("url", item.url),
    ):
        if value:
            event.add(name, value)
    if item.categories:
        event.add("categories", list(item.categories))
    if cancelled:
        event.add("status", "CANCELLED")
    return event


def calendar_bytes(
    events: Iterable[CalendarEvent],
    *,
    name: str = "",
    cancelled: bool = False,
    now: dt.datetime | None = None,
) -> bytes:
    """An iCalendar file of the events; `cancelled` makes it a cancellation (METHOD:CANCEL)."""
    stamp = (now or timezone.now()).astimezone(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    events = list(events)
    zones = sorted({item.zone for item in events if item.zone})
    if len(zones) == 1:
        calendar.add("x-wr-timezone", zones[0])
    for item in events:
        calendar.add_component(_event(item, stamp, cancelled))
    if zones:
        # One VTIMEZONE per zone used, covering the events' years: small files, Outlook happy.
        years = [item.start.year for item in events if item.zone]
        calendar.add_missing_timezones(
            first_date=dt.date(min(years) - 1, 1, 1), last_date=dt.date(max(years) + 1, 12, 31)
        )
    return calendar.to_ical()
