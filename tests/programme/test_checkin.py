"""Check-in at a venue's door: the service, the scan and search answers, the export."""

import csv
import datetime as dt
import io
import json
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from portal.core import cache_versions
from programme.badges.services import badge_issue, badge_token
from programme.checkin import queries, services
from programme.checkin.models import CheckIn
from programme.models import Registration
from tests.factories import EditionFactory, OrganisationFactory, UserFactory
from tests.programme.factories import RegistrationFactory, VenueFactory


@pytest.fixture
def door(world):
    """World's delegate confirmed with a badge, a venue of the edition, its first day."""
    world.staff.full_name = "Anna Bianchi"
    world.staff.save()
    world.registration.status = Registration.Status.CONFIRMED
    world.registration.save()
    badge_issue(registration=world.registration)
    world.delegate.native_name = "德乐"
    world.delegate.save()
    venue = VenueFactory(edition=world.edition, name_en="Kilometro Rosso")
    return world, venue, world.edition.days[0]


def _check_in(world, venue, day, client_id=None, **kwargs):
    return services.check_in(
        registration=world.registration,
        venue=venue,
        day=day,
        by=world.staff,
        client_id=client_id or uuid.uuid4(),
        **kwargs,
    )


def test_check_in_records_once_per_venue_and_day(door) -> None:
    world, venue, day = door
    first = _check_in(world, venue, day)
    second = _check_in(world, venue, day)
    assert (first.created, second.created, second.replay) == (True, False, False)
    assert second.check_in.pk == first.check_in.pk
    assert CheckIn.objects.count() == 1


def test_check_in_replay_of_a_scan_returns_the_original(door) -> None:
    world, venue, day = door
    scan = uuid.uuid4()
    first = _check_in(world, venue, day, client_id=scan)
    # Replayed later, from a phone that was offline: still the same row, told "checked in".
    again = _check_in(world, venue, day, client_id=scan)
    assert (again.created, again.replay, again.check_in.pk) == (False, True, first.check_in.pk)
    assert CheckIn.objects.count() == 1


def test_check_in_at_another_venue_or_day_is_another_row(door) -> None:
    world, venue, day = door
    other = VenueFactory(edition=world.edition)
    _check_in(world, venue, day)
    _check_in(world, other, day)
    _check_in(world, venue, world.edition.days[1])
    assert CheckIn.objects.count() == 3


def test_check_in_refuses_a_day_or_venue_not_of_the_edition(door) -> None:
    world, venue, day = door
    with pytest.raises(ValidationError) as refused:
        _check_in(world, venue, day - dt.timedelta(days=1))
    assert str(refused.value) == "This day is not one of this edition's days."
    with pytest.raises(ValidationError) as refused:
        _check_in(world, VenueFactory(), day)
    assert str(refused.value) == "This venue is not one of this edition's venues."
    assert CheckIn.objects.count() == 0


def test_check_in_bumps_the_figures_token_after_commit(door, django_capture_on_commit_callbacks):
    world, venue, day = door
    before = cache_versions.token(services.CACHE_TOKEN)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _check_in(world, venue, day)
        assert cache_versions.token(services.CACHE_TOKEN) == before  # not before commit
    assert len(callbacks) == 1
    assert cache_versions.token(services.CACHE_TOKEN) != before
    with django_capture_on_commit_callbacks() as callbacks:
        _check_in(world, venue, day)  # nothing new: nothing to bump
    assert callbacks == []


# The scan answer.


def _scan(client, world, venue, day, /, **fields):
    data = {"venue": venue.pk, "day": day.isoformat(), "client_id": str(uuid.uuid4()), **fields}
    return client.post(
        reverse("programme:checkin_scan", kwargs={"year": world.edition.year}),
        data,
        headers={"Accept": "application/json"},
    )


def test_scan_of_a_badge_checks_the_person_in(client, door) -> None:
    world, venue, day = door
    client.force_login(world.staff)
    response = _scan(client, world, venue, day, token=badge_token(world.registration))
    assert response.status_code == 200
    assert response.json() == {
        "status": "checked_in",
        "message": "Checked in",
        "person": {
            "name": "Delegate One",
            "native_name": "德乐",
            "organisation": "Università A",
            "organisation_native": "",
            "country": "Italy",
            "role": "Delegate",
        },
    }
    row = CheckIn.objects.get()
    assert (row.registration, row.venue, row.day, row.checked_in_by) == (
        world.registration, venue, day, world.staff,
    )  # fmt: skip
    assert "@" not in response.content.decode()


