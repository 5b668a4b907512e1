"""The sample B2B data set: realistic, scheduled by the real scheduler, idempotent."""

import pytest

from matchmaking import content
from matchmaking.models import Meeting, MeetingRequest, Participant, SchedulingRun, Seat, Table
from matchmaking.queries import availability_violations
from portal import content as portal_content
from portal.models import User
from programme import content as programme_content
from programme.models import Edition


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (User, Participant, MeetingRequest, Meeting, Seat, Table, SchedulingRun)
    )


@pytest.mark.django_db
def test_content_loads_a_scheduled_sample_twice_without_change() -> None:
    portal_content.load()
    programme_content.load()
    content.load()
    first = counts()
    content.load()
    assert counts() == first
    edition = Edition.objects.get(year=2016)
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
