"""Members' list pages run a constant number of queries; the admin pages open."""

import pytest

from tests.core.factories import (
    AdminMembershipFactory,
    CooperationProfileFactory,
    InvitationFactory,
    JoinRequestFactory,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.mark.parametrize("rows", [1, 10])
@pytest.mark.django_db
def test_my_organisations_query_count(client, django_assert_num_queries, rows) -> None:
    user = UserFactory()
    for _ in range(rows):
        MembershipFactory(user=user)
        JoinRequestFactory(user=user)
    client.force_login(user)
    # user, memberships with organisations, pending requests
    with django_assert_num_queries(4):
        page = client.get("/en/my/organisations/")
    assert len(page.context["memberships"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
@pytest.mark.django_db
def test_manage_page_query_count(client, django_assert_num_queries, rows) -> None:
    admin = AdminMembershipFactory(organisation=OrganisationFactory(slug="lab"))
    for _ in range(rows):
        MembershipFactory(organisation=admin.organisation)
        JoinRequestFactory(organisation=admin.organisation)
        InvitationFactory(organisation=admin.organisation)
        CooperationProfileFactory(organisation=admin.organisation)
    client.force_login(admin.user)
    # user, membership, members, requests, invitations, profiles (+ their areas),
    # organisation's areas
    with django_assert_num_queries(9):
        page = client.get("/en/my/organisations/lab/")
    assert len(page.context["members"]) == rows + 1


@pytest.mark.parametrize(
    "path",
    [
        "/en/admin/portal/organisation/",
        "/en/admin/portal/organisation/add/",
        "/en/admin/portal/cooperationprofile/",
        "/en/admin/portal/cooperationprofile/add/",
        "/en/admin/portal/invitation/",
        "/en/admin/portal/joinrequest/",
        "/en/admin/portal/user/",
    ],
)
@pytest.mark.django_db
def test_admin_pages_open(client, path) -> None:
    OrganisationFactory()
    CooperationProfileFactory()
    InvitationFactory()
    JoinRequestFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_admin_change_page_keeps_the_slug_read_only(client) -> None:
    org = OrganisationFactory(slug="fixed")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(f"/en/admin/portal/organisation/{org.pk}/change/").content.decode()
    assert 'name="slug"' not in page
