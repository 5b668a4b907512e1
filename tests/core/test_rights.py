"""Every URL of the portal app × every kind of visitor gets the expected answer."""

import pytest
from django.utils import timezone

from portal.core import urls as app_urls
from portal.core.services import export as export_services
from portal.core.services import memberships as membership_services
from tests.core.factories import (
    AdminMembershipFactory,
    CooperationProfileFactory,
    InvitationFactory,
    JoinRequestFactory,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

ROLES = ["anonymous", "member_a", "admin_a", "member_b", "staff"]
LOGIN = "login"  # a redirect to the sign-in page

# name: (method, expected answer per role, in ROLES order)
MEMBER_PAGE = (LOGIN, 200, 200, 404, 404)
MEMBER_ACTION = (LOGIN, 302, 302, 404, 404)
ADMIN_PAGE = (LOGIN, 403, 200, 404, 404)
ADMIN_ACTION = (LOGIN, 403, 302, 404, 404)
STAFF_PAGE = (LOGIN, 403, 403, 403, 200)
STAFF_ACTION = (LOGIN, 403, 403, 403, 302)
SIGNED_IN_PAGE = (LOGIN, 200, 200, 200, 200)
SIGNED_IN_ACTION = (LOGIN, 302, 302, 302, 302)
PUBLIC = (200, 200, 200, 200, 200)
# member_a's own archive: a 404 for everyone else, staff included (they see dates, no content).
OWNER_ONLY = (LOGIN, 200, 404, 404, 404)

MATRIX = {
    "directory": ("get", PUBLIC),
    "cooperation": ("get", PUBLIC),
    "organisation": ("get", PUBLIC),
    "join": ("post", SIGNED_IN_ACTION),
    "invitation": ("get", PUBLIC),
    "account": ("get", SIGNED_IN_PAGE),
    "welcome": ("get", SIGNED_IN_PAGE),
    "privacy_read": ("post", SIGNED_IN_ACTION),
    "account_delete": ("get", SIGNED_IN_PAGE),
    "archive_request": ("post", SIGNED_IN_ACTION),
    "archive_download": ("get", OWNER_ONLY),
    "staff_personal_data": ("get", STAFF_PAGE),
    "my_organisations": ("get", SIGNED_IN_PAGE),
    "organisation_register": ("get", SIGNED_IN_PAGE),
    "organisation_manage": ("get", MEMBER_PAGE),
    "organisation_edit": ("get", ADMIN_PAGE),
    "membership_own": ("post", MEMBER_ACTION),
    "organisation_invite": ("post", ADMIN_ACTION),
    "invitation_revoke": ("post", ADMIN_ACTION),
    "membership_role": ("post", ADMIN_ACTION),
    "membership_remove": ("post", ADMIN_ACTION),
    "join_request_accept": ("post", ADMIN_ACTION),
    "join_request_decline": ("post", ADMIN_ACTION),
    "profile_create": ("get", ADMIN_PAGE),
    "profile_edit": ("get", ADMIN_PAGE),
    "profile_delete": ("post", ADMIN_ACTION),
    "review": ("get", STAFF_PAGE),
    "review_organisation_approve": ("post", STAFF_ACTION),
    "review_organisation_reject": ("post", STAFF_ACTION),
    "review_change_approve": ("post", STAFF_ACTION),
    "review_change_reject": ("post", STAFF_ACTION),
    "review_profile_approve": ("post", STAFF_ACTION),
    "review_profile_reject": ("post", STAFF_ACTION),
}


@pytest.fixture
def world(db, settings, tmp_path) -> dict:
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    org_a = OrganisationFactory(slug="org-a")
    org_b = OrganisationFactory(slug="org-b")
    pending = OrganisationFactory(slug="pending", status="pending")
    changed = OrganisationFactory(
        slug="changed", proposed_changes={"name_en": "New"}, changes_proposed_at=timezone.now()
    )
    other = MembershipFactory(organisation=org_a)
    invitation = InvitationFactory(organisation=org_a)
    accepted, declined = JoinRequestFactory.create_batch(2, organisation=org_a)
    edited, deleted = CooperationProfileFactory.create_batch(2, organisation=org_a)
    approved = CooperationProfileFactory(organisation=org_a, status="pending")
    rejected = CooperationProfileFactory(organisation=org_b, status="pending")
    mine = "/en/my/organisations/org-a"
    member_a = MembershipFactory(organisation=org_a).user
    archive = export_services.export_request(user=member_a)
    export_services.export_build(request_id=archive.pk)
    return {
        "users": {
            "member_a": member_a,
            "admin_a": AdminMembershipFactory(organisation=org_a).user,
            "member_b": MembershipFactory(organisation=org_b).user,
            "staff": UserFactory(is_staff=True),
        },
        "paths": {
            "directory": "/en/partners/",
            "cooperation": "/en/cooperation/",
            "organisation": "/en/partners/org-a/",
            "join": "/en/partners/org-a/join/",
            "invitation": f"/en/invitations/{membership_services.invitation_token(invitation)}/",
            "account": "/en/my/account/",
            "welcome": "/en/my/welcome/",
            "privacy_read": "/en/my/privacy-notice/read/",
            "account_delete": "/en/my/account/delete/",
            "archive_request": "/en/my/account/archive/",
            "archive_download": f"/en/my/account/archive/{archive.pk}/",
            "staff_personal_data": "/en/staff/personal-data/",
            "my_organisations": "/en/my/organisations/",
            "organisation_register": "/en/my/organisations/new/",
            "organisation_manage": "/en/my/organisations/org-a/",
            "organisation_edit": "/en/my/organisations/org-a/edit/",
            "membership_own": "/en/my/organisations/org-a/me/",
            "organisation_invite": "/en/my/organisations/org-a/invite/",
            "invitation_revoke": f"/en/my/organisations/org-a/invitations/{invitation.pk}/revoke/",
            "membership_role": f"/en/my/organisations/org-a/members/{other.pk}/role/",
            "membership_remove": f"/en/my/organisations/org-a/members/{other.pk}/remove/",
            "join_request_accept": f"{mine}/requests/{accepted.pk}/accept/",
            "join_request_decline": f"{mine}/requests/{declined.pk}/decline/",
            "profile_create": "/en/my/organisations/org-a/profiles/new/",
            "profile_edit": f"{mine}/profiles/{edited.pk}/edit/",
            "profile_delete": f"{mine}/profiles/{deleted.pk}/delete/",
            "review": "/en/staff/review/",
            "review_organisation_approve": f"/en/staff/review/organisations/{pending.pk}/approve/",
            "review_organisation_reject": f"/en/staff/review/organisations/{pending.pk}/reject/",
            "review_change_approve": f"/en/staff/review/changes/{changed.pk}/approve/",
            "review_change_reject": f"/en/staff/review/changes/{changed.pk}/reject/",
            "review_profile_approve": f"/en/staff/review/profiles/{approved.pk}/approve/",
            "review_profile_reject": f"/en/staff/review/profiles/{rejected.pk}/reject/",
        },
    }


POST_DATA = {"role": "member", "email": "x@example.org", "reason": "Because.", "message": ""}


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_rights(client, world, name: str, role: str) -> None:
    method, answers = MATRIX[name]
    expected = answers[ROLES.index(role)]
    if role != "anonymous":
        client.force_login(world["users"][role])
    path = world["paths"][name]
    response = client.post(path, POST_DATA) if method == "post" else client.get(path)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/?next=")
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("name", sorted(n for n, (m, _a) in MATRIX.items() if m == "post"))
def test_state_changes_refuse_get(client, world, name: str) -> None:
    client.force_login(
        world["users"]["admin_a"] if "review" not in name else world["users"]["staff"]
    )
    assert client.get(world["paths"][name]).status_code == 405


def test_every_url_of_the_app_is_in_the_matrix(world) -> None:
    names = {pattern.name for pattern in app_urls.urlpatterns}
    assert names == set(MATRIX)
    assert names == set(world["paths"])
