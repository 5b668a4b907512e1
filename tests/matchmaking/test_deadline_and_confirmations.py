"""Requests after the deadline are refused; resetting the calendar address needs a tick."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from matchmaking import services
from matchmaking.models import EditionB2B, MeetingRequest, Participant
from portal.core.services.common import Refused
from portal.core.templatetags.ponte import in_zone

DEADLINE = dt.datetime(2031, 10, 20, 16, 0, tzinfo=dt.UTC)  # 18:00 in Rome


@pytest.fixture
def closed(world) -> None:
    EditionB2B.objects.filter(edition=world.edition).update(request_deadline=DEADLINE)


@time_machine.travel(DEADLINE + dt.timedelta(minutes=1), tick=False)
def test_a_request_after_the_deadline_is_refused_with_the_date(world, closed) -> None:
    with pytest.raises(Refused) as refused:
        services.request_create(requester=world.anna, recipient=world.li)
    when = in_zone(DEADLINE, "Europe/Rome")
    assert when == "20 October 2031, 18:00 (Italy time, CEST)"
    assert str(refused.value) == (
        f"Requests for these B2B meetings closed on {when}; ask the programme staff."
    )
    assert MeetingRequest.objects.count() == 0


@time_machine.travel(DEADLINE - dt.timedelta(minutes=1), tick=False)
def test_a_request_before_the_deadline_is_sent(world, closed) -> None:
    request = services.request_create(requester=world.anna, recipient=world.li)
    assert request.status == "pending"


def test_a_pending_request_cannot_be_accepted_after_the_deadline(world, closed) -> None:
    with time_machine.travel(DEADLINE - dt.timedelta(hours=1), tick=False):
        request = services.request_create(requester=world.anna, recipient=world.li)
    with (
        time_machine.travel(DEADLINE + dt.timedelta(hours=1), tick=False),
        pytest.raises(Refused, match=r"^Requests for these B2B meetings closed on"),
    ):
        services.request_accept(request=request, by=world.li.registration.person)
    request.refresh_from_db()
    assert request.status == "pending"


@time_machine.travel(DEADLINE + dt.timedelta(days=1), tick=False)
def test_staff_may_still_add_a_request_after_the_deadline(world, closed) -> None:
    request = services.request_create(
        requester=world.anna, recipient=world.li, acted_by=world.staff
    )
    assert request.status == "pending"


@time_machine.travel(DEADLINE + dt.timedelta(minutes=1), tick=False)
def test_the_request_page_shows_the_deadline_refusal(client, world, closed) -> None:
    client.force_login(world.anna.registration.person)
    url = reverse("matchmaking:request", kwargs={"year": world.edition.year, "pk": world.li.pk})
    page = client.post(url, {"message": "Hello"}, follow=True).content.decode()
    assert "Requests for these B2B meetings closed on 20 October 2031, 18:00" in page
    assert MeetingRequest.objects.count() == 0


def test_resetting_the_calendar_address_without_the_tick_changes_nothing(client, world) -> None:
    token = world.anna.feed_token
    client.force_login(world.anna.registration.person)
    url = reverse("matchmaking:feed_reset", kwargs={"year": world.edition.year})
    page = client.post(url, follow=True).content.decode()
    assert "Nothing changed: tick the box to confirm that the old address may stop working." in (
        page
    )
    assert Participant.objects.get(pk=world.anna.pk).feed_token == token
    client.post(url, {"confirm": "yes"})
    assert Participant.objects.get(pk=world.anna.pk).feed_token != token


def test_the_agenda_asks_to_confirm_a_new_calendar_address(client, world) -> None:
    client.force_login(world.li.registration.person)
    page = client.get(reverse("matchmaking:agenda", kwargs={"year": world.edition.year}))
    html = page.content.decode()
    assert 'name="confirm" value="yes" required' in html
