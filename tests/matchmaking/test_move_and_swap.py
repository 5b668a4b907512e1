"""Moving without trial and error: the free places of both people, swaps, free cells."""

import pytest
from django.urls import reverse

from matchmaking import queries, services
from matchmaking.models import Meeting, Seat
from portal.core.models import Notification
from portal.core.services.common import Refused
from tests.matchmaking.factories import accepted, participant
from tests.matchmaking.test_meetings import place


def _places(meeting: Meeting) -> dict:
    meeting.refresh_from_db()
    seats = sorted(meeting.seats.values_list("participant_id", "slot_id"))
    return {"slot": meeting.slot_id, "table": meeting.table_id, "seats": seats}


def test_move_options_are_the_slots_where_both_are_free_with_their_free_tables(world) -> None:
    s, t = world.slots, world.tables
    meeting = place(accepted(world.anna, world.li), s[0], t[0])
    place(accepted(world.anna, participant(world.edition, country="CN")), s[1], t[1])
    place(accepted(participant(world.edition), participant(world.edition)), s[2], t[0])
    services.participant_set_unavailable(participant=world.li, slots=[s[3]])

    options = queries.move_options(meeting)

    assert [(slot, tables) for slot, tables in options] == [(s[0], [t[0], t[1]]), (s[2], [t[1]])]


def test_move_options_leave_out_a_table_reserved_for_someone_else(world) -> None:
    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    other = participant(world.edition)
    world.tables[1].reserved_for = other
    world.tables[1].save()

    options = queries.move_options(meeting)

    assert [tables for _slot, tables in options] == [[world.tables[0]]] * 4


def test_meeting_page_move_form_lists_free_places_and_preselects_the_current_one(
    client, world
) -> None:
    s, t = world.slots, world.tables
    meeting = place(accepted(world.anna, world.li), s[1], t[1])
    place(accepted(world.anna, participant(world.edition, country="CN")), s[0], t[0])
    place(accepted(participant(world.edition), participant(world.edition)), s[2], t[0])
    client.force_login(world.staff)

    page = client.get(
        reverse("matchmaking:meeting", kwargs={"year": world.edition.year, "pk": meeting.pk})
    )

    form = page.context["move_form"]

    def at(slot, table) -> tuple[str, str]:
        return (f"{slot.pk}:{table.pk}", str(table))

    assert form.fields["place"].widget.choices == [
        ("09:30 CEST", [at(s[1], t[0]), at(s[1], t[1])]),
        ("10:00 CEST", [at(s[2], t[1])]),
        ("10:30 CEST", [at(s[3], t[0]), at(s[3], t[1])]),
    ]
    html = page.content.decode()
    assert f'<option value="{s[1].pk}:{t[1].pk}" selected>Table 2</option>' in html
    assert '<optgroup label="10:00 CEST">' in html


def test_move_into_a_slot_that_became_full_meanwhile_is_refused_and_changes_nothing(
    client, world
) -> None:
    s, t = world.slots, world.tables
    meeting = place(accepted(world.anna, world.li), s[0], t[0])
    place(accepted(participant(world.edition), participant(world.edition)), s[3], t[0])
    client.force_login(world.staff)
    kwargs = {"year": world.edition.year, "pk": meeting.pk}
    page = client.get(reverse("matchmaking:meeting", kwargs=kwargs))
    offered = f"{s[3].pk}:{t[1].pk}"
    assert offered in dict(page.context["move_form"].fields["place"].widget.choices[-1][1])
    # Meanwhile another pair takes the last table of that slot.
    place(accepted(participant(world.edition), participant(world.edition)), s[3], t[1])
    before = _places(meeting)

    response = client.post(
        reverse("matchmaking:move", kwargs=kwargs), {"place": offered}, follow=True
    )

    assert "This slot is full: all 2 tables are taken." in response.content.decode()
    assert _places(meeting) == before
    assert not Notification.objects.filter(kind="meeting_moved").exists()


def test_move_with_a_place_of_another_session_is_a_form_error(client, world) -> None:
    from tests.matchmaking.factories import SessionFactory

    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    foreign = SessionFactory(tables=1)
    client.force_login(world.staff)
    kwargs = {"year": world.edition.year, "pk": meeting.pk}
    for place_value in (f"{foreign.slots.first().pk}:{world.tables[1].pk}", "x:y", ""):
        response = client.post(
            reverse("matchmaking:move", kwargs=kwargs), {"place": place_value}, follow=True
        )
        assert "Choose a slot and a table of this session." in response.content.decode()
    assert _places(meeting)["slot"] == world.slots[0].pk


