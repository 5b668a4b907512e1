"""Registering someone else is an invitation they accept or decline (issue 16, finding 3)."""

import csv
import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.core.models import Notification, Organisation
from programme import services
from programme.models import Registration, RegistrationInvitation
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.programme.factories import RegistrationFactory


@pytest.fixture
def world(world):
    # These tests count invitations from none; the shared world has one, for the rights matrix.
    world.invitation.delete()
    return world


def _form(world, email: str, **overrides) -> dict:
    data = {
        "email": email,
        "organisation": str(world.org_a.pk),
        "role": "speaker",
        "languages": "it, en",
        "b2b": "on",
        "b2b_days": [world.edition.start_date.isoformat()],
        "sessions": [str(world.session.pk)],
    }
    data.update(overrides)
    return data


def _register(client, world, email: str, **overrides):
    url = f"/en/week/{world.edition.year}/register/"
    return client.post(url, _form(world, email, **overrides), follow=True)


def _page(response, email: str) -> str:
    """The page as the member sees it, without the address they typed, the invitation's
    number or the CSRF tokens."""
    page = response.content.decode().replace(email, "ADDRESS")
    page = re.sub(r"/invitations/\d+/", "/invitations/PK/", page)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", page)


# ---------------------------------------------------------------- (a) no account enumeration


def test_known_and_unknown_addresses_get_the_same_answer(client, world) -> None:
    UserFactory(email="maria@example.org", full_name="Maria Conosciuta")
    client.force_login(world.member_a)
    known = _register(client, world, "maria@example.org")
    RegistrationInvitation.objects.all().delete()
    unknown = _register(client, world, "nessuno@example.org")
    delegation = f"/en/week/{world.edition.year}/delegation/"
    assert known.redirect_chain == unknown.redirect_chain == [(delegation, 302)]
    assert known.status_code == unknown.status_code == 200
    assert [str(m) for m in known.context["messages"]] == [
        "We have invited maria@example.org; the registration counts once they accept."
    ]
    assert [str(m) for m in unknown.context["messages"]] == [
        "We have invited nessuno@example.org; the registration counts once they accept."
    ]
    page = _page(known, "maria@example.org")
    assert page == _page(unknown, "nessuno@example.org")
    assert "Maria Conosciuta" not in page
    assert "Nobody has an account" not in page
    assert '<tr class="invitation"><td>ADDRESS</td><td>Università A</td>' in page
    assert "<td>Awaiting their answer</td>" in page


