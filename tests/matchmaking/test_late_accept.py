"""A request accepted after publication: placed at once where it adds fewest breaks; both told."""

import pytest
from django.utils import timezone

from matchmaking import services
from matchmaking.models import EditionB2B, Meeting
from portal.core.models import Notification
from tests.matchmaking.factories import accepted, participant
from tests.matchmaking.test_meetings import place


@pytest.fixture
def published(world) -> None:
    EditionB2B.objects.filter(edition=world.edition).update(published_at=timezone.now())


def test_late_acceptance_goes_next_to_both_sides_meetings(world, published) -> None:
    # Anna meets someone in slot 3 and Li in slot 3's neighbour slot 2 is free for both: the
    # first free slot (1) would leave Anna a gap, slot 2 leaves none.
    place(accepted(world.anna, participant(world.edition, country="CN")), world.slots[2],
          world.tables[0])  # fmt: skip
    request = services.request_create(requester=world.anna, recipient=world.li)
    services.request_accept(request=request, by=world.li.registration.person)
    meeting = Meeting.objects.get(request=request)
    assert (meeting.slot, meeting.table) == (world.slots[1], world.tables[0])


def test_late_acceptance_tells_both_sides_once(world, published) -> None:
    request = services.request_create(requester=world.anna, recipient=world.li)
    services.request_accept(request=request, by=world.li.registration.person)
    meeting = Meeting.objects.get(request=request)
    assert Notification.objects.filter(kind="meeting_accepted").get().recipient == (
        world.anna.registration.person
    )
    li = Notification.objects.get(kind="schedule_changed")
    assert li.recipient == world.li.registration.person
    lines = [line for line in li.body_text.splitlines() if line.startswith("- ")]
    assert len(lines) == 1
    assert lines[0].startswith("- 新洽谈：与Politecnico di Bergamo的Anna Rossi，")
    assert lines[0].endswith(f"，{meeting.table.number}号桌，Fiera di Bergamo。")
