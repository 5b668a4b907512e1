"""Staff pages: the grid with moves refused and explained, CSV, print, runs, feedback."""

import datetime as dt

import time_machine
from django.urls import reverse

from matchmaking.models import Meeting, Seat
from tests.factories import UserFactory
from tests.matchmaking.factories import accepted, participant
from tests.matchmaking.test_meetings import place


def test_grid_move_conflict_is_explained_in_the_page(client, world) -> None:
    mover = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    other = place(
        accepted(participant(world.edition, full_name="Marco Bianchi"), participant(world.edition)),
        world.slots[1],
        world.tables[1],
    )
    client.force_login(world.staff)
    url = reverse("matchmaking:move", kwargs={"year": world.edition.year, "pk": mover.pk})
    response = client.post(url, {"place": f"{world.slots[1].pk}:{world.tables[1].pk}"}, follow=True)
    assert "Table 2 is already taken in this slot by the meeting of Marco Bianchi." in (
        response.content.decode()
    )
    mover.refresh_from_db()
    assert (mover.slot, mover.table) == (world.slots[0], world.tables[0])
    assert Meeting.objects.get(pk=other.pk).table == world.tables[1]


def test_grid_move_with_a_foreign_slot_is_a_form_error(client, world) -> None:
    from tests.matchmaking.factories import SessionFactory

    mover = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    foreign = SessionFactory(tables=1)
    client.force_login(world.staff)
    url = reverse("matchmaking:move", kwargs={"year": world.edition.year, "pk": mover.pk})
    response = client.post(
        url, {"place": f"{foreign.slots.first().pk}:{world.tables[0].pk}"}, follow=True
    )
    assert "Choose a slot and a table of this session." in response.content.decode()


def test_grid_filter_and_csv_and_print(client, world) -> None:
    place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    place(
        accepted(participant(world.edition, full_name="Marco Bianchi"), participant(world.edition)),
        world.slots[1],
        world.tables[0],
    )
    client.force_login(world.staff)
    kwargs = {"year": world.edition.year, "pk": world.session.pk}
    grid = client.get(reverse("matchmaking:grid", kwargs=kwargs), {"who": "anna"})
    cells = [c["meeting"] for row in grid.context["rows"] for c in row["cells"] if c["meeting"]]
    assert [str(m.request.requester) for m in cells] == ["Anna Rossi"]
    csv = client.get(reverse("matchmaking:grid_csv", kwargs=kwargs)).content.decode()
    lines = csv.strip().splitlines()
    assert lines[0] == (
        "start,end,time_zone,table,requester,requester_org,recipient,recipient_org,locked"
    )
    assert lines[1] == (
        "2031-10-25T09:00:00+02:00,2031-10-25T09:30:00+02:00,Europe/Rome,Table 1,Anna Rossi,"
        "Politecnico di Bergamo,Li Wei,Shenzhen Robotics,no"
    )
    assert len(lines) == 3
    printed = client.get(reverse("matchmaking:grid_print", kwargs=kwargs)).content.decode()
    assert printed.count('class="table-sign"') == 2
    assert "No meeting at this table." in printed


def test_meeting_feedback_after_the_meeting_is_recorded(client, world) -> None:
    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    url = reverse("matchmaking:feedback", kwargs={"year": world.edition.year, "pk": meeting.pk})
    with time_machine.travel(dt.datetime(2031, 10, 25, 12, tzinfo=dt.UTC)):
        # Signed in inside the travelled time, or the session would have expired.
        client.force_login(world.anna.registration.person)
        response = client.post(
            url,
            {"outcome": "took_place", "rating": "4", "follow_up": "on", "comment": "Good"},
            follow=True,
        )
    assert "Thank you: your feedback is recorded." in response.content.decode(), [
        str(m) for m in response.context["messages"]
    ]
    seat = Seat.objects.get(meeting=meeting, participant=world.anna)
    assert (seat.outcome, seat.rating, seat.follow_up, seat.agreement_expected) == (
        "took_place",
        4,
        True,
        False,
    )
    client.force_login(world.staff)
    overview = client.get(
        reverse("matchmaking:feedback_overview", kwargs={"year": world.edition.year})
    )
    assert overview.context["figures"]["took_place"] == 1
    assert overview.context["figures"]["rating"] == 4


def test_home_links_an_org_admin_to_the_delegation_agenda(client, world) -> None:
    client.force_login(world.admin_a)
    page = client.get(reverse("matchmaking:requests", kwargs={"year": world.edition.year}))
    delegation = reverse(
        "matchmaking:delegation", kwargs={"year": world.edition.year, "slug": world.org_a.slug}
    )
    assert f'href="{delegation}"' in page.content.decode()
    agenda = client.get(delegation)
    assert agenda.status_code == 200


