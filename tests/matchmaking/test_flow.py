"""The whole story through the pages: request, accept, schedule, agenda and calendar feed."""

from django.urls import reverse
from icalendar import Calendar

from matchmaking.models import Meeting, MeetingRequest, SchedulingRun
from portal.core.templatetags.ponte import in_zone, time_in_zone


def test_request_accept_schedule_agenda_and_ics(client, world, django_capture_on_commit_callbacks):
    year = world.edition.year
    anna, li = world.anna.registration.person, world.li.registration.person

    client.force_login(anna)
    response = client.post(
        reverse("matchmaking:request", kwargs={"year": year, "pk": world.li.pk}),
        {"message": "Shall we talk about robots for agrifood?"},
    )
    assert response.status_code == 302
    request = MeetingRequest.objects.get()
    assert (request.requester, request.recipient, request.message) == (
        world.anna,
        world.li,
        "Shall we talk about robots for agrifood?",
    )

    client.force_login(li)
    page = client.get(reverse("matchmaking:requests", kwargs={"year": year}))
    assert "Shall we talk about robots for agrifood?" in page.content.decode()
    client.post(
        reverse("matchmaking:answer", kwargs={"year": year, "pk": request.pk, "action": "accept"})
    )
    request.refresh_from_db()
    assert request.status == "accepted"

    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("matchmaking:run_start", kwargs={"year": year}), {})
    run = SchedulingRun.objects.get()
    assert response.url == reverse("matchmaking:run", kwargs={"year": year, "pk": run.pk})
    run.refresh_from_db()
    assert (run.status, run.placed, run.unplaced) == ("done", 1, 0)
    meeting = Meeting.objects.get()
    status = client.get(response.url, headers={"HX-Request": "true"})
    assert status.status_code == 286  # htmx: stop polling, the run has finished

    for person, partner in ((anna, "Li Wei"), (li, "Anna Rossi")):
        client.force_login(person)
        agenda = client.get(reverse("matchmaking:agenda", kwargs={"year": year}))
        html = agenda.content.decode()
        assert partner in html
        assert "Table 1, Fiera di Bergamo" in html
        # The solver may pick any of the four slots; the page names the zone either way.
        starts = in_zone(meeting.slot.starts_at, "Europe/Rome")
        assert starts.startswith("25 October 2031, ") and starts.endswith("(Italy time, CEST)")
        assert f"{starts}</a> – {time_in_zone(meeting.slot.ends_at, 'Europe/Rome')}" in html
        assert '<td data-label="Language">English</td>' in html
        participant = world.anna if person == anna else world.li
        feed = client.get(reverse("matchmaking:feed", kwargs={"token": participant.feed_token}))
        assert feed["Content-Type"] == "text/calendar; charset=utf-8"
        events = Calendar.from_ical(feed.content).walk("VEVENT")
        assert len(events) == 1
        assert str(events[0]["uid"]) == f"b2b-meeting-{meeting.pk}@ponte"
        assert partner in str(events[0]["summary"])
        assert events[0].decoded("dtstart") == meeting.slot.starts_at


def test_feed_reset_makes_the_old_address_stop_working(client, world) -> None:
    old = world.anna.feed_token
    client.force_login(world.anna.registration.person)
    client.post(
        reverse("matchmaking:feed_reset", kwargs={"year": world.edition.year}), {"confirm": "yes"}
    )
    world.anna.refresh_from_db()
    assert world.anna.feed_token != old
    assert client.get(reverse("matchmaking:feed", kwargs={"token": old})).status_code == 404
    new = client.get(reverse("matchmaking:feed", kwargs={"token": world.anna.feed_token}))
    assert new.status_code == 200


def test_request_to_oneself_shows_the_error_in_the_page(client, world) -> None:
    client.force_login(world.anna.registration.person)
    url = reverse("matchmaking:request", kwargs={"year": world.edition.year, "pk": world.anna.pk})
    response = client.post(url, follow=True)
    assert "You cannot request a meeting with yourself." in response.content.decode()
    assert MeetingRequest.objects.count() == 0


def test_request_with_a_too_long_message_is_a_form_error(client, world) -> None:
    client.force_login(world.anna.registration.person)
    url = reverse("matchmaking:request", kwargs={"year": world.edition.year, "pk": world.li.pk})
    response = client.post(url, {"message": "x" * 2001})
    assert response.status_code == 400
    assert "Ensure this value has at most 2000 characters" in response.content.decode()


def test_request_answer_with_an_unknown_action_is_refused(client, world) -> None:
    request = MeetingRequest.objects.create(
        edition=world.edition,
        requester=world.anna,
        recipient=world.li,
        low=min(world.anna, world.li, key=lambda p: p.pk),
        high=max(world.anna, world.li, key=lambda p: p.pk),
    )
    client.force_login(world.li.registration.person)
    url = reverse(
        "matchmaking:answer", kwargs={"year": world.edition.year, "pk": request.pk, "action": "x"}
    )
    assert client.post(url).status_code == 403


def test_availability_form_saves_sessions_slots_and_profile(client, world) -> None:
    client.force_login(world.anna.registration.person)
    url = reverse("matchmaking:availability", kwargs={"year": world.edition.year})
    page = client.get(url).content.decode()
    assert "B2B morning: 25 October 2031, 09:00 (Italy time, CEST)" in page
    response = client.post(
        url,
        {
            "profile": "Partners for precision farming",
            "sessions": [world.session.pk],
            "unavailable": [world.slots[0].pk, world.slots[1].pk],
        },
    )
    assert response.status_code == 302
    world.anna.refresh_from_db()
    assert world.anna.profile == "Partners for precision farming"
    assert list(world.anna.sessions.all()) == [world.session]
    assert sorted(world.anna.unavailable.values_list("slot_id", flat=True)) == [
        world.slots[0].pk,
        world.slots[1].pk,
    ]


def test_availability_rejects_a_slot_of_another_edition(client, world) -> None:
    from tests.matchmaking.factories import SessionFactory

    foreign = SessionFactory(tables=1).slots.first()
    client.force_login(world.anna.registration.person)
    url = reverse("matchmaking:availability", kwargs={"year": world.edition.year})
    response = client.post(url, {"unavailable": [foreign.pk]})
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
