"""Meeting e-mails: times in the event's zone, named, and in both zones for the other country."""

from matchmaking import services
from portal.core.models import Notification
from tests.matchmaking.factories import accepted
from tests.matchmaking.test_meetings import place


def test_moved_meeting_email_shows_both_zones_to_the_other_country(world) -> None:
    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    world.li.registration.person.language = "en"
    world.li.registration.person.save()
    services.meeting_move(
        meeting=meeting, slot=world.slots[1], table=world.tables[1], by=world.staff
    )
    to_li = Notification.objects.get(kind="meeting_moved", recipient=world.li.registration.person)
    line = (
        "Your meeting with Anna Rossi of Politecnico di Bergamo moved from"
        " 25 October 2031, 09:00 (Italy time, CEST) · 25 October 2031, 15:00 (China time, CST) to"
        " 25 October 2031, 09:30 (Italy time, CEST) · 25 October 2031, 15:30 (China time,"
        " CST), Table 2, Fiera di Bergamo."
    )
    assert f"\n- {line}\n" in to_li.body_text
    assert f"<li>{line}</li>" in to_li.body_html
    assert to_li.subject == "Your meeting with Anna Rossi has a new time"
    to_anna = Notification.objects.get(
        kind="meeting_moved", recipient=world.anna.registration.person
    )
    assert "China time" not in to_anna.body_text