def _two_meetings(world):
    marco = participant(world.edition, full_name="Marco Bianchi")
    chen = participant(world.edition, country="CN", full_name="Chen Jing")
    first = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    second = place(accepted(marco, chen), world.slots[2], world.tables[1])
    return first, second, marco, chen


def test_swap_exchanges_slots_and_tables_locks_both_and_tells_each_person_once(world) -> None:
    first, second, marco, chen = _two_meetings(world)
    Seat.objects.filter(meeting=first, participant=world.anna).update(comment="kept")

    services.meeting_swap(meeting=first, other=second, by=world.staff)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.slot, first.table, first.locked) == (world.slots[2], world.tables[1], True)
    assert (second.slot, second.table, second.locked) == (world.slots[0], world.tables[0], True)
    assert (first.status, second.status) == ("scheduled", "scheduled")
    assert set(first.seats.values_list("participant_id", "slot_id")) == {
        (world.anna.pk, world.slots[2].pk),
        (world.li.pk, world.slots[2].pk),
    }
    assert set(second.seats.values_list("participant_id", "slot_id")) == {
        (marco.pk, world.slots[0].pk),
        (chen.pk, world.slots[0].pk),
    }
    assert first.seats.get(participant=world.anna).comment == "kept"
    told = Notification.objects.filter(kind="meeting_moved")
    assert sorted(n.recipient_id for n in told) == sorted(
        p.registration.person_id for p in (world.anna, world.li, marco, chen)
    )
    to_marco = told.get(recipient=marco.registration.person)
    assert to_marco.subject == "Your meeting with Chen Jing has a new time"
    assert (
        "Your meeting with Chen Jing of "
        f"{chen.registration.organisation.name} moved from 25 October 2031, 10:00 (Italy time,"
        " CEST) to 25 October 2031, 09:00 (Italy time, CEST), Table 1, "
    ) in to_marco.body_text


def test_swap_of_two_meetings_of_one_person_tells_that_person_once_with_both(world) -> None:
    chen = participant(world.edition, country="CN", full_name="Chen Jing")
    first = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    second = place(accepted(world.anna, chen), world.slots[1], world.tables[1])

    services.meeting_swap(meeting=first, other=second, by=world.staff)

    assert _places(first)["slot"] == world.slots[1].pk
    assert _places(second)["slot"] == world.slots[0].pk
    to_anna = Notification.objects.filter(
        kind="meeting_moved", recipient=world.anna.registration.person
    )
    assert to_anna.count() == 1
    body = to_anna.get().body_text
    # Anna reads Italian: both lines, in the order of their new times.
    assert to_anna.get().subject == "Gli orari dei Suoi incontri B2B sono cambiati"
    assert body.index("Chen Jing") < body.index("Li Wei")
    assert Notification.objects.filter(kind="meeting_moved").count() == 3


def test_swap_when_a_side_is_busy_in_the_other_slot_is_refused_and_changes_nothing(
    world,
) -> None:
    first, second, marco, _chen = _two_meetings(world)
    place(accepted(marco, participant(world.edition)), world.slots[0], world.tables[1])
    before = (_places(first), _places(second))

    with pytest.raises(Refused) as error:
        services.meeting_swap(meeting=first, other=second, by=world.staff)

    assert str(error.value) == (
        "Marco Bianchi already has another meeting at 25 October 2031, 09:00 (Italy time, CEST)."
    )
    assert (_places(first), _places(second)) == before
    assert not Notification.objects.exists()


def test_swap_into_a_slot_a_side_cannot_attend_is_refused(world) -> None:
    first, second, _marco, _chen = _two_meetings(world)
    services.participant_set_unavailable(participant=world.li, slots=[world.slots[2]])

    with pytest.raises(Refused) as error:
        services.meeting_swap(meeting=first, other=second, by=world.staff)

    assert str(error.value) == "Li Wei cannot attend at 25 October 2031, 10:00 (Italy time, CEST)."
    assert _places(first)["slot"] == world.slots[0].pk


