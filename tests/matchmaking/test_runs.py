"""Scheduling runs through the Celery task: all or nothing, locked meetings stay, tables."""

from unittest import mock

import pytest
from django.urls import reverse

from matchmaking import services
from matchmaking.models import EditionB2B, Meeting, SchedulingRun, Seat, Table, Unplaced
from matchmaking.queries import availability_violations
from matchmaking.scheduling import solve
from tests.matchmaking.factories import accepted, participant
from tests.matchmaking.test_meetings import place


def run(world, session=None) -> SchedulingRun:
    created = services.run_start(edition=world.edition, session=session, by=world.staff)
    services.run_execute(run_id=created.pk)
    created.refresh_from_db()
    return created


def test_run_places_accepted_requests_at_tables_and_records_figures(world) -> None:
    italians = [world.anna] + [participant(world.edition) for _ in range(2)]
    chinese = [world.li] + [participant(world.edition, country="CN") for _ in range(2)]
    for a in italians:
        for b in chinese:
            accepted(a, b)
    result = run(world)
    # 4 slots × 2 tables = 8 places; each Italian meets 3 people in 4 slots: 9 meetings
    # cannot all fit, 8 can.
    assert (result.status, result.requests, result.placed, result.unplaced) == ("done", 9, 8, 1)
    assert result.started_by == world.staff
    assert Meeting.objects.filter(status="scheduled").count() == 8
    assert Seat.objects.count() == 16
    assert availability_violations(world.edition) == []
    assert Unplaced.objects.get(run=result).reason == "no_free_slot"
    assert EditionB2B.objects.get(edition=world.edition).published_at is not None


def test_run_respects_availability(world) -> None:
    services.participant_set_unavailable(participant=world.anna, slots=world.slots[:3])
    request = accepted(world.anna, world.li)
    run(world)
    assert Meeting.objects.get(request=request).slot == world.slots[3]


def test_run_reports_no_common_slot(world) -> None:
    services.participant_set_unavailable(participant=world.anna, slots=world.slots[:2])
    services.participant_set_unavailable(participant=world.li, slots=world.slots[2:])
    request = accepted(world.anna, world.li)
    result = run(world)
    assert Unplaced.objects.get(run=result, request=request).reason == "no_common_slot"


def test_run_keeps_locked_meetings_and_replaces_the_others(world) -> None:
    locked = place(accepted(world.anna, world.li), world.slots[3], world.tables[1])
    Meeting.objects.filter(pk=locked.pk).update(locked=True)
    loose_request = accepted(participant(world.edition), participant(world.edition, country="CN"))
    loose = place(loose_request, world.slots[3], world.tables[0])
    result = run(world)
    assert result.placed == 2
    assert Meeting.objects.get(pk=locked.pk).slot == world.slots[3]
    assert not Meeting.objects.filter(pk=loose.pk).exists()
    assert Meeting.objects.get(request=loose_request).run == result


def test_run_puts_a_reserved_participant_at_their_table(world) -> None:
    Table.objects.filter(pk=world.tables[1].pk).update(reserved_for=world.li)
    request = accepted(world.anna, world.li)
    run(world)
    assert Meeting.objects.get(request=request).table == world.tables[1]


def test_failed_run_leaves_the_previous_schedule_untouched(world) -> None:
    request = accepted(world.anna, world.li)
    first = run(world)
    before = list(Meeting.objects.values_list("pk", "slot_id", "table_id"))
    accepted(participant(world.edition), participant(world.edition, country="CN"))
    with mock.patch(
        "matchmaking.services.runs.Unplaced.objects.bulk_create",
        side_effect=RuntimeError("disk full"),
    ):
        second = run(world)
    assert (first.status, second.status, second.error) == ("done", "failed", "disk full")
    assert list(Meeting.objects.values_list("pk", "slot_id", "table_id")) == before
    assert Meeting.objects.get(request=request).pk == before[0][0]


def test_run_gives_the_scheduler_the_command_lines_stopping_rule(world) -> None:
    accepted(world.anna, world.li)
    with mock.patch("matchmaking.services.runs.solve", wraps=solve) as spy:
        result = run(world)
    assert result.status == "done"
    # The SAT phase until proved optimal, within the default CPU budget for the event's size.
    assert (spy.call_args.kwargs["polish"], spy.call_args.kwargs["time_limit"]) == (None, None)


