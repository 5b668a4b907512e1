"""The catalogue's shared table, and the suggestions and agenda kept per participant
(portal.core.fragment_cache): each reader sees their own, fresh after every change."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from matchmaking.models import Meeting
from portal.core import fragment_cache
from tests.matchmaking.factories import accepted, participant, scheduled_meeting


@pytest.fixture(autouse=True)
def fixed_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key's minute stays put, so that a hit is never a coincidence of the clock."""
    now = time.time()
    monkeypatch.setattr(fragment_cache.time, "time", lambda: now)


def page(person, name: str, edition) -> str:
    client = Client()
    client.force_login(person.registration.person)
    url = reverse(f"matchmaking:{name}", kwargs={"year": edition.year})
    return client.get(url).content.decode()


def table(html: str) -> str:
    return html[html.index("<table") :]


def suggested(html: str) -> str:
    return html[html.index('id="suggested"') : html.index("<table")] if "suggested" in html else ""


def test_each_reader_s_catalogue_leaves_out_only_themselves(world) -> None:
    anna_page = page(world.anna, "catalogue", world.edition)
    li_page = page(world.li, "catalogue", world.edition)
    again = page(world.anna, "catalogue", world.edition)
    assert "Li Wei" in table(anna_page) and "Anna Rossi" not in table(anna_page)
    assert "Anna Rossi" in table(li_page) and "Li Wei" not in table(li_page)
    assert again == anna_page.replace(
        anna_page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0],
        again.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0],
    )


def test_the_catalogue_is_fresh_after_a_new_participant(world) -> None:
    assert "Zhao Min" not in page(world.anna, "catalogue", world.edition)
    participant(world.edition, country="CN", full_name="Zhao Min")
    assert "Zhao Min" in table(page(world.anna, "catalogue", world.edition))


def test_suggestions_are_the_reader_s_own(world) -> None:
    zhao = participant(world.edition, country="CN", full_name="Zhao Min")
    anna = suggested(page(world.anna, "catalogue", world.edition))
    li = suggested(page(world.li, "catalogue", world.edition))
    assert "Li Wei" in anna and "Zhao Min" in anna and "Anna Rossi" not in anna
    assert "Anna Rossi" in li and "Li Wei" not in li
    # Zhao's organisation is in Li's country and shares no area: nothing to suggest there.
    assert zhao.registration.person.full_name not in li


def test_suggestions_are_fresh_after_a_request(world) -> None:
    assert "Li Wei" in suggested(page(world.anna, "catalogue", world.edition))
    accepted(world.anna, world.li)
    assert "Li Wei" not in suggested(page(world.anna, "catalogue", world.edition))


def test_the_agenda_is_the_reader_s_own_and_fresh(db) -> None:
    meeting = scheduled_meeting()
    edition = meeting.edition
    requester, recipient = meeting.request.requester, meeting.request.recipient
    outsider = participant(edition)
    mine = page(requester, "agenda", edition)
    assert recipient.registration.person.full_name in mine
    theirs = page(outsider, "agenda", edition)
    assert recipient.registration.person.full_name not in theirs
    assert "No meeting is scheduled yet." in theirs
    meeting.status = Meeting.Status.CANCELLED
    meeting.save()
    assert "No meeting is scheduled yet." in page(requester, "agenda", edition)
