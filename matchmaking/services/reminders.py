"""The day before a participant's meetings, that day's agenda (a beat task calls this)."""

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from matchmaking.models import Meeting, Seat
from portal.core.calendar import uid
from portal.core.notifications.reminders import (
    Agenda,
    AgendaItem,
    agenda_reminders_send,
    reminder_day,
)
from programme.models import Edition


def _day_bounds(day: dt.date, zone: str) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(zone))
    return start, start + dt.timedelta(days=1)


def agenda_reminders(*, now: dt.datetime | None = None) -> int:
    """Send each participant their agenda for tomorrow, in each edition's own zone.

    Safe to run every hour: a reminder is keyed by person and day, so each person gets one.
    Side effects: one `agenda_reminder` notification per person with meetings tomorrow.
    Returns how many reminders are new.
    """
    now = now or timezone.now()
    sent = 0
    for edition in Edition.objects.filter(b2b_meetings__status=Meeting.Status.SCHEDULED).distinct():
        day = reminder_day(zone=edition.time_zone, now=now)
        start, end = _day_bounds(day, edition.time_zone)
        seats = (
            Seat.objects.filter(
                meeting__edition=edition,
                meeting__status=Meeting.Status.SCHEDULED,
                slot__starts_at__gte=start,
                slot__starts_at__lt=end,
            )
            .select_related("participant__registration__person", "slot", "meeting__table")
            .prefetch_related(
                Prefetch(
                    "meeting__seats",
                    queryset=Seat.objects.select_related(
                        "participant__registration__person",
                        "participant__registration__organisation",
                    ),
                )
            )
        )
        by_person: dict[int, list[Seat]] = defaultdict(list)
        for seat in seats:
            by_person[seat.participant.registration.person_id].append(seat)
        link = reverse("matchmaking:agenda", kwargs={"year": edition.year})
        agendas = []
        for person_seats in by_person.values():
            person = person_seats[0].participant.registration.person
            with translation.override(person.language):
                items = [_agenda_item(seat) for seat in person_seats]
            agendas.append(
                Agenda(recipient=person, day=day, zone=edition.time_zone, items=items, link=link)
            )
        with transaction.atomic():
            sent += agenda_reminders_send(agendas=agendas, now=now)
    return sent


def _agenda_item(seat: Seat) -> AgendaItem:
    others = [s for s in seat.meeting.seats.all() if s.participant_id != seat.participant_id]
    with_whom = ", ".join(
        f"{s.participant.name} ({s.participant.registration.organisation.name})" for s in others
    )
    return AgendaItem(
        uid=uid("b2b-meeting", seat.meeting_id),
        starts_at=seat.slot.starts_at,
        ends_at=seat.slot.ends_at,
        title=_("B2B meeting"),
        place=str(seat.meeting.table),
        with_whom=with_whom,
    )
