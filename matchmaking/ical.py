"""iCalendar for agendas: one event per meeting, times in UTC, the venue and table as place."""

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from matchmaking.models import Seat
from matchmaking.queries import common_language, partner_of


def agenda_calendar(seats: list[Seat], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Ponte//B2B agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for seat in seats:
        meeting = seat.meeting
        partner = partner_of(seat)
        organisation = partner.registration.organisation
        event = Event()
        event.add("uid", f"ponte-b2b-meeting-{meeting.pk}@ponte")
        event.add("dtstamp", meeting.updated_at)
        event.add("dtstart", meeting.slot.starts_at)
        event.add("dtend", meeting.slot.ends_at)
        event.add(
            "summary",
            _("B2B meeting: %(person)s (%(organisation)s)")
            % {"person": partner.name, "organisation": organisation.name},
        )
        event.add("location", f"{meeting.table}, {meeting.slot.session.venue}")
        language = common_language(seat.participant, partner)
        event.add(
            "description",
            _("Language in common: %(language)s") % {"language": language}
            if language
            else _("Interpreter needed"),
        )
        calendar.add_component(event)
    return calendar.to_ical()