def test_an_address_already_registered_gets_the_same_answer(client, world) -> None:
    client.force_login(world.member_a)
    response = _register(client, world, "delegate@example.org")
    assert response.redirect_chain == [(f"/en/week/{world.edition.year}/delegation/", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "We have invited delegate@example.org; the registration counts once they accept."
    ]


def test_form_does_not_ask_for_an_account(client, world) -> None:
    client.force_login(world.member_a)
    page = client.get(f"/en/week/{world.edition.year}/register/").content.decode()
    assert "needs an account" not in page
    assert "we invite them; the registration counts once they accept." in page


# ---------------------------------------------------------------- (c) nothing before accepting


def test_nothing_is_registered_until_the_invitee_accepts(client, world) -> None:
    person = UserFactory(email="New.Delegate@example.org", full_name="Nuovo Delegato")
    client.force_login(world.member_a)
    _register(client, world, "new.delegate@example.org")
    assert not Registration.objects.filter(person=person).exists()
    invitation = RegistrationInvitation.objects.get(email="new.delegate@example.org")
    assert (invitation.status, invitation.organisation, invitation.invited_by) == (
        "pending",
        world.org_a,
        world.member_a,
    )

    client.force_login(person)
    url = f"/en/week/{world.edition.year}/invitations/{invitation.pk}/"
    page = client.get(url).content.decode()
    assert "Università A" in page
    assert world.member_a.full_name in page
    response = client.post(url + "accept/")
    assert response.status_code == 302
    registration = Registration.objects.get(person=person)
    assert (
        registration.edition, registration.organisation, registration.role, registration.languages,
        registration.b2b, registration.b2b_days, registration.status, registration.registered_by,
    ) == (
        world.edition, world.org_a, "speaker", "it, en", True,
        [world.edition.start_date.isoformat()], "pending", world.member_a,
    )  # fmt: skip
    assert list(registration.sessions.all()) == [world.session]
    invitation.refresh_from_db()
    assert (invitation.status, invitation.registration) == ("accepted", registration)


def test_declining_registers_nobody_and_the_inviter_sees_declined(client, world) -> None:
    person = UserFactory(email="new.delegate@example.org")
    client.force_login(world.member_a)
    _register(client, world, "new.delegate@example.org")
    invitation = RegistrationInvitation.objects.get()
    client.force_login(person)
    url = f"/en/week/{world.edition.year}/invitations/{invitation.pk}/decline/"
    assert client.post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert not Registration.objects.filter(person=person).exists()
    client.force_login(world.member_a)
    page = client.get(f"/en/week/{world.edition.year}/delegation/").content.decode()
    assert '<tr class="invitation"><td>new.delegate@example.org</td>' in page
    assert "<td>Declined</td>" in page


def test_another_persons_invitation_is_a_404(client, world) -> None:
    invitation = _invite(world, "someone@example.org")
    client.force_login(world.delegate)
    url = f"/en/week/{world.edition.year}/invitations/{invitation.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url + "accept/").status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def _invite(world, email: str, organisation: Organisation | None = None, **kwargs):
    return services.registration_invite(
        edition=world.edition,
        organisation=organisation or world.org_a,
        email=email,
        invited_by=world.member_a,
        **kwargs,
    )


def test_accepting_when_already_registered_says_so(client, world) -> None:
    invitation = _invite(world, "delegate@example.org")
    client.force_login(world.delegate)
    url = f"/en/week/{world.edition.year}/invitations/{invitation.pk}/"
    response = client.post(url + "accept/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "You are already registered to this edition: this invitation cannot be accepted. "
        "You may decline it."
    ]
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert Registration.objects.filter(person=world.delegate).count() == 1


# ---------------------------------------------------------------- (b) no squatting


def test_victim_registers_after_staff_cancel_the_squatters_row(client, world) -> None:
    victim = world.delegate
    MembershipFactory(user=victim, organisation=world.org_b)
    services.registration_cancel(registration=world.registration)
    client.force_login(victim)
    response = _register(client, world, "delegate@example.org", organisation=str(world.org_b.pk))
    assert [str(m) for m in response.context["messages"]] == [
        "You are registered; staff will confirm the registration."
    ]
    live = Registration.objects.live().get(person=victim)
    assert (live.organisation, live.status) == (world.org_b, "pending")
    assert Registration.objects.filter(person=victim).count() == 2


def test_victim_registers_after_declining(client, world) -> None:
    victim = UserFactory(email="victim@example.org")
    MembershipFactory(user=victim, organisation=world.org_b)
    invitation = _invite(world, "victim@example.org")
    services.registration_invitation_decline(invitation=invitation, user=victim)
    client.force_login(victim)
    response = _register(client, world, "victim@example.org", organisation=str(world.org_b.pk))
    assert [str(m) for m in response.context["messages"]] == [
        "You are registered; staff will confirm the registration."
    ]
    assert Registration.objects.get(person=victim).organisation == world.org_b


def test_one_live_registration_per_person_and_edition(world) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(edition=world.edition, person=world.delegate, organisation=world.org_b)
    world.registration.status = Registration.Status.CANCELLED
    world.registration.save()
    again = RegistrationFactory(
        edition=world.edition, person=world.delegate, organisation=world.org_b
    )
    assert list(Registration.objects.live().filter(person=world.delegate)) == [again]


# ---------------------------------------------------------------- mail


def test_invitee_with_an_account_is_notified_in_their_language(
    client, world, django_capture_on_commit_callbacks
) -> None:
    person = UserFactory(email="li@example.org", language="zh-hans", full_name="Li Wei")
    mail.outbox.clear()
    client.force_login(world.member_a)
    with django_capture_on_commit_callbacks(execute=True):
        _register(client, world, "li@example.org")
    invitation = RegistrationInvitation.objects.get()
    notification = Notification.objects.get(recipient=person)
    assert notification.kind == "registration_invitation"
    assert notification.link == f"/zh-hans/week/{world.edition.year}/invitations/{invitation.pk}/"
    [message] = mail.outbox
    assert message.to == ["li@example.org"]
    assert "Università A" not in message.subject
    assert "Università A" in message.body
    assert f"/zh-hans/week/{world.edition.year}/invitations/{invitation.pk}/" in message.body
    assert "邀请" in message.subject


def test_unknown_address_gets_a_plain_text_mail_to_sign_up(
    client, world, django_capture_on_commit_callbacks
) -> None:
    world.org_a.name_en = 'Lab "Quote" & <Co>'
    world.org_a.save()
    mail.outbox.clear()
    client.force_login(world.member_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/it/week/{world.edition.year}/register/", _form(world, "nuova@example.org"))
    invitation = RegistrationInvitation.objects.get()
    [message] = mail.outbox
    assert message.to == ["nuova@example.org"]
    assert "Quote" not in message.subject
    assert "&quot;" not in message.body and "&amp;" not in message.body
    assert 'Lab "Quote" & <Co>' in message.body
    assert f"/it/week/{world.edition.year}/invitations/{invitation.pk}/" in message.body
    assert "/it/accounts/signup/" in message.body
    assert "crei un account su Ponte con questo indirizzo e-mail:" in message.body
    assert message.subject == f"Invito a iscriversi alla {world.edition.title}"
    assert Notification.objects.count() == 0


def test_signing_up_later_shows_the_pending_invitation(client, world) -> None:
    _invite(world, "later@example.org")
    person = UserFactory(email="Later@example.org")
    client.force_login(person)
    page = client.get(f"/en/week/{world.edition.year}/register/").content.decode()
    assert "Università A invites you to register as its delegate." in page
    listing = client.get(f"/en/week/{world.edition.year}/invitations/").content.decode()
    assert "Università A invites you to register as its delegate." in listing


# ---------------------------------------------------------------- limits


def test_invitations_are_limited_per_organisation_and_day(world, settings) -> None:
    settings.PROGRAMME_INVITATIONS_PER_DAY = 3
    for n in range(3):
        _invite(world, f"p{n}@example.org")
    with pytest.raises(ValidationError) as error:
        _invite(world, "p3@example.org")
    assert error.value.code == "rate_limited"
    # Another organisation has its own allowance, and the count is of the last 24 hours.
    assert _invite(world, "p3@example.org", organisation=world.org_b).status == "pending"
    RegistrationInvitation.objects.update(created_at=timezone.now() - dt.timedelta(days=1))
    assert _invite(world, "p4@example.org").status == "pending"


def test_unapproved_organisation_cannot_invite(world) -> None:
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    with pytest.raises(ValidationError) as error:
        _invite(world, "x@example.org", organisation=pending)
    assert error.value.code == "unapproved"
    assert RegistrationInvitation.objects.count() == 0


def test_inviter_withdraws_a_pending_invitation(client, world) -> None:
    invitation = _invite(world, "x@example.org")
    client.force_login(world.member_a)
    url = f"/en/week/{world.edition.year}/delegation/invitations/{invitation.pk}/withdraw/"
    assert client.post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "withdrawn"
    person = UserFactory(email="x@example.org")
    with pytest.raises(ValidationError) as error:
        services.registration_invitation_accept(invitation=invitation, user=person)
    assert error.value.code == "answered"


def test_b2b_join_finds_the_live_registration_beside_a_cancelled_one(client, world) -> None:
    from matchmaking.models import Participant

    world.registration.b2b = True
    world.registration.status = Registration.Status.CONFIRMED
    world.registration.save()
    old = Participant.objects.create(registration=world.registration, edition=world.edition)
    services.registration_cancel(registration=world.registration)
    live = RegistrationFactory(
        edition=world.edition, person=world.delegate, organisation=world.org_b, b2b=True,
        status=Registration.Status.CONFIRMED,
    )  # fmt: skip
    client.force_login(world.delegate)
    response = client.post(f"/en/b2b/{world.edition.year}/join/")
    assert response.status_code == 302
    assert Participant.objects.exclude(pk=old.pk).get().registration == live


# ---------------------------------------------------------------- staff


def test_staff_see_invitation_status_on_the_page_and_in_the_csv(client, world) -> None:
    person = UserFactory(email="accepts@example.org", full_name="Anna Accetta")
    accepted = services.registration_invitation_accept(
        invitation=_invite(world, "accepts@example.org"), user=person
    )
    _invite(world, "waits@example.org")
    client.force_login(world.staff)
    page = client.get(f"/en/week/{world.edition.year}/staff/registrations/").content.decode()
    assert (
        '<tr class="invitation"><td>waits@example.org</td><td>Università A</td>'
        f"<td>{world.member_a.full_name}</td>"
    ) in page
    assert "<td>Awaiting their answer</td></tr>" in page
    assert "<td>Accepted</td>" in page
    response = client.get(f"/en/week/{world.edition.year}/staff/registrations.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][-1] == "invitation"
    assert {(row[1], row[-1]) for row in rows[1:]} == {
        ("delegate@example.org", ""),
        ("accepts@example.org", "accepted"),
    }
    assert accepted.invitation.status == "accepted"
