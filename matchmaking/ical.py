"""iCalendar for agendas, through the site's one builder (portal.core.calendar): one event per
meeting in the edition's zone, the table and venue as place."""

from django.utils.translation import gettext as _

from matchmaking.models import Seat
from matchmaking.queries import common_language, partner_of
from portal.core.calendar import CalendarEvent, calendar_bytes, uid


def _event(seat: Seat, zone: str) -> CalendarEvent:
    meeting = seat.meeting
    partner = partner_of(seat)
    organisation = partner.registration.organisation
    language = common_language(seat.participant, partner)
    return CalendarEvent(
        uid=uid("b2b-meeting", meeting.pk),
        stamp=meeting.updated_at,
        start=meeting.slot.starts_at,
        end=meeting.slot.ends_at,
        zone=zone,
        summary=_("B2B meeting: %(person)s (%(organisation)s)")
        % {"person": partner.name, "organisation": organisation.name},
        location=f"{meeting.table}, {meeting.slot.session.venue}",
        description=_("Language in common: %(language)s") % {"language": language}
        if language
        else _("Interpreter needed"),
    )


def agenda_calendar(seats: list[Seat], *, name: str, zone: str) -> bytes:
    """One participant's agenda; times are written in the edition's zone `zone`."""
    return calendar_bytes([_event(seat, zone) for seat in seats], name=name)