def test_second_scan_says_when_and_by_whom(client, door) -> None:
    world, venue, day = door
    at = dt.datetime(2026, 10, 25, 9, 12, tzinfo=world.edition.zone)
    _check_in(world, venue, day, at=at)
    client.force_login(world.staff)
    response = _scan(client, world, venue, day, code=world.registration.badge_code.lower())
    answer = response.json()
    assert (answer["status"], answer["message"]) == (
        "already", "Already checked in at 09:12 by Anna Bianchi",
    )  # fmt: skip
    assert CheckIn.objects.count() == 1


def test_replayed_scan_keeps_the_phones_time(client, door) -> None:
    world, venue, day = door
    client.force_login(world.staff)
    scanned = timezone.now().replace(microsecond=0) - dt.timedelta(minutes=20)
    scan_id = str(uuid.uuid4())
    for _ in range(2):
        response = _scan(
            client, world, venue, day, client_id=scan_id, code=world.registration.badge_code,
            scanned_at=scanned.isoformat(),
        )  # fmt: skip
        assert response.json()["status"] == "checked_in"
    assert list(CheckIn.objects.values_list("checked_in_at", flat=True)) == [scanned]


@pytest.mark.parametrize("kind", ["forged", "altered", "revoked", "unknown code", "cancelled"])
def test_scan_of_a_bad_badge_is_not_valid_and_records_nothing(client, door, kind) -> None:
    world, venue, day = door
    token = badge_token(world.registration)
    fields = {"token": token}
    if kind == "forged":
        fields = {"token": f"{world.edition.pk}.ABCDEFGH:forgedsignature"}
    elif kind == "altered":
        fields = {"token": token.replace(world.registration.badge_code[:1], "Z", 1)}
        if fields["token"] == token:
            fields = {"token": token[:-1] + ("A" if token[-1] != "A" else "B")}
    elif kind == "revoked":
        badge_issue(registration=world.registration, reprint=True)
    elif kind == "unknown code":
        fields = {"code": "ZZZZ-ZZZZ"}
    elif kind == "cancelled":
        Registration.objects.filter(pk=world.registration.pk).update(status="cancelled")
    client.force_login(world.staff)
    response = _scan(client, world, venue, day, **fields)
    assert response.json() == {"status": "invalid", "message": "This badge is not valid."}
    assert CheckIn.objects.count() == 0


def test_scan_of_another_editions_badge_names_it(client, door) -> None:
    world, venue, day = door
    other = EditionFactory(title_en="30th China–Italy Week")
    theirs = RegistrationFactory(edition=other, status=Registration.Status.CONFIRMED)
    badge_issue(registration=theirs)
    client.force_login(world.staff)
    response = _scan(client, world, venue, day, token=badge_token(theirs))
    assert response.json() == {
        "status": "other_edition",
        "message": "This badge is for another edition: 30th China–Italy Week.",
    }
    assert CheckIn.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("venue", "999999", "This venue is not one of this edition's venues."),
        ("venue", "x", "This venue is not one of this edition's venues."),
        ("day", "1999-01-01", "This day is not one of this edition's days."),
        ("day", "not a day", "Enter a valid date."),
        ("client_id", "1", "Enter a valid UUID."),
    ],
)
def test_scan_with_a_bad_place_is_a_clear_error(client, door, field, value, message) -> None:
    world, venue, day = door
    client.force_login(world.staff)
    response = _scan(
        client, world, venue, day, code=world.registration.badge_code, **{field: value}
    )
    assert response.status_code == 400
    assert response.json() == {"status": "error", "message": message}
    assert CheckIn.objects.count() == 0


def test_scan_of_a_venue_of_another_edition_is_refused(client, door) -> None:
    world, _venue, day = door
    client.force_login(world.staff)
    response = _scan(client, world, VenueFactory(), day, code=world.registration.badge_code)
    assert response.json()["message"] == "This venue is not one of this edition's venues."
    assert CheckIn.objects.count() == 0


def test_plain_form_checks_in_by_name_and_redirects_with_a_message(client, door) -> None:
    world, venue, day = door
    client.force_login(world.staff)
    url = reverse("programme:checkin_scan", kwargs={"year": world.edition.year})
    data = {
        "venue": venue.pk, "day": day.isoformat(), "client_id": str(uuid.uuid4()),
        "registration": world.registration.pk,
    }  # fmt: skip
    response = client.post(url, data, follow=True)
    assert response.redirect_chain[0][0] == (
        f"/en/week/{world.edition.year}/staff/check-in/?venue={venue.pk}&day={day.isoformat()}"
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Delegate One of Università A: Checked in"
    ]
    assert CheckIn.objects.count() == 1


