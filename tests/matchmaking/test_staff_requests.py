"""Staff's list of requests: filter, then create, accept, decline or cancel on someone's behalf."""

import pytest
from django.urls import reverse

from matchmaking.models import Meeting, MeetingRequest
from portal.core.models import Notification
from tests.matchmaking.factories import accepted, participant
from tests.matchmaking.test_meetings import place


def pending(requester, recipient, message: str = "") -> MeetingRequest:
    return MeetingRequest.objects.create(
        edition=requester.edition,
        requester=requester,
        recipient=recipient,
        low=min(requester, recipient, key=lambda p: p.pk),
        high=max(requester, recipient, key=lambda p: p.pk),
        message=message,
    )


def list_url(world, **params) -> str:
    url = reverse("matchmaking:staff_requests", kwargs={"year": world.edition.year})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def answer_url(world, request: MeetingRequest, action: str) -> str:
    return reverse(
        "matchmaking:answer",
        kwargs={"year": world.edition.year, "pk": request.pk, "action": action},
    )


def test_the_list_filters_by_status_and_name(client, world) -> None:
    waiting = pending(world.anna, world.li)
    zhao = participant(world.edition, country="CN", full_name="Zhao Min")
    done = accepted(participant(world.edition, full_name="Marco Bianchi"), zhao)
    client.force_login(world.staff)

    everything = client.get(list_url(world))
    only_pending = client.get(list_url(world, status="pending"))
    by_name = client.get(list_url(world, q="zhao"))

    assert list(everything.context["page"].object_list) == [done, waiting]
    assert list(only_pending.context["page"].object_list) == [waiting]
    assert list(by_name.context["page"].object_list) == [done]
    assert "Marco Bianchi" in by_name.content.decode()


def test_an_unknown_status_is_a_form_error(client, world) -> None:
    client.force_login(world.staff)
    response = client.get(list_url(world, status="lost"))
    assert response.status_code == 200
    assert "status" in response.context["filter"].form.errors


def test_staff_accept_on_behalf_and_return_to_the_filtered_list(client, world) -> None:
    request = pending(world.anna, world.li)
    client.force_login(world.staff)
    back = list_url(world, status="pending")

    response = client.post(answer_url(world, request, "accept"), {"next": back})

    assert response.status_code == 302
    assert response["Location"] == back
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.ACCEPTED
    assert request.acted_by == world.staff
    # Anna, who asked, learns that it was accepted.
    assert (
        Notification.objects.filter(
            recipient=world.anna.registration.person, kind="meeting_accepted"
        ).count()
        == 1
    )


def test_staff_decline_on_behalf_with_a_reason(client, world) -> None:
    request = pending(world.anna, world.li)
    client.force_login(world.staff)

    client.post(answer_url(world, request, "decline"), {"reason": "Li is not in Bergamo."})

    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.DECLINED
    assert request.reason == "Li is not in Bergamo."
    assert request.acted_by == world.staff


def test_staff_cancel_an_accepted_request_cancels_its_meeting(client, world) -> None:
    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    client.force_login(world.staff)

    client.post(answer_url(world, meeting.request, "cancel"))

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert meeting.request.status == MeetingRequest.Status.CANCELLED


@pytest.mark.parametrize("back", ["https://evil.example/", "//evil.example/x"])
def test_a_foreign_next_address_is_ignored(client, world, back: str) -> None:
    request = pending(world.anna, world.li)
    client.force_login(world.staff)

    response = client.post(answer_url(world, request, "accept"), {"next": back})

    assert response["Location"] == list_url(world)


def email(participant) -> str:
    return participant.registration.person.email


def test_create_on_behalf_then_it_is_listed(client, world) -> None:
    client.force_login(world.staff)
    url = reverse("matchmaking:on_behalf", kwargs={"year": world.edition.year})

    response = client.post(
        url,
        {"requester": email(world.li).upper(), "recipient": email(world.anna), "message": "Robots"},
    )

    assert response["Location"] == list_url(world)
    request = MeetingRequest.objects.get()
    assert (request.requester, request.recipient, request.acted_by) == (
        world.li,
        world.anna,
        world.staff,
    )
    assert request.message == "Robots"
    listed = client.get(list_url(world))
    assert list(listed.context["page"].object_list) == [request]


def test_create_on_behalf_with_a_stranger_is_refused(client, world) -> None:
    stranger = participant(world.edition)
    stranger.registration.b2b = False
    stranger.registration.save()
    client.force_login(world.staff)
    url = reverse("matchmaking:on_behalf", kwargs={"year": world.edition.year})

    response = client.post(
        url, {"requester": email(world.li), "recipient": email(stranger)}, follow=True
    )

    assert MeetingRequest.objects.count() == 0
    assert (
        "With (e-mail address): No participant of this edition has this address."
        in response.content.decode()
    )


def test_create_on_behalf_a_request_to_oneself_is_refused(client, world) -> None:
    client.force_login(world.staff)
    url = reverse("matchmaking:on_behalf", kwargs={"year": world.edition.year})

    response = client.post(
        url, {"requester": email(world.li), "recipient": email(world.li)}, follow=True
    )

    assert MeetingRequest.objects.count() == 0
    assert "You cannot request a meeting with yourself." in response.content.decode()
