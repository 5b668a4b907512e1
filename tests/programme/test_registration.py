"""Members register delegates; the organisation's admin manages the delegation."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.core.models import Membership, Organisation
from programme import services
from programme.models import Registration
from tests.factories import EditionFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.programme.factories import ProgrammeSessionFactory


def _form(world, **overrides) -> dict:
    data = {
        "email": "new.delegate@example.org",
        "organisation": str(world.org_a.pk),
        "role": "speaker",
        "languages": "it, en",
        "b2b": "on",
        "b2b_days": [world.edition.start_date.isoformat()],
        "sessions": [str(world.session.pk)],
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _register(client, world, **overrides):
    return client.post(f"/en/week/{world.edition.year}/register/", _form(world, **overrides))


def test_member_registers_themselves_to_an_open_edition(client, world) -> None:
    client.force_login(world.member_a)
    response = _register(client, world, email="Member-A@example.org")
    assert response.status_code == 302
    assert response["Location"] == f"/en/week/{world.edition.year}/delegation/"
    registration = Registration.objects.get(person=world.member_a)
    assert (
        registration.edition, registration.organisation, registration.role, registration.languages,
        registration.b2b, registration.b2b_days, registration.status, registration.registered_by,
    ) == (
        world.edition, world.org_a, "speaker", "it, en", True,
        [world.edition.start_date.isoformat()], "pending", world.member_a,
    )  # fmt: skip
    assert list(registration.sessions.all()) == [world.session]
    page = client.get(response["Location"]).content.decode()
    assert "You are registered; staff will confirm the registration." in page
    assert f'<th scope="row">{world.member_a.full_name}</th>' in page


def _errors(response, field: str | None) -> list[str]:
    form = response.context["form"]
    return form.errors.get(field or "__all__", [])


def test_registering_oneself_twice_is_a_form_error(client, world) -> None:
    Registration.objects.create(
        edition=world.edition, person=world.member_a, organisation=world.org_a
    )
    client.force_login(world.member_a)
    response = _register(client, world, email="member-a@example.org")
    assert response.status_code == 200
    assert _errors(response, "email") == [
        f"{world.member_a.full_name} is already registered to this edition."
    ]
    assert Registration.objects.count() == 2


def test_delegate_of_an_unapproved_organisation_is_a_form_error(client, world) -> None:
    pending = OrganisationFactory(name_en="Pending Lab", status=Organisation.Status.PENDING)
    MembershipFactory(user=world.member_a, organisation=pending)
    UserFactory(email="new.delegate@example.org")
    client.force_login(world.member_a)
    response = _register(client, world, organisation=str(pending.pk))
    assert _errors(response, "organisation") == [
        "Pending Lab is not an approved organisation yet: it cannot register delegates."
    ]
    assert Registration.objects.count() == 1


def test_another_members_organisation_cannot_be_chosen(client, world) -> None:
    UserFactory(email="new.delegate@example.org")
    client.force_login(world.member_a)
    response = _register(client, world, organisation=str(world.org_b.pk))
    assert _errors(response, "organisation")[0].startswith("Select a valid choice.")


def test_b2b_without_days_is_a_form_error(client, world) -> None:
    UserFactory(email="new.delegate@example.org")
    client.force_login(world.member_a)
    response = _register(client, world, b2b_days=[])
    assert _errors(response, "b2b_days") == ["Choose the days of B2B meetings."]


def test_b2b_day_outside_the_edition_is_a_form_error(client, world) -> None:
    UserFactory(email="new.delegate@example.org")
    client.force_login(world.member_a)
    response = _register(client, world, b2b_days=["2001-01-01"])
    assert _errors(response, "b2b_days")[0].startswith("Select a valid choice.")


def test_registration_after_closing_is_a_form_error(client, world) -> None:
    UserFactory(email="new.delegate@example.org")
    # Closing soon, so the signed-in session outlives the window.
    world.edition.registration_closes = timezone.now() + dt.timedelta(hours=1)
    world.edition.save()
    client.force_login(world.member_a)
    after = world.edition.registration_closes + dt.timedelta(seconds=1)
    with time_machine.travel(after, tick=False):
        page = client.get(f"/en/week/{world.edition.year}/register/").content.decode()
        response = _register(client, world)
    assert "Registration to this edition is closed." in page
    assert _errors(response, None) == ["Registration to this edition is closed."]
    assert Registration.objects.count() == 1


def test_registration_closes_by_itself_at_the_windows_end(world) -> None:
    edition = world.edition
    closes = edition.registration_closes
    assert edition.registration_is_open(closes - dt.timedelta(seconds=1)) is True
    assert edition.registration_is_open(closes) is False
    assert edition.phase(closes - dt.timedelta(seconds=1)) == "registration_open"
    assert edition.phase(closes) == "planned"


def test_session_of_another_edition_is_refused(world) -> None:
    other = ProgrammeSessionFactory(edition=EditionFactory())
    with pytest.raises(ValidationError) as error:
        services.registration_create(
            edition=world.edition,
            person=UserFactory(),
            organisation=world.org_a,
            registered_by=world.member_a,
            sessions=[other],
        )
    assert error.value.code == "session"


def test_admin_sees_and_withdraws_the_delegation(client, world) -> None:
    client.force_login(world.admin_a)
    page = client.get(f"/en/week/{world.edition.year}/delegation/").content.decode()
    assert '<th scope="row">Delegate One</th>' in page
    withdraw = f"/en/week/{world.edition.year}/delegation/{world.registration.pk}/withdraw/"
    assert f'action="{withdraw}"' in page
    response = client.post(withdraw)
    assert response.status_code == 302
    world.registration.refresh_from_db()
    assert world.registration.status == Registration.Status.CANCELLED


def test_member_sees_but_does_not_manage_others_registrations(client, world) -> None:
    client.force_login(world.member_a)
    page = client.get(f"/en/week/{world.edition.year}/delegation/").content.decode()
    assert '<th scope="row">Delegate One</th>' in page
    assert "/withdraw/" not in page


def test_other_organisation_does_not_see_the_delegation(client, world) -> None:
    client.force_login(world.member_b)
    page = client.get(f"/en/week/{world.edition.year}/delegation/").content.decode()
    assert "Delegate One" not in page
    assert "Nobody is registered yet." in page


def test_admin_changes_sessions_and_b2b_days(client, world) -> None:
    second = ProgrammeSessionFactory(edition=world.edition)
    last_day = world.edition.end_date.isoformat()
    client.force_login(world.admin_a)
    url = f"/en/week/{world.edition.year}/delegation/{world.registration.pk}/"
    response = client.post(
        url,
        {"role": "press", "languages": "zh", "b2b": "on", "b2b_days": [last_day],
         "sessions": [str(second.pk)]},
    )  # fmt: skip
    assert response.status_code == 302
    world.registration.refresh_from_db()
    assert (world.registration.role, world.registration.b2b_days) == ("press", [last_day])
    assert list(world.registration.sessions.all()) == [second]


def test_whoever_registered_a_delegate_manages_them(client, world) -> None:
    mine = Registration.objects.create(
        edition=world.edition, person=UserFactory(), organisation=world.org_a,
        registered_by=world.member_a,
    )  # fmt: skip
    client.force_login(world.member_a)
    assert client.get(f"/en/week/{world.edition.year}/delegation/{mine.pk}/").status_code == 200


def test_user_without_organisation_is_told_how_to_get_one(client, world) -> None:
    client.force_login(UserFactory())
    for page in ("register", "delegation", "showcase/apply"):
        response = client.get(f"/en/week/{world.edition.year}/{page}/")
        assert response.status_code == 403
        html = response.content.decode()
        assert "<h1>Your organisation first</h1>" in html
        assert 'href="/en/my/organisations/new/"' in html
        assert 'href="/en/partners/"' in html
    italian = client.get(f"/it/week/{world.edition.year}/register/").content.decode()
    assert "<h1>Prima la Sua organizzazione</h1>" in italian


def test_membership_role_matters_not_for_registering(client, world) -> None:
    assert Membership.objects.get(user=world.member_a).role == Membership.Role.MEMBER
    UserFactory(email="new.delegate@example.org")
    client.force_login(world.member_a)
    assert _register(client, world).status_code == 302


@pytest.mark.parametrize(
    ("moment", "phase"),
    [
        (dt.datetime(2033, 8, 31, 21, 59, tzinfo=dt.UTC), "planned"),
        (dt.datetime(2033, 8, 31, 22, 0, tzinfo=dt.UTC), "registration_open"),
        (dt.datetime(2033, 10, 24, 21, 59, tzinfo=dt.UTC), "planned"),
        # Midnight of the first day in Rome is still the 24th in UTC.
        (dt.datetime(2033, 10, 24, 22, 0, tzinfo=dt.UTC), "running"),
        (dt.datetime(2033, 10, 27, 21, 59, tzinfo=dt.UTC), "running"),
        (dt.datetime(2033, 10, 27, 22, 0, tzinfo=dt.UTC), "closed"),
    ],
)
@pytest.mark.django_db
def test_edition_phase_follows_the_dates_in_its_zone(moment, phase) -> None:
    rome = dt.timezone(dt.timedelta(hours=2))
    edition = EditionFactory(
        year=2033,
        ordinal=33,
        registration_opens=dt.datetime(2033, 9, 1, tzinfo=rome),
        registration_closes=dt.datetime(2033, 10, 1, tzinfo=rome),
    )
    assert edition.phase(moment) == phase
