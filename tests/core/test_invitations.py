"""Admins invite by e-mail with a signed link that expires; join requests go to the admins."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail

from portal.core.models import Invitation, JoinRequest, Membership
from portal.core.services import memberships as membership_services
from portal.core.services.common import Refused
from tests.core.factories import AdminMembershipFactory, VerifiedUserFactory
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _site(settings) -> None:
    settings.SITE_URL = "https://ponte.example.org"


@pytest.fixture
def admin(db) -> Membership:
    return AdminMembershipFactory(
        user=UserFactory(email="admin@example.org", full_name="Anna Admin", language="en"),
        organisation=OrganisationFactory(name_en="Robotics Lab", slug="robotics-lab"),
    )


def invite(admin: Membership, email: str = "colleague@example.org", role: str = "member"):
    return membership_services.invitation_send(
        organisation=admin.organisation,
        email=email,
        role=role,
        by=admin.user,
    )


def link(message) -> str:
    return re.search(r"https://ponte\.example\.org(/\S+)", message.body).group(1)


def test_invitation_mail_carries_a_signed_link(admin, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(admin)
    assert [m.to for m in mail.outbox] == [["colleague@example.org"]]
    assert mail.outbox[0].subject == "[Ponte] You are invited to join an organisation"
    assert "Anna Admin invites you to join Robotics Lab" in mail.outbox[0].body
    assert "The link expires in 7 days." in mail.outbox[0].body
    token = link(mail.outbox[0]).split("/")[-2]
    assert membership_services.invitation_from_token(token) == invitation


def test_invitation_mail_uses_the_language_of_an_existing_account(
    admin, django_capture_on_commit_callbacks
) -> None:
    UserFactory(email="colleague@example.org", language="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        invite(admin)
    assert mail.outbox[0].subject == "[Ponte] 邀请您加入一个机构"


def test_accepting_with_the_invited_address_makes_a_member(admin) -> None:
    invitation = invite(admin, role="admin")
    colleague = UserFactory(email="Colleague@Example.org")
    membership = membership_services.invitation_accept(invitation=invitation, user=colleague)
    assert (membership.organisation, membership.role) == (admin.organisation, "admin")
    invitation.refresh_from_db()
    assert (invitation.status, invitation.accepted_by) == ("accepted", colleague)


def test_another_address_cannot_accept(admin) -> None:
    invitation = invite(admin)
    with pytest.raises(Refused, match="another e-mail address"):
        membership_services.invitation_accept(invitation=invitation, user=UserFactory())
    assert admin.organisation.memberships.count() == 1


def test_a_link_expires_after_seven_days(admin) -> None:
    with time_machine.travel(dt.datetime(2030, 1, 1, tzinfo=dt.UTC), tick=False):
        token = membership_services.invitation_token(invite(admin))
    with time_machine.travel(dt.datetime(2030, 1, 7, 23, tzinfo=dt.UTC), tick=False):
        assert membership_services.invitation_from_token(token).email == "colleague@example.org"
    with (
        time_machine.travel(dt.datetime(2030, 1, 8, 1, tzinfo=dt.UTC), tick=False),
        pytest.raises(Refused, match="expired"),
    ):
        membership_services.invitation_from_token(token)


def test_a_forged_or_used_link_is_refused(admin) -> None:
    invitation = invite(admin)
    token = membership_services.invitation_token(invitation)
    with pytest.raises(Refused, match="not valid"):
        membership_services.invitation_from_token(token[:-2] + "xx")
    membership_services.invitation_accept(
        invitation=invitation, user=UserFactory(email=invitation.email)
    )
    with pytest.raises(Refused, match="already been used"):
        membership_services.invitation_from_token(token)


def test_a_new_invitation_replaces_the_pending_one(admin) -> None:
    first = invite(admin)
    second = invite(admin)
    first.refresh_from_db()
    assert (first.status, second.status) == ("revoked", "pending")
    with pytest.raises(Refused):
        membership_services.invitation_from_token(membership_services.invitation_token(first))


def test_members_are_not_invited_again(admin) -> None:
    with pytest.raises(Refused, match="already a member"):
        invite(admin, email="ADMIN@example.org")


def test_only_admins_invite(admin) -> None:
    member = Membership.objects.create(user=UserFactory(), organisation=admin.organisation)
    with pytest.raises(Refused):
        membership_services.invitation_send(
            organisation=admin.organisation, email="x@example.org", role="member",
            by=member.user,
        )  # fmt: skip
    assert Invitation.objects.count() == 0


def test_invitation_page_accepts_for_the_signed_in_invitee(client, admin) -> None:
    token = membership_services.invitation_token(invite(admin))
    url = f"/en/invitations/{token}/"
    anonymous = client.get(url).content.decode()
    assert "You are invited to join <strong>Robotics Lab</strong> as Member." in anonymous
    assert client.post(url)["Location"].startswith("/en/accounts/login/?next=")
    client.force_login(VerifiedUserFactory(email="colleague@example.org"))
    response = client.post(url)
    assert response["Location"] == "/en/my/organisations/robotics-lab/"
    assert admin.organisation.memberships.count() == 2


def test_invitation_page_explains_a_bad_link(client, db) -> None:
    response = client.get("/en/invitations/not-a-token/")
    assert response.status_code == 410
    assert "This invitation link is not valid." in response.content.decode()


# ---------------------------------------------------------------- join requests


def test_join_request_goes_to_the_admins(admin, django_capture_on_commit_callbacks) -> None:
    person = UserFactory(email="person@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        membership_services.join_request_create(
            organisation=admin.organisation, user=person, message="I run the lab's robots."
        )
    assert [m.to for m in mail.outbox] == [["admin@example.org"]]
    assert "(person@example.org) asks to join Robotics Lab on Ponte." in mail.outbox[0].body
    assert "I run the lab's robots." in mail.outbox[0].body


def test_one_pending_request_per_person(admin) -> None:
    person = UserFactory()
    membership_services.join_request_create(
        organisation=admin.organisation, user=person, message=""
    )
    with pytest.raises(Refused, match="already asked"):
        membership_services.join_request_create(
            organisation=admin.organisation, user=person, message=""
        )
    assert JoinRequest.objects.count() == 1


def test_pending_organisations_take_no_requests(db) -> None:
    org = OrganisationFactory(status="pending")
    with pytest.raises(Refused):
        membership_services.join_request_create(organisation=org, user=UserFactory(), message="")


def test_members_do_not_ask_to_join(admin) -> None:
    with pytest.raises(Refused, match="already a member"):
        membership_services.join_request_create(
            organisation=admin.organisation, user=admin.user, message=""
        )


def test_accepting_a_request_makes_a_member_and_tells_them(
    admin, django_capture_on_commit_callbacks
) -> None:
    person = UserFactory(email="person@example.org", language="it")
    request = membership_services.join_request_create(
        organisation=admin.organisation, user=person, message=""
    )
    with django_capture_on_commit_callbacks(execute=True):
        membership_services.join_request_decide(join_request=request, by=admin.user, accept=True)
    assert Membership.objects.get(user=person).role == "member"
    assert mail.outbox[-1].to == ["person@example.org"]
    assert mail.outbox[-1].subject == "[Ponte] Ora è membro dell'organizzazione Robotics Lab"
    with pytest.raises(Refused, match="already been answered"):
        membership_services.join_request_decide(join_request=request, by=admin.user, accept=False)


def test_declining_a_request_makes_no_member(admin) -> None:
    person = UserFactory()
    request = membership_services.join_request_create(
        organisation=admin.organisation, user=person, message=""
    )
    membership_services.join_request_decide(join_request=request, by=admin.user, accept=False)
    request.refresh_from_db()
    assert request.status == "declined"
    assert not Membership.objects.filter(user=person).exists()


def test_a_member_cannot_decide_requests(admin) -> None:
    member = Membership.objects.create(user=UserFactory(), organisation=admin.organisation)
    request = membership_services.join_request_create(
        organisation=admin.organisation, user=UserFactory(), message=""
    )
    with pytest.raises(Refused):
        membership_services.join_request_decide(join_request=request, by=member.user, accept=True)


# ---------------------------------------------------------------- who may send, how many


def test_a_pending_organisation_cannot_invite(db) -> None:
    admin = AdminMembershipFactory(organisation=OrganisationFactory(status="pending"))
    with pytest.raises(Refused, match="staff have approved the organisation"):
        invite(admin)
    assert Invitation.objects.count() == 0


def test_a_pending_organisation_sees_why_and_its_invite_post_is_refused(
    client, db, django_capture_on_commit_callbacks
) -> None:
    admin = AdminMembershipFactory(organisation=OrganisationFactory(slug="fresh", status="pending"))
    client.force_login(admin.user)
    page = client.get("/en/my/organisations/fresh/").content.decode()
    assert "s staff have approved the organisation.</p>" in page
    assert 'action="/en/my/organisations/fresh/invite/"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/my/organisations/fresh/invite/",
            {"email": "victim@example.com", "role": "member"},
            follow=True,
        )
    assert "You can invite colleagues once the programme&#x27;s staff have approved" in (
        response.content.decode()
    )
    assert (Invitation.objects.count(), mail.outbox) == (0, [])


def test_an_organisation_sends_at_most_20_invitations_a_day(
    admin, django_capture_on_commit_callbacks
) -> None:
    other_admin = AdminMembershipFactory(organisation=admin.organisation)
    with time_machine.travel(dt.datetime(2030, 1, 1, 9, tzinfo=dt.UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            for n in range(20):
                invite(admin if n % 2 else other_admin, email=f"p{n}@example.org")
        with pytest.raises(Refused, match="20 invitations in 24 hours"):
            invite(other_admin, email="p20@example.org")
    assert len(mail.outbox) == 20
    with time_machine.travel(dt.datetime(2030, 1, 2, 9, 1, tzinfo=dt.UTC), tick=False):
        assert invite(admin, email="p20@example.org").status == "pending"


def test_a_person_sends_at_most_20_invitations_a_day_over_all_organisations(admin) -> None:
    second = AdminMembershipFactory(user=admin.user)
    for n in range(20):
        invite(admin, email=f"p{n}@example.org")
    with pytest.raises(Refused, match="You have sent 20 invitations in 24 hours"):
        invite(second, email="p20@example.org")
    assert Invitation.objects.filter(organisation=second.organisation).count() == 0


def test_the_subject_is_fixed_and_plain_text_is_not_escaped(
    admin, django_capture_on_commit_callbacks
) -> None:
    Organisation = type(admin.organisation)
    Organisation.objects.filter(pk=admin.organisation_id).update(
        name_en='O\'Neill & "Partners" <Lab>'
    )
    with django_capture_on_commit_callbacks(execute=True):
        invite(admin)
    [message] = mail.outbox
    assert message.subject == "[Ponte] You are invited to join an organisation"
    assert 'Anna Admin invites you to join O\'Neill & "Partners" <Lab> on Ponte' in message.body
    assert "&quot;" not in message.body
    assert "&amp;" not in message.body


def test_a_decided_join_request_subject_is_not_escaped(
    admin, django_capture_on_commit_callbacks
) -> None:
    type(admin.organisation).objects.filter(pk=admin.organisation_id).update(
        name_en='O\'Neill & "Partners"'
    )
    person = UserFactory(language="en")
    request = membership_services.join_request_create(
        organisation=admin.organisation, user=person, message=""
    )
    with django_capture_on_commit_callbacks(execute=True):
        membership_services.join_request_decide(join_request=request, by=admin.user, accept=True)
    assert mail.outbox[-1].subject == '[Ponte] You are now a member of O\'Neill & "Partners"'
    assert 'An administrator of O\'Neill & "Partners" accepted' in mail.outbox[-1].body