def test_name_of_a_registration_of_another_edition_is_not_valid(client, door) -> None:
    world, venue, day = door
    theirs = RegistrationFactory(status=Registration.Status.CONFIRMED)
    client.force_login(world.staff)
    response = _scan(client, world, venue, day, registration=theirs.pk)
    assert response.json()["status"] == "invalid"


# The page and the name search.


def test_search_finds_confirmed_people_of_the_edition_by_part_of_a_name(client, door) -> None:
    world, _venue, _day = door
    RegistrationFactory(  # pending: not at the door
        edition=world.edition, person=UserFactory(full_name="Delegate Two")
    )
    RegistrationFactory(  # another edition
        person=UserFactory(full_name="Delegate Three"), status=Registration.Status.CONFIRMED
    )
    client.force_login(world.staff)
    url = reverse("programme:checkin_search", kwargs={"year": world.edition.year})
    response = client.get(url, {"q": "delegàte"}, headers={"Accept": "application/json"})
    assert response.json() == {
        "results": [
            {
                "id": world.registration.pk,
                "name": "Delegate One",
                "native_name": "德乐",
                "organisation": "Università A",
                "organisation_native": "",
                "country": "Italy",
                "role": "Delegate",
            }
        ]
    }
    assert client.get(url, {"q": "德"}).json()["results"][0]["id"] == world.registration.pk


def test_page_defaults_to_the_remembered_venue_and_lists_names(client, door) -> None:
    world, venue, day = door
    VenueFactory(edition=world.edition, name_en="Another hall")
    client.force_login(world.staff)
    url = reverse("programme:checkin", kwargs={"year": world.edition.year})
    client.get(url, {"venue": venue.pk, "day": day.isoformat()})
    response = client.get(url, {"venue": venue.pk, "day": day.isoformat(), "q": "one"})
    assert response.context["found"] == [world.registration]
    page = client.get(url)  # no choice made: the venue this session used last
    assert page.context["place"].cleaned_data["venue"] == venue
    assert page.context["place"].cleaned_data["day"] == day  # the edition is not running today
    body = page.content.decode()
    assert "delegate@example.org" not in body
    assert f'data-venue="{venue.pk}"' in body


def test_page_with_an_unknown_venue_or_day_says_so(client, door) -> None:
    world, _venue, _day = door
    client.force_login(world.staff)
    url = reverse("programme:checkin", kwargs={"year": world.edition.year})
    response = client.get(url, {"venue": "424242", "day": "2001-01-01"})
    assert response.status_code == 200
    assert response.context["place"].errors == {
        "venue": ["This venue is not one of this edition's venues."],
        "day": ["This day is not one of this edition's days."],
    }
    assert 'id="checkin"' not in response.content.decode()


def test_page_of_an_edition_without_venues_says_what_to_do(client, world) -> None:
    client.force_login(world.staff)
    response = client.get(reverse("programme:checkin", kwargs={"year": world.edition.year}))
    assert response.status_code == 200
    assert "This edition has no venues yet" in response.content.decode()


# The export.


def test_attendance_csv_lists_who_came_at_the_venue_that_day(client, door) -> None:
    world, venue, day = door
    at = dt.datetime(2026, 10, 25, 9, 12, tzinfo=world.edition.zone)
    _check_in(world, venue, day, at=at)
    late = RegistrationFactory(
        edition=world.edition,
        person=UserFactory(full_name="Li Wei"),
        organisation=OrganisationFactory(name_en="Institute B", country="CN"),
        role=Registration.Role.SPEAKER,
        status=Registration.Status.CONFIRMED,
    )
    services.check_in(
        registration=late, venue=venue, day=day, by=world.staff, client_id=uuid.uuid4(),
        at=at + dt.timedelta(minutes=5),
    )  # fmt: skip
    _check_in(world, venue, world.edition.days[1])  # another day: not in this export
    client.force_login(world.staff)
    url = reverse("programme:attendance_csv", kwargs={"year": world.edition.year})
    response = client.get(url, {"venue": venue.pk, "day": day.isoformat()})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    place = f"Kilometro Rosso, {venue.city}"
    assert rows == [
        ["day", "venue", "checked_in_at", "time_zone", "name", "native_name", "organisation",
         "country", "role", "checked_in_by"],
        [day.isoformat(), place, "2026-10-25T09:12:00+01:00", "Europe/Rome", "Delegate One",
         "德乐", "Università A", "IT", "delegate", "Anna Bianchi"],
        [day.isoformat(), place, "2026-10-25T09:17:00+01:00", "Europe/Rome", "Li Wei", "",
         "Institute B", "CN", "speaker", "Anna Bianchi"],
    ]  # fmt: skip


