"""Calendar files (.ics) attached to e-mails about meetings."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from icalendar import Calendar, Event


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable across updates, e.g. "meeting-42": a moved meeting replaces the old one
    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""


def calendar_ics(events: Iterable[CalendarEvent], *, cancelled: bool = False) -> str:
    """An iCalendar text with the given events, times in UTC (calendars show them locally)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Ponte//China-Italy STI Programme//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    domain = (
        settings.NOTIFICATION_BASE_URL.split("//")[-1].split("/")[0].split(":")[0]
        or "ponte.localhost"
    )
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@{domain}")
        event.add("dtstamp", dt.datetime.now(dt.UTC))
        event.add("dtstart", item.starts_at.astimezone(dt.UTC))
        event.add("dtend", item.ends_at.astimezone(dt.UTC))
        event.add("summary", item.summary)
        if item.location:
            event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", item.url)
        if cancelled:
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    return calendar.to_ical().decode()
