"""Agenda reminders: the day before a participant's meetings, that day's agenda.

The generic part lives here; the app that owns meetings (matchmaking) runs its own beat task,
collects each participant's meetings of `reminder_day(zone=...)` and calls
`agenda_reminders_send`. A reminder is keyed by person and day, so the beat task may run
every hour: each person gets one reminder per day of meetings.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone

from portal.core.calendar import CalendarEvent, calendar_bytes
from portal.core.models import Notification, User
from portal.core.notifications.creating import Item, notify_many


@dataclass(frozen=True)
class AgendaItem:
    uid: str  # e.g. "meeting-42", also the .ics event's id
    starts_at: dt.datetime
    ends_at: dt.datetime
    title: str
    place: str = ""
    with_whom: str = ""


@dataclass(frozen=True)
class Agenda:
    recipient: User
    day: dt.date  # the day of the meetings, in `zone`
    zone: str  # the event's IANA time zone
    items: Sequence[AgendaItem] = field(default_factory=tuple)
    link: str = ""


def reminder_day(*, zone: str, now: dt.datetime | None = None) -> dt.date:
    """The day whose agendas are due now: tomorrow in the event's zone."""
    today = (now or timezone.now()).astimezone(ZoneInfo(zone)).date()
    return today + dt.timedelta(days=1)


def agenda_reminders_send(*, agendas: Iterable[Agenda], now: dt.datetime | None = None) -> int:
    """Notify each person of their agenda for tomorrow (in the event's zone), once per day.

    Agendas for another day than tomorrow, or without items, are skipped. Side effects: one
    `agenda_reminder` notification per person and day, with the day's meetings as .ics.
    Returns how many reminders are new: an hourly run after the first one adds none.
    """
    due = []
    for agenda in agendas:
        if not agenda.items or agenda.day != reminder_day(zone=agenda.zone, now=now):
            continue
        items = sorted(agenda.items, key=lambda item: item.starts_at)
        ics = calendar_bytes(
            CalendarEvent(
                uid=item.uid,
                start=item.starts_at,
                end=item.ends_at,
                zone=agenda.zone,
                summary=item.title,
                location=item.place,
                description=item.with_whom,
            )
            for item in items
        ).decode()
        due.append(
            Item(
                recipient=agenda.recipient,
                context={"day": agenda.day, "zone": agenda.zone, "items": items},
                link=agenda.link,
                ics=ics,
                key=f"agenda_reminder:{agenda.recipient.pk}:{agenda.day.isoformat()}",
            )
        )
    return notify_many(kind=Notification.Kind.AGENDA_REMINDER, items=due)
