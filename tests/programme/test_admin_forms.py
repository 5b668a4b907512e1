"""Staff enter sessions in the edition's zone; bad times are clear form errors."""

import datetime as dt

import pytest
from django.contrib.admin.sites import site
from django.db import IntegrityError
from django.test import RequestFactory
from django.utils import timezone

from programme.admin_forms import EditionAdminForm, ProgrammeSessionAdminForm
from programme.models import Edition, ProgrammeSession
from tests.factories import CityFactory, EditionFactory, UserFactory
from tests.programme.factories import ProgrammeSessionFactory, VenueFactory


def _data(edition, city, **overrides) -> dict:
    data = {
        "edition": edition.pk,
        "slug": "forum",
        "kind": "plenary",
        "title_en": "Forum",
        "city": city.pk,
        "start_0": f"{edition.start_date:%Y-%m-%d}",
        "start_1": "09:30",
        "end_0": f"{edition.start_date:%Y-%m-%d}",
        "end_1": "11:00",
    }
    data.update(overrides)
    return data


@pytest.fixture
def edition(db):
    return EditionFactory(year=2033, ordinal=33, host_country="CN", time_zone="Asia/Shanghai")


def _admin_form(model, data=None, instance=None):
    """The form class the admin builds (translated fields, split date and time widgets)."""
    request = RequestFactory().get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    form_class = site._registry[model].get_form(request, obj=instance)
    return form_class(data, instance=instance)


def _form(data):
    return _admin_form(ProgrammeSession, data)


def test_times_are_read_in_the_editions_zone(edition) -> None:
    form = _form(_data(edition, CityFactory()))
    assert form.is_valid(), form.errors
    session = form.save()
    assert session.start == dt.datetime(2033, 10, 25, 1, 30, tzinfo=dt.UTC)
    assert timezone.localtime(session.start, edition.zone).hour == 9


def test_inverted_times_are_a_form_error(edition) -> None:
    form = _form(_data(edition, CityFactory(), end_1="09:00"))
    assert form.errors["end"] == ["The session must end after it starts."]


def test_session_outside_the_editions_dates_is_a_form_error(edition) -> None:
    form = _form(_data(edition, CityFactory(), start_0="2033-10-28", end_0="2033-10-28"))
    assert form.errors["start"] == [
        "The session must take place within the edition's dates (2033-10-25 – 2033-10-27)."
    ]


def test_overlapping_sessions_at_one_venue_are_a_form_error(edition) -> None:
    venue = VenueFactory(edition=edition)
    ProgrammeSessionFactory(
        edition=edition,
        title_en="Signing",
        venue=venue,
        start=dt.datetime(2033, 10, 25, 10, 30, tzinfo=edition.zone),
        end=dt.datetime(2033, 10, 25, 12, tzinfo=edition.zone),
    )
    form = _form(_data(edition, venue.city, venue=venue.pk))
    assert form.errors["start"] == ["This overlaps “Signing” at the same venue."]
    back_to_back = _form(_data(edition, venue.city, venue=venue.pk, end_1="10:30"))
    assert back_to_back.is_valid(), back_to_back.errors


def test_venue_of_another_edition_is_a_form_error(edition) -> None:
    venue = VenueFactory()
    form = _form(_data(edition, venue.city, venue=venue.pk))
    assert form.errors["venue"] == ["Choose a venue of this edition."]


def test_editing_shows_times_in_the_editions_zone(edition) -> None:
    session = ProgrammeSessionFactory(
        edition=edition, start=dt.datetime(2033, 10, 26, 14, tzinfo=edition.zone)
    )
    form = _admin_form(ProgrammeSession, instance=session)
    assert isinstance(form, ProgrammeSessionAdminForm)
    assert form.initial["start"] == dt.datetime(2033, 10, 26, 14, 0)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_date": "2033-10-20"}, "end_date", "The last day cannot come before the first day."),
        (
            {"registration_opens_0": "2033-09-01", "registration_opens_1": "00:00",
             "registration_closes_0": "2033-08-01", "registration_closes_1": "00:00"},
            "registration_closes",
            "Registration must close after it opens.",
        ),
        (
            {"registration_opens_0": "2033-09-01", "registration_opens_1": "00:00"},
            "registration_closes",
            "Give both ends of the registration window, or neither.",
        ),
    ],
)  # fmt: skip
def test_edition_dates_are_checked(db, changes, field, message) -> None:
    data = {
        "ordinal": 50, "year": 2050, "host_country": "IT", "title_en": "50th",
        "time_zone": "Europe/Rome", "start_date": "2033-10-25", "end_date": "2033-10-27",
        "status": "planned", "formats_en": "Forum",
    }  # fmt: skip
    data.update(changes)
    form = _admin_form(Edition, data)
    assert isinstance(form, EditionAdminForm)
    assert form.errors[field] == [message]


@pytest.mark.postgres
def test_database_refuses_a_session_ending_before_it_starts(edition) -> None:
    with pytest.raises(IntegrityError):
        ProgrammeSessionFactory(
            edition=edition,
            start=dt.datetime(2033, 10, 25, 10, tzinfo=edition.zone),
            end=dt.datetime(2033, 10, 25, 9, tzinfo=edition.zone),
        )