def test_run_task_twice_runs_once(world) -> None:
    accepted(world.anna, world.li)
    result = run(world)
    assert services.run_execute(run_id=result.pk) is None
    assert Meeting.objects.count() == 1


def test_run_for_one_session_leaves_other_sessions_alone(world) -> None:
    import datetime as dt

    from tests.matchmaking.factories import SessionFactory

    afternoon = SessionFactory(edition=world.edition, start=dt.time(14), end=dt.time(15), tables=1)
    other_request = accepted(participant(world.edition), participant(world.edition, country="CN"))
    kept = place(other_request, afternoon.slots.first(), afternoon.tables.first())
    accepted(world.anna, world.li)
    result = run(world, session=world.session)
    assert result.placed == 1
    assert Meeting.objects.get(pk=kept.pk).slot == afternoon.slots.first()


@pytest.mark.parametrize("cap", [1])
def test_run_honours_the_meeting_cap(world, cap: int) -> None:
    EditionB2B.objects.filter(edition=world.edition).update(meeting_cap=cap)
    accepted(world.anna, world.li)
    second = accepted(world.anna, participant(world.edition, country="CN"))
    result = run(world)
    assert result.placed == 1
    assert Unplaced.objects.get(run=result).request == second
    assert Unplaced.objects.get(run=result).reason == "cap"


def test_run_tells_each_participant_once_that_the_schedule_is_out(
    world, django_capture_on_commit_callbacks
) -> None:
    from portal.core.models import Notification

    accepted(world.anna, world.li)
    with django_capture_on_commit_callbacks(execute=True):
        result = run(world)
    announced = Notification.objects.filter(kind="schedule_published")
    assert {n.recipient for n in announced} == {
        world.anna.registration.person,
        world.li.registration.person,
    }
    # Run twice (a redelivered task): nothing more.
    assert services.schedule_announce(run_id=result.pk) == 0
    assert announced.count() == 2
    result.refresh_from_db()
    assert result.announced_at is not None
    anna = announced.get(recipient=world.anna.registration.person)
    # Anna reads Italian: the link is under /it/ whatever language the run was started in.
    assert anna.link == "/it/b2b/2031/agenda/"


def test_run_records_the_lower_bound_and_that_the_schedule_meets_it(world) -> None:
    accepted(world.anna, world.li)
    result = run(world)
    # One meeting: no break, and no placement has fewer, so the schedule is proved optimal.
    assert (result.breaks, result.lower_bound, result.proved_optimal, result.break_spread) == (
        0,
        0,
        True,
        0,
    )


def _figures(client, world, **fields) -> str:
    created = services.run_start(edition=world.edition, session=None, by=world.staff)
    SchedulingRun.objects.filter(pk=created.pk).update(status="done", **fields)
    client.force_login(world.staff)
    url = reverse("matchmaking:run", kwargs={"year": world.edition.year, "pk": created.pk})
    html = client.get(url).content.decode()
    start = html.index('<dl class="figures">')
    return " ".join(html[start : html.index("</dl>", start)].split())


def test_run_page_shows_breaks_the_bound_and_the_spread(client, world) -> None:
    figures = _figures(client, world, breaks=7, lower_bound=5, proved_optimal=False, break_spread=1)
    assert "<dt>Breaks</dt><dd>7</dd>" in figures
    assert "<dt>Lower bound</dt><dd>at best 5</dd>" in figures
    assert "<dt>Break spread</dt><dd>1</dd>" in figures


def test_run_page_says_optimal_when_the_breaks_meet_the_bound(client, world) -> None:
    figures = _figures(client, world, breaks=2, lower_bound=2, proved_optimal=True, break_spread=1)
    assert "<dt>Lower bound</dt><dd>optimal</dd>" in figures


def test_run_page_shows_no_bound_when_the_run_computed_none(client, world) -> None:
    figures = _figures(client, world, breaks=3, lower_bound=None, proved_optimal=False)
    assert "Lower bound" not in figures
    assert "<dt>Break spread</dt><dd>0</dd>" in figures
