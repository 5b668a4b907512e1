"""Delete my account: personal data gone from every table, what others rely on still there."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import models

from matchmaking.models import MeetingRequest, Participant, Seat
from portal.core.models import (
    DataRequest,
    Invitation,
    JoinRequest,
    Membership,
    Notification,
    Organisation,
    User,
)
from portal.core.services.erasure import account_erase
from tests.core.factories import InvitationFactory, JoinRequestFactory
from tests.factories import MembershipFactory, OrganisationFactory
from tests.matchmaking.factories import accepted
from tests.matchmaking.test_meetings import place

PASSWORD = "correct horse battery staple"

# Text a public act keeps on purpose: a signatory's name, typed by staff, is part of the act.
KEPT_ON_PURPOSE = {("agreements.Party", "signatory_name")}


def rows_holding(text: str) -> list[str]:
    """Every (model, column, pk) whose text or character column contains `text`."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField | models.JSONField):
                continue
            if (model._meta.label, field.name) in KEPT_ON_PURPOSE:
                continue
            lookup = f"{field.name}__icontains"
            if isinstance(field, models.JSONField):
                rows = [
                    pk
                    for pk, value in model._default_manager.values_list("pk", field.name)
                    if text.lower() in str(value).lower()
                ]
            else:
                rows = list(
                    model._default_manager.filter(**{lookup: text}).values_list("pk", flat=True)
                )
            found += [f"{model._meta.label}.{field.name} #{pk}" for pk in rows]
    return found


@pytest.fixture
def anna(world):
    """Anna with everything a person leaves behind: a meeting, addresses, a join request,
    invitations, notifications naming her, an organisation she alone administers."""
    person = world.anna.registration.person
    person.native_name = "安娜"
    person.save()
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    EmailAddress.objects.create(user=person, email="anna.rossi@example.it", verified=True)
    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    Seat.objects.filter(participant=world.anna).update(comment="Anna Rossi: good talk")
    MeetingRequest.objects.filter(pk=meeting.request_id).update(message="Hello from Anna Rossi")
    lab = OrganisationFactory(name_en="Anna's Lab", email="anna.rossi@example.it")
    MembershipFactory(user=person, organisation=lab, role=Membership.Role.ADMIN)
    JoinRequestFactory(user=person, message="I am Anna Rossi")
    InvitationFactory(email=person.email)
    InvitationFactory(
        email="anna.rossi@example.it", status=Invitation.Status.ACCEPTED, accepted_by=person
    )
    Notification.objects.create(
        recipient=person,
        kind="meeting_accepted",
        language="it",
        subject="Meeting accepted",
        body_text="Li Wei accepted",
    )
    Notification.objects.create(
        recipient=world.li.registration.person,
        kind="meeting_requested",
        language="en",
        subject="Anna Rossi asks for a meeting",
        body_text="Anna Rossi (安娜) wrote to you.",
    )
    LogEntry.objects.create(
        user=world.staff,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(person.pk),
        object_repr=person.email,
        action_flag=CHANGE,
    )
    return person


def test_erasure_leaves_no_row_with_the_name_or_an_address(world, anna) -> None:
    needles = ["Anna Rossi", "安娜", anna.email, "anna.rossi@example.it"]
    assert all(rows_holding(needle) for needle in needles)  # the search finds them before
    account_erase(user=anna)
    assert {needle: rows_holding(needle) for needle in needles} == {n: [] for n in needles}


def test_erasure_keeps_the_meeting_and_empties_the_account(world, anna) -> None:
    token = world.anna.feed_token
    account_erase(user=anna)
    anna.refresh_from_db()
    assert (anna.full_name, anna.native_name, anna.is_active, anna.has_usable_password()) == (
        "",
        "",
        False,
        False,
    )
    assert anna.email.endswith("@erased.invalid")
    assert anna.erased_at is not None
    assert not EmailAddress.objects.filter(user=anna).exists()
    assert not Membership.objects.filter(user=anna).exists()
    assert not JoinRequest.objects.filter(user=anna).exists()
    assert not Notification.objects.filter(recipient=anna).exists()
    participant = Participant.objects.get(pk=world.anna.pk)
    assert participant.feed_token != token
    assert participant.name == "A former participant"
    assert str(anna) == "A former participant"
    assert Seat.objects.filter(participant=world.li).count() == 1
    lab = Organisation.objects.get(name_en="Anna's Lab")
    assert lab.handed_to_staff_at is not None and lab.email == ""
    assert (
        DataRequest.objects.filter(kind="erasure", user=anna, completed_at__isnull=False).count()
        == 1
    )


def test_an_organisation_with_another_admin_is_not_handed_to_staff(world, anna) -> None:
    lab = Organisation.objects.get(name_en="Anna's Lab")
    MembershipFactory(organisation=lab, role=Membership.Role.ADMIN)
    account_erase(user=anna)
    lab.refresh_from_db()
    assert lab.handed_to_staff_at is None


def test_the_partners_agenda_and_the_organisation_page_still_render(client, world, anna) -> None:
    account_erase(user=anna)
    client.force_login(world.li.registration.person)
    agenda = client.get(f"/en/b2b/{world.edition.year}/agenda/")
    assert agenda.status_code == 200
    assert "A former participant, Politecnico di Bergamo" in agenda.content.decode()
    page = client.get(f"/en/partners/{world.org_a.slug}/")
    assert page.status_code == 200
    assert "Anna Rossi" not in page.content.decode()


