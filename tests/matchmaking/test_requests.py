"""Requests: asking, answering, withdrawing, expiring, and the errors people can meet."""

import datetime as dt

import pytest
from django.utils import timezone

from matchmaking import services
from matchmaking.models import EditionB2B, Meeting, MeetingRequest
from portal.core.models import Notification
from portal.core.services.common import Refused
from programme.models import Registration
from tests.matchmaking.factories import accepted, participant


def test_request_create_notifies_the_recipient_in_their_language(world) -> None:
    request = services.request_create(requester=world.anna, recipient=world.li, message="Robots?")
    assert (request.status, request.low_id, request.high_id) == (
        "pending",
        min(world.anna.pk, world.li.pk),
        max(world.anna.pk, world.li.pk),
    )
    notification = Notification.objects.get()
    assert notification.recipient == world.li.registration.person
    assert notification.kind == "meeting_requested"
    assert notification.subject == "Anna Rossi（Politecnico di Bergamo）请求与您进行B2B洽谈"


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("self", "You cannot request a meeting with yourself."),
        ("same_org", "You cannot request a meeting with your own organisation."),
        ("not_taking_part", "This person does not take part in B2B meetings."),
        ("duplicate", "There is already a request between you and this person."),
    ],
)
def test_request_create_refuses_bad_requests(world, case: str, message: str) -> None:
    recipient = world.li
    if case == "self":
        recipient = world.anna
    elif case == "same_org":
        recipient = participant(world.edition, organisation=world.org_a)
    elif case == "not_taking_part":
        Registration.objects.filter(pk=world.li.registration_id).update(b2b=False)
        world.li.registration.refresh_from_db()
    elif case == "duplicate":
        services.request_create(requester=world.anna, recipient=world.li)
    with pytest.raises(Refused) as error:
        services.request_create(requester=world.anna, recipient=recipient)
    assert str(error.value) == message


def test_request_from_the_other_side_records_mutual_interest_and_accepts(world) -> None:
    first = services.request_create(requester=world.anna, recipient=world.li)
    second = services.request_create(requester=world.li, recipient=world.anna)
    assert second.pk == first.pk
    first.refresh_from_db()
    assert (first.status, first.mutual) == ("accepted", True)
    assert MeetingRequest.objects.count() == 1


def test_request_accept_then_decline_is_refused(world) -> None:
    request = services.request_create(requester=world.anna, recipient=world.li)
    services.request_accept(request=request, by=world.li.registration.person)
    with pytest.raises(Refused, match="already answered"):
        services.request_decline(request=request, by=world.li.registration.person)


def test_accepting_a_withdrawn_request_is_refused(world) -> None:
    request = services.request_create(requester=world.anna, recipient=world.li)
    services.request_withdraw(request=request, by=world.anna.registration.person)
    with pytest.raises(Refused) as error:
        services.request_accept(request=request, by=world.li.registration.person)
    assert str(error.value) == "This request was withdrawn."


def test_request_decline_keeps_the_reason_and_tells_the_requester(world) -> None:
    request = services.request_create(requester=world.anna, recipient=world.li)
    services.request_decline(request=request, by=world.li.registration.person, reason="No time")
    request.refresh_from_db()
    assert (request.status, request.reason) == ("declined", "No time")
    declined = Notification.objects.get(kind="meeting_declined")
    assert declined.recipient == world.anna.registration.person
    assert "No time" in declined.body_text


def test_requests_expire_after_the_deadline_once(world) -> None:
    request = services.request_create(requester=world.anna, recipient=world.li)
    EditionB2B.objects.filter(edition=world.edition).update(
        request_deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    assert services.requests_expire() == 1
    assert services.requests_expire() == 0
    request.refresh_from_db()
    assert request.status == "expired"
    assert Notification.objects.filter(kind="meeting_expired").count() == 1


def test_requests_do_not_expire_before_the_deadline(world) -> None:
    services.request_create(requester=world.anna, recipient=world.li)
    EditionB2B.objects.filter(edition=world.edition).update(
        request_deadline=timezone.now() + dt.timedelta(days=1)
    )
    assert services.requests_expire() == 0


def test_request_accepted_after_publication_is_placed_in_the_first_good_slot(world) -> None:
    EditionB2B.objects.filter(edition=world.edition).update(published_at=timezone.now())
    services.participant_set_unavailable(participant=world.li, slots=[world.slots[0]])
    request = services.request_create(requester=world.anna, recipient=world.li)
    services.request_accept(request=request, by=world.li.registration.person)
    meeting = Meeting.objects.get(request=request)
    assert (meeting.slot, meeting.table) == (world.slots[1], world.tables[0])
    assert sorted(meeting.seats.values_list("participant_id", flat=True)) == sorted(
        [world.anna.pk, world.li.pk]
    )
    accepted = Notification.objects.get(kind="meeting_accepted")
    assert "Tavolo 1" in accepted.body_text or "Table 1" in accepted.body_text


def test_accepting_beyond_the_meeting_cap_is_refused(world) -> None:
    EditionB2B.objects.filter(edition=world.edition).update(meeting_cap=1)
    accepted(world.anna, world.li)
    other = participant(world.edition, country="CN")
    pending = services.request_create(requester=world.anna, recipient=other)
    with pytest.raises(Refused) as refused:
        services.request_accept(request=pending, by=other.registration.person)
    assert str(refused.value) == "Anna Rossi has reached the edition's meeting limit (1)."
    pending.refresh_from_db()
    assert pending.status == "pending"