def test_attendance_csv_without_a_place_is_a_clear_error(client, door) -> None:
    world, _venue, _day = door
    client.force_login(world.staff)
    url = reverse("programme:attendance_csv", kwargs={"year": world.edition.year})
    response = client.get(url, {"venue": "x", "day": "2001-01-01"})
    assert response.status_code == 400
    assert response.content.decode() == (
        "This venue is not one of this edition's venues. "
        "This day is not one of this edition's days."
    )


def test_attendance_csv_queries_do_not_grow_with_rows(client, door, django_assert_num_queries):
    world, venue, day = door
    client.force_login(world.staff)
    url = reverse("programme:attendance_csv", kwargs={"year": world.edition.year})
    params = {"venue": venue.pk, "day": day.isoformat()}
    _check_in(world, venue, day)
    client.get(url, params)  # warm the session
    with django_assert_num_queries(5) as one:
        client.get(url, params)
    for _ in range(3):
        other = RegistrationFactory(edition=world.edition, status=Registration.Status.CONFIRMED)
        services.check_in(
            registration=other, venue=venue, day=day, by=world.staff, client_id=uuid.uuid4()
        )
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(url, params).content.decode().splitlines()) == 5


def test_absent_on_says_nothing_before_the_doors_open(door) -> None:
    world, venue, day = door
    other = RegistrationFactory(edition=world.edition, status=Registration.Status.CONFIRMED)
    ids = [world.registration.pk, other.pk]
    assert queries.absent_on(world.edition, day, ids) == set()
    _check_in(world, venue, day)
    assert queries.absent_on(world.edition, day, ids) == {other.pk}
    assert queries.absent_on(world.edition, world.edition.days[1], ids) == set()


def test_json_answers_are_json(client, door) -> None:
    world, venue, day = door
    client.force_login(world.staff)
    response = _scan(client, world, venue, day, code=world.registration.badge_code)
    assert response["Content-Type"] == "application/json"
    json.loads(response.content)


@pytest.mark.parametrize("people", [1, 6])
def test_name_search_queries_do_not_grow_with_rows(
    client, door, django_assert_num_queries, people
) -> None:
    world, venue, day = door
    for n in range(people - 1):
        RegistrationFactory(
            edition=world.edition,
            person=UserFactory(full_name=f"Delegate {n + 2}"),
            status=Registration.Status.CONFIRMED,
        )
    client.force_login(world.staff)
    search_url = reverse("programme:checkin_search", kwargs={"year": world.edition.year})
    page_url = reverse("programme:checkin", kwargs={"year": world.edition.year})
    place = {"venue": venue.pk, "day": day.isoformat(), "q": "delegate"}
    # user, edition and its host cities, the registrations with people and organisations
    with django_assert_num_queries(4):
        assert len(client.get(search_url, {"q": "delegate"}).json()["results"]) == people
    # The page: the same, plus the venues (checked, counted, listed, and read again by the
    # select's `required` test), the remembered venue's session save and the header's unread
    # count; measured, and the same for 1 and 6 people.
    with django_assert_num_queries(12):
        assert len(client.get(page_url, place).context["found"]) == people


def test_admin_lists_check_ins_but_makes_none(client, door) -> None:
    world, venue, day = door
    _check_in(world, venue, day)
    world.staff.is_superuser = True
    world.staff.save()
    client.force_login(world.staff)
    response = client.get("/en/admin/programme/checkin/")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    assert client.get("/en/admin/programme/checkin/add/").status_code == 403


def test_page_of_an_edition_without_dates_is_no_error(client, world) -> None:
    edition = EditionFactory(start_date=None, end_date=None, period="November 2015")
    VenueFactory(edition=edition)
    client.force_login(world.staff)
    response = client.get(reverse("programme:checkin", kwargs={"year": edition.year}))
    assert response.status_code == 200
    assert response.context["place"].errors == {"day": ["This field is required."]}
