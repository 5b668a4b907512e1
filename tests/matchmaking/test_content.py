"""The demonstration edition's B2B sample: scheduled by the real scheduler, inside the
demonstration programme's B2B sessions, idempotent, and never on a real edition."""

import datetime as dt

import pytest

from matchmaking import demo
from matchmaking.models import (
    Meeting,
    MeetingRequest,
    Participant,
    SchedulingRun,
    Seat,
    Session,
    Table,
)
from matchmaking.queries import availability_violations
from portal.core import content as portal_content
from portal.core.models import User
from programme import content as programme_content
from programme import demo as demo_programme
from programme.models import Edition, ProgrammeSession, Registration


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (User, Participant, MeetingRequest, Meeting, Seat, Table, SchedulingRun)
    )


@pytest.mark.django_db
def test_content_loads_a_scheduled_sample_twice_without_change() -> None:
    portal_content.load()
    programme_content.load()
    demo.load()
    first = counts()
    demo.load()
    assert counts() == first
    edition = Edition.objects.get(year=demo_programme.YEAR)
    assert edition.is_demo
    # Nothing of the sample touches a real edition.
    assert not Registration.objects.filter(edition__is_demo=False).exists()
    assert not Participant.objects.filter(edition__is_demo=False).exists()
    participants = Participant.objects.filter(edition=edition)
    assert participants.count() > 250
    assert set(participants.values_list("registration__organisation__country", flat=True)) == {
        "IT",
        "CN",
    }
    run = SchedulingRun.objects.get(edition=edition)
    accepted = MeetingRequest.objects.filter(edition=edition, status="accepted").count()
    assert (run.status, run.placed + run.unplaced) == ("done", accepted)
    assert Meeting.objects.filter(edition=edition).count() == run.placed
    assert availability_violations(edition) == []
    # Every sample delegate can sign in once given a password (README).
    people = User.objects.filter(registrations__edition=edition, registrations__b2b=True)
    assert set(people.values_list("emailaddress__verified", flat=True)) == {True}
    assert not User.objects.get(email="b2b.citta-della-scienza.1@example.org").has_usable_password()
    # Booth tables hold only their owner's meetings.
    for table in Table.objects.filter(reserved_for__isnull=False):
        for meeting in Meeting.objects.filter(table=table).select_related("request"):
            assert table.reserved_for_id in (
                meeting.request.requester_id,
                meeting.request.recipient_id,
            )


@pytest.mark.django_db
def test_b2b_sessions_follow_the_demonstration_programme() -> None:
    portal_content.load()
    programme_content.load()
    demo.load()
    edition = Edition.objects.get(year=demo_programme.YEAR)
    zone = edition.zone
    programme = [
        (
            s.start.astimezone(zone).date(),
            s.start.astimezone(zone).time(),
            s.end.astimezone(zone).time(),
            s.city.name_en,
        )
        for s in ProgrammeSession.objects.filter(edition=edition, kind="b2b").order_by("start")
    ]
    b2b = [
        (s.date, s.start, s.end, s.venue_en)
        for s in Session.objects.filter(edition=edition).order_by("date")
    ]
    assert (
        b2b
        == programme
        == [
            (dt.date(2099, 10, 27), dt.time(14, 0), dt.time(18, 0), "Bergamo"),
            (dt.date(2099, 10, 28), dt.time(14, 30), dt.time(18, 0), "Bologna"),
            (dt.date(2099, 10, 29), dt.time(9, 30), dt.time(13, 0), "Naples"),
        ]
    )
    # Each B2B session is tied to its programme session, and valid against it.
    sessions = list(Session.objects.filter(edition=edition).order_by("date"))
    assert [s.programme_session_id for s in sessions] == list(
        ProgrammeSession.objects.filter(edition=edition, kind="b2b")
        .order_by("start")
        .values_list("pk", flat=True)
    )
    for session in sessions:
        session.clean()
    # Every meeting lies inside its session's hours.
    for meeting in Meeting.objects.filter(edition=edition).select_related("slot__session"):
        slot = meeting.slot
        starts, ends = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
        assert (starts.date(), ends.date()) == (slot.session.date, slot.session.date)
        assert slot.session.start <= starts.time() and ends.time() <= slot.session.end
