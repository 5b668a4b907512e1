"""Staff confirm and cancel registrations, export them, shortlist startups, copy editions."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command

from portal.core.models import City, Organisation, ThematicArea
from programme.models import (
    Edition,
    EditionCity,
    ProgrammeSession,
    Registration,
    RegistrationInvitation,
    StartupApplication,
    Venue,
)
from tests.factories import (
    EditionCityFactory,
    EditionFactory,
    MembershipFactory,
    OrganisationFactory,
)
from tests.programme.factories import (
    ProgrammeSessionFactory,
    RegistrationFactory,
    SpeakerFactory,
)


def test_staff_confirm_then_cancel(client, world) -> None:
    client.force_login(world.staff)
    base = f"/en/week/{world.edition.year}/staff/registrations/{world.registration.pk}"
    response = client.post(f"{base}/confirm/")
    assert response["Location"] == f"/en/week/{world.edition.year}/staff/registrations/"
    world.registration.refresh_from_db()
    assert world.registration.status == Registration.Status.CONFIRMED
    client.post(f"{base}/cancel/")
    world.registration.refresh_from_db()
    assert world.registration.status == Registration.Status.CANCELLED


def test_staff_list_filters(client, world) -> None:
    RegistrationFactory(
        edition=world.edition, organisation=world.org_b, person__full_name="Zhang Wei",
        status=Registration.Status.CONFIRMED, b2b=True,
    )  # fmt: skip
    client.force_login(world.staff)
    url = f"/en/week/{world.edition.year}/staff/registrations/"
    names = lambda r: [x.person.full_name for x in r.context["page"]]  # noqa: E731
    assert names(client.get(url)) == ["Zhang Wei", "Delegate One"]
    assert names(client.get(url, {"status": "confirmed"})) == ["Zhang Wei"]
    assert names(client.get(url, {"organisation": world.org_a.slug})) == ["Delegate One"]
    assert names(client.get(url, {"b2b": "true"})) == ["Zhang Wei"]
    assert names(client.get(url, {"q": "DELEGATE@"})) == ["Delegate One"]
    assert names(client.get(url, {"status": "bogus"})) == []


@pytest.mark.parametrize("count", [1, 10])
def test_staff_list_query_count_is_constant(
    client, world, django_assert_num_queries, count: int
) -> None:
    for n in range(count - 1):
        RegistrationFactory(edition=world.edition)
        RegistrationInvitation.objects.create(
            edition=world.edition, organisation=world.org_b, email=f"p{n}@example.org"
        )
    client.force_login(world.staff)
    # user, edition, its cities, count, page (with person, organisation and
    # invitation), the filter's organisation choices, invitations not accepted (with
    # organisation and inviter).
    with django_assert_num_queries(8):
        response = client.get(f"/en/week/{world.edition.year}/staff/registrations/")
    assert len(response.context["page"]) == count
    assert len(response.context["invitations"]) == count


def test_staff_export_csv_follows_the_filter(client, world) -> None:
    world.registration.b2b = True
    world.registration.b2b_days = ["2031-10-25"]
    world.registration.save()
    world.registration.sessions.add(world.session)
    RegistrationFactory(edition=world.edition, status=Registration.Status.CANCELLED)
    client.force_login(world.staff)
    response = client.get(
        f"/en/week/{world.edition.year}/staff/registrations.csv", {"status": "pending"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "name", "email", "organisation", "country", "role", "languages", "b2b", "b2b_days",
        "sessions", "status", "registered", "invitation",
    ]  # fmt: skip
    assert [row[:10] for row in rows[1:]] == [
        ["Delegate One", "delegate@example.org", "Università A", "IT", "delegate", "", "yes",
         "2031-10-25", world.session.slug, "pending"],
    ]  # fmt: skip


def test_startup_applies_and_staff_shortlist_it(client, world) -> None:
    startup = OrganisationFactory(name_en="Print3D", kind=Organisation.Kind.STARTUP)
    MembershipFactory(user=world.member_b, organisation=startup)
    client.force_login(world.member_b)
    url = f"/en/week/{world.edition.year}/showcase/apply/"
    response = client.post(url, {"organisation": str(startup.pk), "pitch": "Printed houses."})
    assert response.status_code == 302
    application = StartupApplication.objects.get(organisation=startup)
    assert (application.status, application.submitted_by) == ("submitted", world.member_b)
    again = client.post(url, {"organisation": str(startup.pk), "pitch": "Again."})
    assert again.context["form"].errors["organisation"] == [
        "Print3D has already applied to this showcase."
    ]
    client.force_login(world.staff)
    client.post(f"/en/week/{world.edition.year}/staff/showcase/{application.pk}/shortlist/")
    page = client.get(f"/en/week/{world.edition.year}/").content.decode()
    assert "Print3D" in page
    assert "Printed houses." in page


def test_only_startups_apply_to_the_showcase(client, world) -> None:
    client.force_login(world.member_a)
    response = client.post(
        f"/en/week/{world.edition.year}/showcase/apply/",
        {"organisation": str(world.org_a.pk), "pitch": "We are a university."},
    )
    assert response.context["form"].errors["organisation"] == [
        "Only startups can apply to the showcase."
    ]


@pytest.mark.django_db
def test_copy_edition_keeps_structure_without_participants(client, django_user_model) -> None:
    call_command("load_content", verbosity=0)
    source = EditionFactory(
        year=2040, ordinal=40, start_date=dt.date(2040, 10, 24), end_date=dt.date(2040, 10, 26)
    )
    cities = {c.slug: c for c in City.objects.filter(slug__in=["bergamo", "bologna"])}
    EditionCityFactory(edition=source, city=cities["bergamo"], order=0, focus_en="Industry")
    EditionCityFactory(edition=source, city=cities["bologna"], order=1, focus_en="")
    venue = Venue.objects.create(edition=source, city=cities["bergamo"], name_en="Hall")
    opening = ProgrammeSessionFactory(
        edition=source, slug="opening", city=cities["bergamo"], venue=venue,
        start=dt.datetime(2040, 10, 24, 9, 30, tzinfo=source.zone),
        end=dt.datetime(2040, 10, 24, 10, 30, tzinfo=source.zone),
    )  # fmt: skip
    seminars = ProgrammeSessionFactory(
        edition=source, slug="seminars-agrifood", city=cities["bologna"],
        start=dt.datetime(2040, 10, 25, 14, tzinfo=source.zone),
        end=dt.datetime(2040, 10, 25, 16, tzinfo=source.zone),
    )  # fmt: skip
    seminars.areas.set(ThematicArea.objects.filter(slug="agrifood"))
    untimed = ProgrammeSessionFactory(edition=source, slug="to-be-confirmed", city=None)
    untimed.start = untimed.end = None
    untimed.save()
    SpeakerFactory(session=opening)
    RegistrationFactory(edition=source)
    staff = django_user_model.objects.create_user("staff@example.org", is_staff=True)
    client.force_login(staff)
    form = client.get("/en/week/2040/staff/copy/").context["form"]
    assert form.initial["year"] == 2041
    response = client.post(
        "/en/week/2040/staff/copy/",
        {"year": 2018, "ordinal": 9, "start_date": "2018-10-23", "host_country": "IT",
         "time_zone": "Europe/Rome", "title_en": "9th Week", "title_zh_hans": "第九届"},
    )  # fmt: skip
    assert response["Location"] == "/en/week/2018/"
    copy = Edition.objects.get(year=2018)
    assert (copy.start_date, copy.end_date, copy.status, copy.is_demo) == (
        dt.date(2018, 10, 23), dt.date(2018, 10, 25), "planned", False,
    )  # fmt: skip
    assert copy.reported_participants is None
    assert (copy.title_en, copy.title_it, copy.title_zh_hans) == ("9th Week", "", "第九届")
    assert (copy.formats_it, copy.summary_en) == (source.formats_it, "")
    assert [(s.city.slug, s.focus_en) for s in EditionCity.objects.filter(edition=copy)] == [
        ("bergamo", "Industry"), ("bologna", ""),
    ]  # fmt: skip
    assert copy.sessions.count() == source.sessions.count() == 3
    # A session whose time is not known stays without one.
    assert copy.sessions.get(slug="to-be-confirmed").start is None
    copied = copy.sessions.get(slug="opening")
    # The same wall-clock time on the new first day.
    assert copied.start.astimezone(copy.zone).replace(tzinfo=None) == dt.datetime(
        2018, 10, 23, 9, 30
    )
    assert copied.venue.edition == copy
    assert copied.speakers.count() == 0
    assert list(
        copy.sessions.get(slug="seminars-agrifood").areas.values_list("slug", flat=True)
    ) == ["agrifood"]
    assert Registration.objects.filter(edition=copy).count() == 0
    assert ProgrammeSession.objects.filter(edition=source).count() == 3


@pytest.mark.django_db
def test_copy_edition_refuses_an_existing_year(client, django_user_model) -> None:
    call_command("load_content", verbosity=0)
    staff = django_user_model.objects.create_user("staff@example.org", is_staff=True)
    client.force_login(staff)
    response = client.post(
        "/en/week/2016/staff/copy/",
        {"year": 2017, "ordinal": 8, "start_date": "2016-10-23", "host_country": "CN",
         "time_zone": "Asia/Shanghai"},
    )  # fmt: skip
    errors = response.context["form"].errors
    assert errors["year"] == ["An edition of this year already exists."]
    assert errors["ordinal"] == ["An edition with this number already exists."]
    assert errors["start_date"] == ["The first day must fall in the edition's year."]


def test_csv_cells_are_never_formulas(client, world) -> None:
    world.delegate.full_name = "=HYPERLINK(1)"
    world.delegate.save()
    client.force_login(world.staff)
    response = client.get(f"/en/week/{world.edition.year}/staff/registrations.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_b2b_participants_are_the_confirmed_ones_taking_part(world) -> None:
    confirmed = RegistrationFactory(
        edition=world.edition, b2b=True, status=Registration.Status.CONFIRMED
    )
    RegistrationFactory(edition=world.edition, b2b=True)  # pending
    RegistrationFactory(edition=world.edition, status=Registration.Status.CONFIRMED)  # no B2B
    found = Registration.objects.filter(edition=world.edition).b2b_participants()
    assert list(found) == [confirmed]


def test_b2b_days_read_back_as_dates(world) -> None:
    world.registration.b2b_days = ["2031-10-25", "2031-10-27"]
    assert world.registration.b2b_dates == [dt.date(2031, 10, 25), dt.date(2031, 10, 27)]