def test_swap_onto_a_table_reserved_for_someone_else_is_refused(world) -> None:
    first, second, _marco, _chen = _two_meetings(world)
    world.tables[0].reserved_for = world.anna
    world.tables[0].save()

    with pytest.raises(Refused) as error:
        services.meeting_swap(meeting=second, other=first, by=world.staff)

    assert str(error.value) == "Table 1 is reserved for Anna Rossi."


def test_swap_with_a_cancelled_meeting_or_itself_is_refused(world) -> None:
    first, second, _marco, _chen = _two_meetings(world)
    with pytest.raises(Refused) as itself:
        services.meeting_swap(meeting=first, other=first, by=world.staff)
    services.meeting_cancel(meeting=second, by=world.staff)

    with pytest.raises(Refused) as cancelled:
        services.meeting_swap(meeting=first, other=second, by=world.staff)

    assert str(itself.value) == "Choose another meeting to swap with."
    assert str(cancelled.value) == "A cancelled meeting cannot be moved."


def test_swap_candidates_are_meetings_in_slots_where_both_are_free(world) -> None:
    first, second, _marco, _chen = _two_meetings(world)
    own = place(accepted(world.li, participant(world.edition)), world.slots[1], world.tables[1])
    anna_own = place(
        accepted(world.anna, participant(world.edition)), world.slots[3], world.tables[1]
    )
    place(
        accepted(participant(world.edition), participant(world.edition)),
        *world.slots[3:],
        world.tables[0],
    )

    # Their own other meetings are candidates (the swap frees that slot); another pair's
    # meeting in a slot where Anna is busy is not.
    assert queries.swap_candidates(first) == [own, second, anna_own]


def test_staff_swap_from_the_meeting_page(client, world) -> None:
    first, second, _marco, _chen = _two_meetings(world)
    client.force_login(world.staff)
    kwargs = {"year": world.edition.year, "pk": first.pk}

    page = client.get(reverse("matchmaking:meeting", kwargs=kwargs))
    response = client.post(
        reverse("matchmaking:swap", kwargs=kwargs), {"other": second.pk}, follow=True
    )

    labels = [label for _value, label in page.context["swap_form"].fields["other"].choices]
    assert labels == ["---------", "10:00 CEST · Table 2 · Marco Bianchi – Chen Jing"]
    assert response.redirect_chain[-1][0] == reverse("matchmaking:meeting", kwargs=kwargs)
    assert "The two meetings were swapped; each person concerned is told." in (
        response.content.decode()
    )
    assert _places(first)["slot"] == world.slots[2].pk


def test_staff_swap_refusal_is_explained_in_the_page(client, world) -> None:
    first, second, marco, _chen = _two_meetings(world)
    place(accepted(marco, participant(world.edition)), world.slots[0], world.tables[1])
    client.force_login(world.staff)
    kwargs = {"year": world.edition.year, "pk": first.pk}

    response = client.post(
        reverse("matchmaking:swap", kwargs=kwargs), {"other": second.pk}, follow=True
    )
    bad = client.post(reverse("matchmaking:swap", kwargs=kwargs), {"other": "x"}, follow=True)

    assert (
        "Marco Bianchi already has another meeting at 25 October 2031, 09:00 (Italy time, CEST)."
        in response.content.decode()
    )
    assert "Choose another meeting of this session." in bad.content.decode()
    assert _places(first)["slot"] == world.slots[0].pk


def test_participants_cannot_swap(client, world) -> None:
    first, second, _marco, _chen = _two_meetings(world)
    client.force_login(world.anna.registration.person)
    url = reverse("matchmaking:swap", kwargs={"year": world.edition.year, "pk": first.pk})

    response = client.post(url, {"other": second.pk})

    assert response.status_code in (302, 403)
    assert _places(first)["slot"] == world.slots[0].pk


def test_grid_marks_free_cells_but_not_meetings_hidden_by_the_search(client, world) -> None:
    place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    world.tables[1].reserved_for = world.anna
    world.tables[1].save()
    client.force_login(world.staff)
    url = reverse("matchmaking:grid", kwargs={"year": world.edition.year, "pk": world.session.pk})

    response = client.get(url, {"who": "nobody"})

    free = [[c["free"] for c in row["cells"]] for row in response.context["rows"]]
    assert free == [[False, True], [True, True], [True, True], [True, True]]
    html = response.content.decode()
    assert html.count('<span class="free">free</span>') == 3
    assert html.count('<span class="free">free (reserved)</span>') == 4
