"""Roles, removal, leaving: an organisation always keeps one admin."""

import threading

import pytest
from django.db import connection

from portal.core.models import Membership
from portal.core.services import memberships as membership_services
from portal.core.services.common import Refused
from tests.core.factories import AdminMembershipFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def org_with_admin(db):
    admin = AdminMembershipFactory()
    member = MembershipFactory(organisation=admin.organisation)
    return admin, member


def roles(organisation) -> list[tuple[str, str]]:
    return list(organisation.memberships.order_by("user__email").values_list("user__email", "role"))


def test_admin_promotes_a_member(org_with_admin) -> None:
    admin, member = org_with_admin
    membership_services.membership_change_role(membership=member, role="admin", by=admin.user)
    member.refresh_from_db()
    assert member.role == "admin"


def test_the_last_admin_cannot_step_down(org_with_admin) -> None:
    admin, _member = org_with_admin
    with pytest.raises(Refused, match="at least one administrator"):
        membership_services.membership_change_role(membership=admin, role="member", by=admin.user)
    admin.refresh_from_db()
    assert admin.role == "admin"


def test_the_last_admin_cannot_leave_or_be_removed(org_with_admin) -> None:
    admin, _member = org_with_admin
    with pytest.raises(Refused):
        membership_services.membership_remove(membership=admin, by=admin.user)
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_an_admin_steps_down_when_another_admin_remains(org_with_admin) -> None:
    admin, member = org_with_admin
    membership_services.membership_change_role(membership=member, role="admin", by=admin.user)
    membership_services.membership_change_role(membership=admin, role="member", by=admin.user)
    assert sorted(r for _e, r in roles(admin.organisation)) == ["admin", "member"]


def test_a_member_cannot_change_roles(org_with_admin) -> None:
    _admin, member = org_with_admin
    with pytest.raises(Refused, match="Only the organisation's administrators"):
        membership_services.membership_change_role(membership=member, role="admin", by=member.user)
    member.refresh_from_db()
    assert member.role == "member"


def test_an_unknown_role_is_refused(org_with_admin) -> None:
    admin, member = org_with_admin
    with pytest.raises(Refused):
        membership_services.membership_change_role(membership=member, role="owner", by=admin.user)


def test_admin_removes_a_member_and_a_member_leaves(org_with_admin) -> None:
    admin, member = org_with_admin
    other = MembershipFactory(organisation=admin.organisation)
    membership_services.membership_remove(membership=member, by=admin.user)
    membership_services.membership_remove(membership=other, by=other.user)
    assert roles(admin.organisation) == [(admin.user.email, "admin")]


def test_a_member_cannot_remove_another(org_with_admin) -> None:
    admin, member = org_with_admin
    with pytest.raises(Refused):
        membership_services.membership_remove(membership=admin, by=member.user)


def test_an_admin_of_another_organisation_has_no_say(org_with_admin) -> None:
    _admin, member = org_with_admin
    outsider = AdminMembershipFactory(organisation=OrganisationFactory())
    with pytest.raises(Refused):
        membership_services.membership_remove(membership=member, by=outsider.user)


def test_membership_is_unique_per_person_and_organisation(org_with_admin) -> None:
    from django.db import IntegrityError, transaction

    admin, _member = org_with_admin
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=admin.user, organisation=admin.organisation)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_admins_demoting_each_other_at_once_leave_one_admin() -> None:
    organisation = OrganisationFactory()
    first = AdminMembershipFactory(organisation=organisation, user=UserFactory())
    second = AdminMembershipFactory(organisation=organisation, user=UserFactory())
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def demote(target: Membership, actor) -> None:
        try:
            barrier.wait()
            membership_services.membership_change_role(membership=target, role="member", by=actor)
            outcomes.append("done")
        except Refused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=demote, args=(second, first.user)),
        threading.Thread(target=demote, args=(first, second.user)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done", "refused"]
    assert organisation.memberships.filter(role="admin").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_admins_removing_each_other_at_once_leave_one_admin() -> None:
    organisation = OrganisationFactory()
    first = AdminMembershipFactory(organisation=organisation, user=UserFactory())
    second = AdminMembershipFactory(organisation=organisation, user=UserFactory())
    barrier = threading.Barrier(2)

    def remove(target: Membership, actor) -> None:
        try:
            barrier.wait()
            membership_services.membership_remove(membership=target, by=actor)
        except Refused:
            pass
        finally:
            connection.close()

    threads = [
        threading.Thread(target=remove, args=(second, first.user)),
        threading.Thread(target=remove, args=(first, second.user)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert organisation.memberships.filter(role="admin").count() == 1
