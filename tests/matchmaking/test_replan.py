"""Re-planning everything: a preview first, applied once on confirmation, moving little."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from matchmaking import services
from matchmaking.models import Meeting, SchedulingRun
from portal.core.models import Notification
from portal.core.services.common import Refused
from tests.matchmaking.test_stable_runs import placement, published, run  # noqa: F401


def test_replan_stops_at_a_preview_that_changes_nothing(world, published) -> None:  # noqa: F811
    meeting = Meeting.objects.get(request__recipient=world.li)
    services.participant_set_unavailable(participant=world.li, slots=[meeting.slot])
    before = placement()
    told = Notification.objects.count()
    preview = run(world, replan=True)
    assert (preview.mode, preview.status) == ("replan", "preview")
    # Only the meeting Li can no longer attend would move: 1 meeting, Anna and Li.
    assert (preview.moved, preview.people_moved) == (1, 2)
    assert [c[0] for c in preview.changes] == [meeting.request_id]
    assert (placement(), Notification.objects.count()) == (before, told)


def test_replan_confirmed_moves_what_the_preview_said_and_tells_those_people(
    world,
    published,  # noqa: F811
    django_capture_on_commit_callbacks,
) -> None:
    meeting = Meeting.objects.get(request__recipient=world.li)
    services.participant_set_unavailable(participant=world.li, slots=[meeting.slot])
    preview = run(world, replan=True)
    proposed = preview.changes[0][3]
    unchanged = [row for row in placement() if row[1] != meeting.request_id]
    with django_capture_on_commit_callbacks(execute=True):
        applied = services.run_confirm(run=preview, by=world.staff)
    assert (applied.status, applied.moved, applied.confirmed_by) == ("done", 1, world.staff)
    moved = Meeting.objects.get(request=meeting.request, status="scheduled")
    assert moved.slot_id == proposed
    assert [row for row in placement() if row[1] != meeting.request_id] == unchanged
    changed = Notification.objects.filter(kind="schedule_changed")
    assert {n.recipient for n in changed} == {
        world.anna.registration.person,
        world.li.registration.person,
    }


def test_replan_confirmed_twice_applies_once_and_tells_the_second(
    world,
    published,  # noqa: F811
) -> None:
    preview = run(world, replan=True)
    services.run_confirm(run=preview, by=world.staff)
    after = placement()
    with pytest.raises(Refused) as refused:
        services.run_confirm(run=preview, by=world.staff)
    assert str(refused.value) == (
        "This re-plan was already applied by Staff; nothing more was changed."
    )
    assert placement() == after


def test_replan_preview_made_stale_by_another_run_is_not_applied(
    world,
    published,  # noqa: F811
) -> None:
    preview = run(world, replan=True)
    run(world)
    before = placement()
    with pytest.raises(Refused) as refused:
        services.run_confirm(run=preview, by=world.staff)
    assert str(refused.value) == (
        "Another run changed the schedule after this preview; start the re-plan again to "
        "see what it would move now."
    )
    preview.refresh_from_db()
    assert (preview.status, placement()) == ("discarded", before)


def test_staff_see_the_preview_and_confirm_it_in_the_page(client, world, published) -> None:  # noqa: F811
    meeting = Meeting.objects.get(request__recipient=world.li)
    services.participant_set_unavailable(participant=world.li, slots=[meeting.slot])
    client.force_login(world.staff)
    year = world.edition.year
    response = client.post(reverse("matchmaking:run_start", kwargs={"year": year}), {"replan": "1"})
    preview = SchedulingRun.objects.get(mode="replan")
    services.run_execute(run_id=preview.pk)
    page = client.get(response.url).content.decode()
    assert "This re-plan would move 1 published meeting, of 2 people;" in page
    assert "Anna Rossi – Li Wei" in page
    confirm = reverse("matchmaking:run_confirm", kwargs={"year": year, "pk": preview.pk})
    first = client.post(confirm, follow=True).content.decode()
    assert "The re-plan is applied; each person whose meetings moved gets one message." in first
    second = client.post(confirm, follow=True).content.decode()
    assert "This re-plan was already applied by Staff; nothing more was changed." in second
    assert Meeting.objects.filter(request=meeting.request, status="scheduled").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_confirming_one_replan_at_once_apply_it_once(world) -> None:
    from tests.matchmaking.factories import accepted, participant

    for i in range(3):
        accepted(world.anna, participant(world.edition, country="CN", full_name=f"Chen {i}"))
    run(world)
    preview = run(world, replan=True)
    results: list = []
    barrier = threading.Barrier(2)

    def confirm() -> None:
        try:
            barrier.wait()
            services.run_confirm(run=preview, by=world.staff)
            results.append("applied")
        except Refused as error:
            results.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results) == [
        "This re-plan was already applied by Staff; nothing more was changed.",
        "applied",
    ]
    assert SchedulingRun.objects.get(pk=preview.pk).status == "done"