def test_the_former_participant_is_translated(client, world, anna) -> None:
    account_erase(user=anna)
    client.force_login(world.li.registration.person)
    agenda = client.get(f"/zh-hans/b2b/{world.edition.year}/agenda/").content.decode()
    assert "前参与者" in agenda


def test_deleting_with_the_right_password_signs_out_everywhere(client, world, anna) -> None:
    client.force_login(anna)
    other = type(client)()
    other.force_login(anna)
    response = client.post("/en/my/account/delete/", {"password": PASSWORD, "confirm": "on"})
    assert (response.status_code, response["Location"]) == (302, "/en/")
    assert not Session.objects.exists() or all(
        s.get_decoded().get("_auth_user_id") != str(anna.pk) for s in Session.objects.all()
    )
    # The cached copy of the other device's session is gone too, not only the row.
    other_key = other.cookies[settings.SESSION_COOKIE_NAME].value
    assert caches[settings.SESSION_CACHE_ALIAS].get(cached_db.KEY_PREFIX + other_key) is None
    assert other.get("/en/my/account/").status_code == 302
    assert User.objects.get(pk=anna.pk).erased_at is not None


def test_a_wrong_password_changes_nothing(client, world, anna) -> None:
    client.force_login(anna)
    response = client.post("/it/my/account/delete/", {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert "La password non è corretta." in response.content.decode()
    anna.refresh_from_db()
    assert (anna.full_name, anna.is_active, anna.erased_at) == ("Anna Rossi", True, None)
    assert EmailAddress.objects.filter(user=anna).count() == 2
    assert not DataRequest.objects.exists()


def test_a_wrong_code_changes_nothing_and_a_right_one_erases(client, world, anna) -> None:
    from allauth.mfa.totp.internal.auth import TOTP, hotp_value

    secret = "JBSWY3DPEHPK3PXP"
    TOTP.activate(anna, secret)
    client.force_login(anna)
    page = client.get("/en/my/account/delete/").content.decode()
    assert 'name="code"' in page
    response = client.post(
        "/en/my/account/delete/", {"password": PASSWORD, "code": "000000", "confirm": "on"}
    )
    assert "The code is not right." in response.content.decode()
    assert User.objects.get(pk=anna.pk).erased_at is None
    assert Authenticator.objects.filter(user=anna).count() == 1
    import time

    code = f"{hotp_value(secret, int(time.time()) // 30):06d}"
    response = client.post(
        "/en/my/account/delete/", {"password": PASSWORD, "code": code, "confirm": "on"}
    )
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=anna).exists()


def test_the_address_can_sign_up_again(client, world, anna) -> None:
    address = anna.email
    account_erase(user=anna)
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": address,
            "password1": "a new long password 42",
            "password2": "a new long password 42",
            "full_name": "Anna Rossi",
            "privacy": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    fresh = User.objects.get(email=address)
    assert fresh.pk != anna.pk and fresh.erased_at is None


def test_staff_erase_an_account_on_request(client, world, anna) -> None:
    client.force_login(world.staff)
    response = client.post(
        "/en/staff/personal-data/", {"email": "ANNA.ROSSI@example.it", "confirm": "on"}
    )
    assert response.status_code == 302
    request = DataRequest.objects.get(kind="erasure")
    assert (request.by_staff, request.user_id) == (True, anna.pk)
    page = client.get("/en/staff/personal-data/").content.decode()
    assert "Anna&#x27;s Lab" in page or "Anna's Lab" in page
    assert request.subject in page


def test_erasing_twice_is_refused(world, anna) -> None:
    from portal.core.services.common import Refused

    account_erase(user=anna)
    with pytest.raises(Refused):
        account_erase(user=User.objects.get(pk=anna.pk))


def test_staff_are_told_when_no_account_matches_or_it_is_their_own(client, world) -> None:
    client.force_login(world.staff)
    unknown = client.post(
        "/en/staff/personal-data/", {"email": "nobody@example.org", "confirm": "on"}
    )
    assert "No account has this e-mail address." in unknown.content.decode()
    own = client.post("/en/staff/personal-data/", {"email": world.staff.email, "confirm": "on"})
    assert "Delete your own account from My account." in own.content.decode()
    assert not DataRequest.objects.exists()
    assert User.objects.get(pk=world.staff.pk).erased_at is None


def test_a_chosen_name_rewrites_nobody_elses_messages_nor_markup(world, anna) -> None:
    from tests.notifications.factories import NotificationFactory

    # The name is the person's to choose: someone calling themselves like a stranger, or like
    # a tag, must not rewrite the messages of people they never dealt with.
    stranger_note = NotificationFactory(
        subject="Mario Rossi approved", body_text="Mario Rossi", body_html="<div>Mario Rossi</div>"
    )
    anna.full_name = "div"
    anna.save(update_fields=["full_name"])
    NotificationFactory(recipient=world.li.registration.person, body_html="<div>div</div>")
    account_erase(user=anna)
    stranger_note.refresh_from_db()
    assert (stranger_note.subject, stranger_note.body_html) == (
        "Mario Rossi approved",
        "<div>Mario Rossi</div>",
    )
    partner_html = Notification.objects.filter(
        recipient=world.li.registration.person, body_html__startswith="<div>"
    ).get()
    # Li dealt with Anna: her name goes from the text of Li's message, never from its tags.
    assert partner_html.body_html == "<div>A former participant</div>"
