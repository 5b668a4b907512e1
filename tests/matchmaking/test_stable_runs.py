"""Runs after publication: the published schedule stays put, and people hear what changed."""

import pytest
from django.utils import translation

from matchmaking import services
from matchmaking.models import Meeting, SchedulingRun
from portal.core.models import Notification
from portal.core.notifications.zones import in_zones
from portal.core.templatetags.ponte import in_zone
from tests.matchmaking.factories import accepted, participant


def run(world, *, replan: bool = False) -> SchedulingRun:
    created = services.run_start(edition=world.edition, by=world.staff, replan=replan)
    services.run_execute(run_id=created.pk)
    created.refresh_from_db()
    return created


def changed_lines(notification: Notification) -> list[str]:
    return [line for line in notification.body_text.splitlines() if line.startswith("- ")]


def placement() -> list[tuple[int, int, int, int]]:
    return sorted(
        Meeting.objects.filter(status="scheduled").values_list(
            "pk", "request_id", "slot_id", "table_id"
        )
    )


@pytest.fixture
def published(world, django_capture_on_commit_callbacks):
    """Three meetings of Anna in the world's 4 slots × 2 tables, published by a first run."""
    others = [participant(world.edition, country="CN", full_name=f"Zhang {i}") for i in range(2)]
    for other in [world.li, *others]:
        accepted(world.anna, other)
    with django_capture_on_commit_callbacks(execute=True):
        first = run(world)
    assert (first.mode, first.placed) == ("plan", 3)
    return first


def test_second_run_on_a_published_schedule_moves_nothing_and_tells_nobody(
    world, published, django_capture_on_commit_callbacks
) -> None:
    before = placement()
    told = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        second = run(world)
    assert (second.mode, second.status, second.placed, second.moved) == ("keep", "done", 3, 0)
    assert placement() == before
    assert Notification.objects.count() == told
    with django_capture_on_commit_callbacks(execute=True):
        third = run(world)
    assert (third.moved, placement(), Notification.objects.count()) == (0, before, told)


def test_keep_run_places_only_the_new_request_and_tells_its_two_sides(
    world, published, django_capture_on_commit_callbacks
) -> None:
    before = placement()
    a = participant(world.edition, full_name="Marco Bianchi")
    b = participant(world.edition, country="CN", full_name="Wang Fang", language="zh-hans")
    request = accepted(a, b)
    with django_capture_on_commit_callbacks(execute=True):
        result = run(world)
    assert placement()[:3] == before
    meeting = Meeting.objects.get(request=request)
    assert (result.moved, result.people_moved) == (0, 0)
    assert result.changes == [[request.pk, None, None, meeting.slot_id, meeting.table_id]]
    changed = Notification.objects.filter(kind="schedule_changed")
    assert {n.recipient for n in changed} == {a.registration.person, b.registration.person}
    marco = changed.get(recipient=a.registration.person)
    title = world.edition.title
    assert marco.subject == f"Your B2B agenda for {title} has changed"
    organisation = b.registration.organisation.name
    # Marco lives in Italy: one zone; the e-mail lists his one change and nothing else.
    when = in_zone(meeting.slot.starts_at, "Europe/Rome")
    assert changed_lines(marco) == [
        f"- New meeting with Wang Fang of {organisation}: {when}, Table {meeting.table.number}, "
        "Fiera di Bergamo."
    ]
    wang = changed.get(recipient=b.registration.person)
    assert wang.language == "zh-hans"
    assert wang.subject == f"您在{title}的B2B洽谈日程有变动"
    # A retried announcement sends nothing more.
    assert services.schedule_announce(run_id=result.pk) == 0
    assert changed.count() == 2


def test_keep_run_moves_a_meeting_its_participant_can_no_longer_attend(
    world, published, django_capture_on_commit_callbacks
) -> None:
    meeting = Meeting.objects.get(request__recipient=world.li)
    old_slot = meeting.slot
    services.participant_set_unavailable(participant=world.li, slots=[old_slot])
    others = placement()
    with django_capture_on_commit_callbacks(execute=True):
        result = run(world)
    moved = Meeting.objects.get(request__recipient=world.li, status="scheduled")
    assert moved.slot != old_slot
    assert (result.moved, result.people_moved) == (1, 2)
    # Nobody else's meeting changed: Anna's other two are where they were.
    assert [row for row in placement() if row[1] != meeting.request_id] == [
        row for row in others if row[1] != meeting.request_id
    ]
    changed = Notification.objects.filter(kind="schedule_changed")
    assert {n.recipient for n in changed} == {
        world.anna.registration.person,
        world.li.registration.person,
    }
    anna = changed.get(recipient=world.anna.registration.person)
    with translation.override("it"):
        old = in_zone(old_slot.starts_at, "Europe/Rome")
        new = in_zone(moved.slot.starts_at, "Europe/Rome")
    assert changed_lines(anna) == [
        f"- Il Suo incontro con Li Wei (Shenzhen Robotics) è stato spostato da {old} a {new}, "
        f"Tavolo {moved.table.number}, Fiera di Bergamo."
    ]
    # Li lives in China: both zones, in Chinese.
    li = changed.get(recipient=world.li.registration.person)
    with translation.override("zh-hans"):
        old = in_zones(old_slot.starts_at, ["Europe/Rome", "Asia/Shanghai"])
        new = in_zones(moved.slot.starts_at, ["Europe/Rome", "Asia/Shanghai"])
    assert changed_lines(li) == [
        f"- 您与Politecnico di Bergamo的Anna Rossi的洽谈已从{old}改至{new}，"
        f"{moved.table.number}号桌，Fiera di Bergamo。"
    ]


def test_keep_run_never_moves_a_locked_meeting(world, published) -> None:
    meeting = Meeting.objects.get(request__recipient=world.li)
    services.meeting_set_locked(meeting=meeting, locked=True)
    services.participant_set_unavailable(participant=world.li, slots=[meeting.slot])
    result = run(world)
    assert result.moved == 0
    assert Meeting.objects.get(pk=meeting.pk).slot == meeting.slot


def test_moving_a_meeting_to_another_table_in_its_slot_tells_both_sides(world) -> None:
    from tests.matchmaking.test_meetings import place

    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    services.meeting_move(
        meeting=meeting, slot=world.slots[0], table=world.tables[1], by=world.staff
    )
    moved = Notification.objects.filter(kind="meeting_moved")
    assert sorted(n.recipient_id for n in moved) == sorted(
        [world.anna.registration.person_id, world.li.registration.person_id]
    )