def test_grid_shows_twenty_tables_a_page(client, world) -> None:
    from matchmaking import services

    services.session_set_tables(session=world.session, count=25)
    tables = list(world.session.tables.order_by("number"))
    late = place(accepted(world.anna, world.li), world.slots[0], tables[21])
    client.force_login(world.staff)
    url = reverse("matchmaking:grid", kwargs={"year": world.edition.year, "pk": world.session.pk})

    first, second = client.get(url), client.get(url, {"page": 2})

    assert [t.number for t in first.context["tables"]] == list(range(1, 21))
    assert [t.number for t in second.context["tables"]] == [21, 22, 23, 24, 25]
    assert not [c for row in first.context["rows"] for c in row["cells"] if c["meeting"]]
    assert [
        c["meeting"] for row in second.context["rows"] for c in row["cells"] if c["meeting"]
    ] == [late]
    assert "Table 21 to Table 25" in second.content.decode()


def test_staff_move_from_the_meeting_page_and_see_the_result(client, world) -> None:
    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    kwargs = {"year": world.edition.year, "pk": meeting.pk}
    client.force_login(world.staff)

    page = client.get(reverse("matchmaking:meeting", kwargs=kwargs))
    form = page.context["move_form"]
    response = client.post(
        reverse("matchmaking:move", kwargs=kwargs),
        {"place": f"{world.slots[2].pk}:{world.tables[1].pk}"},
        follow=True,
    )

    assert [str(label) for label, _tables in form.fields["place"].widget.choices] == [
        "09:00 CEST",
        "09:30 CEST",
        "10:00 CEST",
        "10:30 CEST",
    ]
    assert response.redirect_chain[-1][0] == reverse("matchmaking:meeting", kwargs=kwargs)
    assert "The meeting was moved; both sides are told." in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table) == (world.slots[2], world.tables[1])


def test_participants_see_no_move_form(client, world) -> None:
    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    client.force_login(world.anna.registration.person)
    url = reverse("matchmaking:meeting", kwargs={"year": world.edition.year, "pk": meeting.pk})

    response = client.get(url)

    assert response.context["move_form"] is None
    assert "Move or cancel" not in response.content.decode()


def test_staff_lock_a_meeting_in_place_and_a_run_keeps_it(client, world) -> None:
    from matchmaking import services

    meeting = place(accepted(world.anna, world.li), world.slots[3], world.tables[1])
    kwargs = {"year": world.edition.year, "pk": meeting.pk}
    client.force_login(world.staff)

    response = client.post(reverse("matchmaking:lock", kwargs=kwargs), {"locked": "1"}, follow=True)
    run = services.run_start(edition=world.edition, by=world.staff)
    services.run_execute(run_id=run.pk)

    assert "The meeting is locked: scheduling runs leave it here." in response.content.decode()
    kept = Meeting.objects.get(request=meeting.request, status=Meeting.Status.SCHEDULED)
    assert (kept.pk, kept.slot, kept.table, kept.locked) == (
        meeting.pk,
        world.slots[3],
        world.tables[1],
        True,
    )
    client.post(reverse("matchmaking:lock", kwargs=kwargs), {"locked": "0"})
    kept.refresh_from_db()
    assert kept.locked is False


def test_a_cancelled_meeting_cannot_be_locked(client, world) -> None:
    from matchmaking import services

    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    services.meeting_cancel(meeting=meeting, by=world.staff)
    client.force_login(world.staff)
    url = reverse("matchmaking:lock", kwargs={"year": world.edition.year, "pk": meeting.pk})

    response = client.post(url, {"locked": "1"}, follow=True)

    assert "A cancelled meeting cannot be locked." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.locked is False


def test_b2b_menu_offers_only_the_pages_the_person_may_open(client, world) -> None:
    year = world.edition.year
    home = reverse("matchmaking:requests", kwargs={"year": year})
    pages = {
        name: reverse(f"matchmaking:{name}", kwargs={"year": year})
        for name in ("catalogue", "agenda", "availability")
    }

    def menu(user) -> list[str]:
        client.force_login(user)
        html = client.get(home).content.decode()
        return [name for name, url in pages.items() if f'href="{url}"' in html]

    def opens(user) -> list[str]:
        client.force_login(user)
        return [name for name, url in pages.items() if client.get(url).status_code == 200]

    outsider = UserFactory(full_name="Outsider")
    for user in (world.anna.registration.person, world.admin_a, world.staff, outsider):
        assert menu(user) == opens(user)
    assert menu(world.anna.registration.person) == ["catalogue", "agenda", "availability"]
    # An admin of a delegate's organisation and staff browse the catalogue, nothing else.
    assert menu(world.admin_a) == menu(world.staff) == ["catalogue"]
    assert menu(outsider) == []


def test_staff_page_links_the_admin_only_for_staff_the_admin_lets_in(client, world) -> None:
    year = world.edition.year
    admin_links = [
        reverse("admin:matchmaking_session_changelist") + f"?edition__id__exact={world.edition.pk}",
        reverse("admin:matchmaking_editionb2b_changelist"),
    ]

    def links(user) -> list[str]:
        client.force_login(user)
        html = client.get(reverse("matchmaking:staff", kwargs={"year": year})).content.decode()
        found = [url for url in admin_links if f'href="{url}"' in html]
        # The admin agrees: it opens exactly the pages offered.
        assert [client.get(url).status_code == 200 for url in admin_links] == [
            url in found for url in admin_links
        ]
        return found

    assert links(world.staff) == []
    assert links(UserFactory(is_staff=True, is_superuser=True)) == admin_links
