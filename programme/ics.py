"""The programme as iCalendar, through the site's one builder (portal.core.calendar): times
in the edition's zone, sessions whose time is not known left out."""

import datetime as dt
from collections.abc import Callable, Iterable

from portal.core.calendar import CalendarEvent, calendar_bytes, uid
from programme.models import Edition, ProgrammeSession


def _location(session: ProgrammeSession) -> str:
    parts = []
    if session.venue:
        parts.append(str(session.venue.name))
        if session.venue.address:
            parts.append(session.venue.address)
    if session.city:
        parts.append(str(session.city.name))
    return ", ".join(parts)


def programme_calendar(
    *,
    edition: Edition,
    sessions: Iterable[ProgrammeSession],
    absolute_url: Callable[[str], str],
    name: str,
    now: dt.datetime | None = None,
) -> bytes:
    """An RFC 5545 calendar of the sessions; `absolute_url` turns a path into a full URL."""
    events = [
        CalendarEvent(
            uid=uid("session", session.pk),
            summary=str(session.title),
            start=session.start,
            end=session.end,
            zone=edition.time_zone,
            location=_location(session),
            description=str(session.description or ""),
            url=absolute_url(session.get_absolute_url()),
            categories=[str(session.get_kind_display())],
        )
        for session in sessions
        # Not scheduled yet: a calendar entry would invent a time.
        if session.start is not None
    ]
    return calendar_bytes(events, name=name, now=now)
