"""Admins invite by e-mail with a signed link that expires; join requests go to the admins."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail

from portal import services
from portal.models import Invitation, JoinRequest, Membership
from tests.factories import OrganisationFactory, UserFactory
from tests.portal.factories import AdminMembershipFactory, VerifiedUserFactory


@pytest.fixture
def admin(db) -> Membership:
    return AdminMembershipFactory(
        user=UserFactory(email="admin@example.org", full_name="Anna Admin", language="en"),
        organisation=OrganisationFactory(name_en="Robotics Lab", slug="robotics-lab"),
    )


def invite(admin: Membership, email: str = "colleague@example.org", role: str = "member"):
    return services.invitation_send(
        organisation=admin.organisation,
        email=email,
        role=role,
        by=admin.user,
        base_url="https://ponte.example.org/",
    )


def link(message) -> str:
    return re.search(r"https://ponte\.example\.org(/\S+)", message.body).group(1)


def test_invitation_mail_carries_a_signed_link(admin, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(admin)
    assert [m.to for m in mail.outbox] == [["colleague@example.org"]]
    assert mail.outbox[0].subject == "[Ponte] You are invited to join Robotics Lab"
    assert "Anna Admin invites you to join Robotics Lab" in mail.outbox[0].body
    assert "The link expires in 7 days." in mail.outbox[0].body
    token = link(mail.outbox[0]).split("/")[-2]
    assert services.invitation_from_token(token) == invitation


def test_invitation_mail_uses_the_language_of_an_existing_account(
    admin, django_capture_on_commit_callbacks
) -> None:
    UserFactory(email="colleague@example.org", language="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        invite(admin)
    assert mail.outbox[0].subject == "[Ponte] 邀请您加入 Robotics Lab"


def test_accepting_with_the_invited_address_makes_a_member(admin) -> None:
    invitation = invite(admin, role="admin")
    colleague = UserFactory(email="Colleague@Example.org")
    membership = services.invitation_accept(invitation=invitation, user=colleague)
    assert (membership.organisation, membership.role) == (admin.organisation, "admin")
    invitation.refresh_from_db()
    assert (invitation.status, invitation.accepted_by) == ("accepted", colleague)


def test_another_address_cannot_accept(admin) -> None:
    invitation = invite(admin)
    with pytest.raises(services.Refused, match="another e-mail address"):
        services.invitation_accept(invitation=invitation, user=UserFactory())
    assert admin.organisation.memberships.count() == 1


def test_a_link_expires_after_seven_days(admin) -> None:
    with time_machine.travel(dt.datetime(2030, 1, 1, tzinfo=dt.UTC), tick=False):
        token = services.invitation_token(invite(admin))
    with time_machine.travel(dt.datetime(2030, 1, 7, 23, tzinfo=dt.UTC), tick=False):
        assert services.invitation_from_token(token).email == "colleague@example.org"
    with (
        time_machine.travel(dt.datetime(2030, 1, 8, 1, tzinfo=dt.UTC), tick=False),
        pytest.raises(services.Refused, match="expired"),
    ):
        services.invitation_from_token(token)


def test_a_forged_or_used_link_is_refused(admin) -> None:
    invitation = invite(admin)
    token = services.invitation_token(invitation)
    with pytest.raises(services.Refused, match="not valid"):
        services.invitation_from_token(token[:-2] + "xx")
    services.invitation_accept(invitation=invitation, user=UserFactory(email=invitation.email))
    with pytest.raises(services.Refused, match="already been used"):
        services.invitation_from_token(token)


def test_a_new_invitation_replaces_the_pending_one(admin) -> None:
    first = invite(admin)
    second = invite(admin)
    first.refresh_from_db()
    assert (first.status, second.status) == ("revoked", "pending")
    with pytest.raises(services.Refused):
        services.invitation_from_token(services.invitation_token(first))


def test_members_are_not_invited_again(admin) -> None:
    with pytest.raises(services.Refused, match="already a member"):
        invite(admin, email="ADMIN@example.org")


def test_only_admins_invite(admin) -> None:
    member = Membership.objects.create(user=UserFactory(), organisation=admin.organisation)
    with pytest.raises(services.Refused):
        services.invitation_send(
            organisation=admin.organisation, email="x@example.org", role="member",
            by=member.user, base_url="https://ponte.example.org/",
        )  # fmt: skip
    assert Invitation.objects.count() == 0


def test_invitation_page_accepts_for_the_signed_in_invitee(client, admin) -> None:
    token = services.invitation_token(invite(admin))
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
        services.join_request_create(
            organisation=admin.organisation, user=person, message="I run the lab's robots."
        )
    assert [m.to for m in mail.outbox] == [["admin@example.org"]]
    assert "(person@example.org) asks to join Robotics Lab on Ponte." in mail.outbox[0].body
    assert "I run the lab's robots." in mail.outbox[0].body


def test_one_pending_request_per_person(admin) -> None:
    person = UserFactory()
    services.join_request_create(organisation=admin.organisation, user=person, message="")
    with pytest.raises(services.Refused, match="already asked"):
        services.join_request_create(organisation=admin.organisation, user=person, message="")
    assert JoinRequest.objects.count() == 1


def test_pending_organisations_take_no_requests(db) -> None:
    org = OrganisationFactory(status="pending")
    with pytest.raises(services.Refused):
        services.join_request_create(organisation=org, user=UserFactory(), message="")


def test_members_do_not_ask_to_join(admin) -> None:
    with pytest.raises(services.Refused, match="already a member"):
        services.join_request_create(organisation=admin.organisation, user=admin.user, message="")


def test_accepting_a_request_makes_a_member_and_tells_them(
    admin, django_capture_on_commit_callbacks
) -> None:
    person = UserFactory(email="person@example.org", language="it")
    request = services.join_request_create(organisation=admin.organisation, user=person, message="")
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_decide(join_request=request, by=admin.user, accept=True)
    assert Membership.objects.get(user=person).role == "member"
    assert mail.outbox[-1].to == ["person@example.org"]
    assert mail.outbox[-1].subject == "[Ponte] Ora sei membro di Robotics Lab"
    with pytest.raises(services.Refused, match="already been answered"):
        services.join_request_decide(join_request=request, by=admin.user, accept=False)


def test_declining_a_request_makes_no_member(admin) -> None:
    person = UserFactory()
    request = services.join_request_create(organisation=admin.organisation, user=person, message="")
    services.join_request_decide(join_request=request, by=admin.user, accept=False)
    request.refresh_from_db()
    assert request.status == "declined"
    assert not Membership.objects.filter(user=person).exists()


def test_a_member_cannot_decide_requests(admin) -> None:
    member = Membership.objects.create(user=UserFactory(), organisation=admin.organisation)
    request = services.join_request_create(
        organisation=admin.organisation, user=UserFactory(), message=""
    )
    with pytest.raises(services.Refused):
        services.join_request_decide(join_request=request, by=member.user, accept=True)
