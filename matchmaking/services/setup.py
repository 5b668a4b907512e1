"""Setting up B2B: slots and tables of a session, participants and their availability."""

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from matchmaking.models import (
    Meeting,
    Participant,
    Session,
    Slot,
    Table,
    Unavailability,
    new_feed_token,
)
from portal.core.services.common import Refused
from programme.models import Registration


def slot_times(session: Session) -> list[tuple[dt.datetime, dt.datetime]]:
    """The session's slots as aware datetimes, cut in the edition's zone around the breaks."""
    zone = ZoneInfo(session.edition.time_zone)
    breaks = [(b.start, b.end) for b in session.breaks.all()]
    length = dt.timedelta(minutes=session.slot_minutes)
    cursor = dt.datetime.combine(session.date, session.start)
    end = dt.datetime.combine(session.date, session.end)
    times = []
    while cursor + length <= end:
        stop = cursor + length
        clash = next(
            (b for b in breaks if cursor.time() < b[1] and stop.time() > b[0]),
            None,
        )
        if clash is not None:
            # Resume right after the break, so slots stay aligned to it.
            cursor = dt.datetime.combine(session.date, clash[1])
            continue
        times.append((cursor.replace(tzinfo=zone), stop.replace(tzinfo=zone)))
        cursor = stop
    return times


@transaction.atomic
def session_build_slots(*, session: Session) -> list[Slot]:
    """(Re)derive a session's slots; refused once meetings are placed in it.

    Side effects: deletes the session's slots and creates new ones.
    """
    if Meeting.objects.filter(slot__session=session).exists():
        raise Refused(
            _("Meetings are already placed in this session; cancel them before changing slots.")
        )
    session.slots.all().delete()
    return Slot.objects.bulk_create(
        Slot(session=session, index=i, starts_at=start, ends_at=end)
        for i, (start, end) in enumerate(slot_times(session), start=1)
    )


@transaction.atomic
def session_set_tables(*, session: Session, count: int) -> list[Table]:
    """Make sure tables 1..count exist (existing names and reservations are kept).

    Side effects: creates missing tables; deletes tables above `count` that hold no meeting.
    """
    existing = set(session.tables.values_list("number", flat=True))
    session.tables.filter(number__gt=count, meetings__isnull=True).delete()
    Table.objects.bulk_create(
        Table(session=session, number=n) for n in range(1, count + 1) if n not in existing
    )
    return list(session.tables.all())


@transaction.atomic
def participant_enrol(
    *, registration: Registration, sessions: Iterable[Session] = (), profile: str = ""
) -> Participant:
    """Make a confirmed registration that opted in to B2B a participant (idempotent).

    Side effects: creates or updates the participant row and its sessions.
    """
    if not registration.b2b or registration.status != Registration.Status.CONFIRMED:
        raise Refused(_("Only confirmed delegates who opted in to B2B meetings can take part."))
    participant, _created = Participant.objects.update_or_create(
        registration=registration,
        defaults={"edition_id": registration.edition_id, "profile": profile},
    )
    sessions = list(sessions)
    if any(s.edition_id != registration.edition_id for s in sessions):
        raise Refused(_("A session of another edition cannot be chosen."))
    participant.sessions.set(sessions)
    return participant


@transaction.atomic
def participant_set_availability(
    *, participant: Participant, sessions: Iterable[Session], slots: Iterable[Slot], profile: str
) -> None:
    """A participant says which sessions they attend, which slots they cannot make, and
    what they look for; meetings already placed stay (staff move them if needed).

    Side effects: replaces the participant's sessions and unavailability rows.
    """
    sessions = list(sessions)
    if any(s.edition_id != participant.edition_id for s in sessions):
        raise Refused(_("A session of another edition cannot be chosen."))
    participant.sessions.set(sessions)
    participant.profile = profile
    participant.save(update_fields=["profile"])
    participant_set_unavailable(participant=participant, slots=slots)


@transaction.atomic
def participant_set_unavailable(*, participant: Participant, slots: Iterable[Slot]) -> None:
    """Replace the slots a participant cannot make; placed meetings are not moved.

    Side effects: deletes and creates unavailability rows.
    """
    slots = list(slots)
    if any(s.session.edition_id != participant.edition_id for s in slots):
        raise Refused(_("A slot of another edition cannot be chosen."))
    participant.unavailable.all().delete()
    Unavailability.objects.bulk_create(
        Unavailability(participant=participant, slot=s) for s in slots
    )


def participant_reset_feed(*, participant: Participant) -> str:
    """Give the participant a new secret calendar address; the old one stops working."""
    participant.feed_token = new_feed_token()
    participant.save(update_fields=["feed_token"])
    return participant.feed_token
