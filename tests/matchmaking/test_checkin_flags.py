"""The staff grid flags people with a meeting who are not checked in that day."""

import datetime as dt
import uuid

from django.urls import reverse

from programme.checkin.models import CheckIn
from tests.matchmaking.factories import accepted
from tests.matchmaking.test_meetings import place
from tests.programme.factories import VenueFactory


def _check_in(registration, venue, day) -> None:
    CheckIn.objects.create(
        registration=registration,
        venue=venue,
        day=day,
        checked_in_at=dt.datetime.combine(day, dt.time(8, 30), dt.UTC),
        client_id=uuid.uuid4(),
    )


def _grid(client, world):
    client.force_login(world.staff)
    url = reverse("matchmaking:grid", kwargs={"year": world.edition.year, "pk": world.session.pk})
    return client.get(url)


def test_grid_flags_nobody_before_anyone_is_checked_in(client, world) -> None:
    place(accepted(world.anna, world.li), world.slots[1], world.tables[0])
    response = _grid(client, world)
    assert (response.context["absent_ids"], response.context["absent"]) == (set(), [])
    assert "not checked in" not in response.content.decode()


def test_grid_flags_who_has_a_meeting_but_is_not_checked_in(client, world) -> None:
    place(accepted(world.anna, world.li), world.slots[1], world.tables[0])
    venue = VenueFactory(edition=world.edition)
    _check_in(world.anna.registration, venue, world.session.date)
    # Checked in on another day: says nothing about this one.
    _check_in(world.li.registration, venue, world.session.date + dt.timedelta(days=1))
    response = _grid(client, world)
    assert response.context["absent_ids"] == {world.li.registration_id}
    body = response.content.decode()
    assert (
        "Li Wei (Shenzhen Robotics): first meeting at 09:30 CEST, Table 1, with Anna Rossi" in body
    )
    assert '<span class="flag">not checked in: Li Wei</span>' in body


def test_grid_flags_nobody_once_everyone_is_in(client, world) -> None:
    place(accepted(world.anna, world.li), world.slots[1], world.tables[0])
    venue = VenueFactory(edition=world.edition)
    for person in (world.anna, world.li):
        _check_in(person.registration, venue, world.session.date)
    assert _grid(client, world).context["absent"] == []
