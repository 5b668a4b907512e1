"""The figures page counts the people checked in at the doors, beside those registered."""

import datetime as dt
import uuid

import pytest

from programme.checkin import services
from programme.models import Registration
from tests.factories import EditionFactory, OrganisationFactory, UserFactory
from tests.programme.factories import RegistrationFactory, VenueFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _attendance(response) -> dict[str, list]:
    return {t.slug: t.rows for t in response.context["edition"].attendance}


def _registered(edition, country: str, role: str = "delegate") -> Registration:
    return RegistrationFactory(
        edition=edition,
        organisation=OrganisationFactory(country=country),
        role=role,
        status=Registration.Status.CONFIRMED,
    )


def _in(registration, venue, day, staff) -> None:
    services.check_in(
        registration=registration, venue=venue, day=day, by=staff, client_id=uuid.uuid4()
    )


def test_figures_show_no_attendance_without_check_ins(client, db) -> None:
    edition = EditionFactory(year=2031, reported_participants=2000)
    _registered(edition, "IT")
    response = client.get("/en/figures/?edition=2031")
    assert response.context["edition"].attendance == []
    assert "At the doors" not in response.content.decode()


def test_figures_count_people_checked_in_by_day_venue_country_and_role(
    client, db, django_capture_on_commit_callbacks
) -> None:
    edition = EditionFactory(
        year=2031,
        reported_participants=2000,
        reported_participants_italy=1500,
        reported_participants_china=650,
    )
    staff = UserFactory(is_staff=True)
    fiera = VenueFactory(edition=edition, name_en="Fiera")
    kilometro = VenueFactory(edition=edition, name_en="Kilometro Rosso", city=fiera.city)
    first, second = edition.days[:2]
    rossi, bianchi = _registered(edition, "IT"), _registered(edition, "IT", "speaker")
    li = _registered(edition, "CN")
    _registered(edition, "CN")  # registered, never came
    _registered(edition, "FR", "press")
    with django_capture_on_commit_callbacks(execute=True):
        _in(rossi, fiera, first, staff)
        _in(rossi, kilometro, first, staff)
        _in(rossi, fiera, second, staff)  # the same person on another day: counted once below
        _in(bianchi, fiera, first, staff)
        _in(li, fiera, second, staff)
    response = client.get("/en/figures/?edition=2031")
    city = fiera.city
    assert _attendance(response) == {
        "2031-checked-in-by-day": [
            (f"25 October 2031 · Fiera, {city}", [2]),
            (f"25 October 2031 · Kilometro Rosso, {city}", [1]),
            (f"26 October 2031 · Fiera, {city}", [2]),
        ],
        "2031-checked-in-by-country": [
            ("Italy", [1500, 2, 2]),
            ("China", [650, 2, 1]),
            ("Other countries", [None, 1, 0]),
            ("All", [2000, 5, 3]),
        ],
        "2031-checked-in-by-role": [
            ("Delegate", [3, 2]),
            ("Speaker", [1, 1]),
            ("Exhibitor", [0, 0]),
            ("Startup pitch", [0, 0]),
            ("Press", [1, 0]),
        ],
    }
    assert "At the doors: people checked in" in response.content.decode()


def test_figures_are_fresh_after_each_check_in(
    client, db, django_capture_on_commit_callbacks
) -> None:
    edition = EditionFactory(year=2031)
    venue = VenueFactory(edition=edition)
    staff = UserFactory(is_staff=True)
    people = [_registered(edition, "IT") for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        _in(people[0], venue, edition.days[0], staff)
    first = client.get("/en/figures/?edition=2031")
    assert _attendance(first)["2031-checked-in-by-country"][-1] == ("All", [None, 2, 1])
    with django_capture_on_commit_callbacks(execute=True):
        _in(people[1], venue, edition.days[0], staff)
    # No cache cleared by hand: the check-in's token made the cached figures stale.
    again = client.get("/en/figures/?edition=2031")
    assert _attendance(again)["2031-checked-in-by-country"][-1] == ("All", [None, 2, 2])
    assert "<td>2</td>" in again.content.decode().split("At the doors")[1]


def test_demonstration_check_ins_are_not_in_the_figures(client, db) -> None:
    real = EditionFactory(year=2031)
    demo = EditionFactory(year=2099, is_demo=True, start_date=dt.date(2099, 10, 27))
    venue = VenueFactory(edition=demo)
    _in(_registered(demo, "IT"), venue, demo.days[0], UserFactory(is_staff=True))
    response = client.get("/en/figures/")
    assert [e.year for e in response.context["editions"]] == [real.year]
    assert response.context["edition"].attendance == []
    # Shown apart, under the demonstration notice, so staff trying the doors see their scan.
    [shown] = response.context["demo_editions"]
    assert shown.year == 2099
    assert {t.slug: t.rows for t in shown.attendance} == {
        "2099-checked-in-by-day": [(f"27 October 2099 · {venue}", [1])],
        "2099-checked-in-by-role": [
            ("Delegate", [1, 1]),
            ("Speaker", [0, 0]),
            ("Exhibitor", [0, 0]),
            ("Startup pitch", [0, 0]),
            ("Press", [0, 0]),
        ],
    }
    page = response.content.decode()
    demo_part = page.split('id="demo-heading"')[1]
    assert "Demonstration: people checked in at the doors" in demo_part
    assert "They count in none of the programme" in demo_part


def test_no_demonstration_section_without_demonstration_check_ins(client, db) -> None:
    EditionFactory(year=2031)
    EditionFactory(year=2099, is_demo=True, start_date=dt.date(2099, 10, 27))
    response = client.get("/en/figures/")
    assert response.context["demo_editions"] == []
    assert 'id="demo-heading"' not in response.content.decode()


def test_attendance_tables_are_csv_for_staff(client, db) -> None:
    edition = EditionFactory(year=2031)
    venue = VenueFactory(edition=edition, name_en="Fiera")
    staff = UserFactory(is_staff=True)
    _in(_registered(edition, "IT"), venue, edition.days[0], staff)
    client.force_login(staff)
    response = client.get("/en/figures/2031-checked-in-by-role.csv")
    assert response.status_code == 200
    assert response.content.decode().splitlines()[:2] == [
        'Role,"Participants (registered, live)",Checked in (live)',
        "Delegate,1,1",
    ]
