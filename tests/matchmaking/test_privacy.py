"""What other people see of a participant: never their e-mail address, never their feedback."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from matchmaking import services
from matchmaking.models import EditionB2B, MeetingRequest
from portal.core.models import Notification
from portal.core.services.common import Refused
from tests.factories import OrganisationFactory
from tests.matchmaking.factories import accepted, participant
from tests.matchmaking.test_meetings import place

ASKS = "secret.person@example.org"
ACCEPTS = "secret.partner@example.org"
DECLINES = "secret.refusal@example.org"


def nameless(world, email: str, organisation: str):
    """A participant whose account has no name, only an address, in an organisation of Italy."""
    org = OrganisationFactory(name_en=organisation, country="IT")
    return participant(world.edition, organisation=org, full_name="", email=email)


def assert_no_address(text: str) -> None:
    for address in (ASKS, ACCEPTS, DECLINES):
        assert address not in text
        assert address.split("@")[0] not in text


def test_names_never_fall_back_to_addresses_on_pages_others_see(
    client, world, django_capture_on_commit_callbacks
) -> None:
    year = world.edition.year
    asks = nameless(world, ASKS, "Officine Nascoste")
    accepts = nameless(world, ACCEPTS, "Meccanica Riservata")
    declines = nameless(world, DECLINES, "Agrifood Discreto")
    li = world.li.registration.person
    li.language = "en"
    li.save()
    # The three nameless people each act towards Li: one asks, one accepts, one declines.
    incoming = services.request_create(requester=asks, recipient=world.li, message="Hello")
    services.request_accept(
        request=services.request_create(requester=world.li, recipient=accepts),
        by=accepts.registration.person,
    )
    services.request_decline(
        request=services.request_create(requester=world.li, recipient=declines),
        by=declines.registration.person,
    )
    meeting = place(
        MeetingRequest.objects.get(requester=world.li, recipient=accepts),
        world.slots[0],
        world.tables[0],
    )
    services.meeting_move(
        meeting=meeting, slot=world.slots[1], table=world.tables[1], by=world.staff
    )
    # Anna (organisation A) meets one of them too: her admin's delegation page lists it.
    place(accepted(world.anna, accepts), world.slots[2], world.tables[0])

    client.force_login(li)
    pages = {
        "catalogue": reverse("matchmaking:catalogue", kwargs={"year": year}),
        "participant": reverse("matchmaking:participant", kwargs={"year": year, "pk": asks.pk}),
        "requests": reverse("matchmaking:requests", kwargs={"year": year}),
        "agenda": reverse("matchmaking:agenda", kwargs={"year": year}),
        "meeting": reverse("matchmaking:meeting", kwargs={"year": year, "pk": meeting.pk}),
    }
    html = {name: client.get(url).content.decode() for name, url in pages.items()}
    for text in html.values():
        assert_no_address(text)
    # The neutral label stands where the name would.
    assert "A delegate of Officine Nascoste" in html["participant"]
    assert ">A delegate</a>, Officine Nascoste" in html["catalogue"]
    assert ">A delegate</a>, Officine Nascoste" in html["requests"]
    assert '<td data-label="With">A delegate, Meccanica Riservata</td>' in html["agenda"]
    assert "Meeting of Li Wei and A delegate of Meccanica Riservata" in html["meeting"]
    assert incoming.recipient == world.li

    feed = client.get(reverse("matchmaking:feed", kwargs={"token": world.li.feed_token}))
    assert_no_address(feed.content.decode())
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["B2B meeting: A delegate (Meccanica Riservata)"]

    client.force_login(world.admin_a)
    delegation = client.get(
        reverse("matchmaking:delegation", kwargs={"year": year, "slug": world.org_a.slug})
    )
    assert_no_address(delegation.content.decode())
    assert "A delegate, Meccanica Riservata" in delegation.content.decode()

    # Table signs are printed and laid on the tables, where everybody reads them.
    client.force_login(world.staff)
    signs = client.get(
        reverse("matchmaking:grid_print", kwargs={"year": year, "pk": world.session.pk})
    )
    assert_no_address(signs.content.decode())

    # What Li is told by e-mail and in the inbox: requested, accepted, declined, moved, reminder.
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_reminders(now=meeting.slot.starts_at - dt.timedelta(hours=14))
    to_li = Notification.objects.filter(recipient=li)
    assert sorted(to_li.values_list("kind", flat=True)) == [
        "agenda_reminder",
        "meeting_accepted",
        "meeting_declined",
        "meeting_moved",
        "meeting_requested",
    ]
    for notification in to_li:
        for text in (notification.subject, notification.body_text, notification.body_html):
            assert_no_address(text)
        assert_no_address(notification.ics)
    requested = to_li.get(kind="meeting_requested")
    assert requested.subject == "A delegate (Officine Nascoste) asks you for a B2B meeting"


def test_meeting_cap_refusal_does_not_name_the_other_side_by_address(world) -> None:
    EditionB2B.objects.filter(edition=world.edition).update(meeting_cap=1)
    busy = nameless(world, ASKS, "Officine Nascoste")
    accepted(busy, world.anna)
    request = services.request_create(requester=world.li, recipient=busy)
    with pytest.raises(Refused) as refused:
        services.request_accept(request=request, by=busy.registration.person)
    assert str(refused.value) == (
        "A delegate of Officine Nascoste has reached the edition's meeting limit (1)."
    )


def feedback_list(html: str) -> str:
    """The meeting's details (people and their feedback), without the feedback form."""
    return html.split('<dl class="card card-wide">')[1].split("</dl>")[0]


def test_feedback_is_seen_by_its_author_and_staff_only(client, world) -> None:
    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    meeting.seats.filter(participant=world.anna).update(
        outcome="no_show", rating=2, comment="Too salesy, not a fit"
    )
    meeting.seats.filter(participant=world.li).update(
        outcome="took_place", rating=5, comment="Great partner"
    )
    url = reverse("matchmaking:meeting", kwargs={"year": world.edition.year, "pk": meeting.pk})
    feed = reverse("matchmaking:feed", kwargs={"token": world.li.feed_token})

    client.force_login(world.li.registration.person)
    html = client.get(url).content.decode()
    assert "Too salesy" not in html
    assert "2/5" not in html
    assert "The other side did not come" not in feedback_list(html)
    assert "It took place · 5/5" in feedback_list(html)  # Li's own
    assert "Great partner</textarea>" in html  # in Li's own feedback form
    ics = client.get(feed).content.decode()
    assert "Too salesy" not in ics
    assert "salesy" not in ics.replace("\r\n ", "")

    # Anna's organisation admin sees the meeting, not her private rating.
    client.force_login(world.admin_a)
    html = client.get(url).content.decode()
    assert "2/5" not in html
    assert "5/5" not in html
    assert "Too salesy" not in html

    client.force_login(world.anna.registration.person)
    html = client.get(url).content.decode()
    assert "The other side did not come · 2/5" in html
    assert "5/5" not in html
    assert "Great partner" not in html

    client.force_login(world.staff)
    html = client.get(url).content.decode()
    assert "The other side did not come · 2/5" in html
    assert "It took place · 5/5" in html
