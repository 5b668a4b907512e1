"""Rights matrix of the notification URLs: who gets what, for every pattern of the app."""

import pytest
from django.urls import reverse

from portal.core.models import Membership, Notification
from portal.core.notifications import urls as notification_urls
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.notifications.factories import NotificationFactory

PEOPLE = ["anonymous", "member_a", "admin_a", "member_b", "staff"]

# (url name, method, expected status for each of PEOPLE). The notification in the URL belongs
# to member_a: everyone else gets a 404 for it, even staff (staff use the staff page).
MATRIX = [
    ("inbox", "get", [302, 200, 200, 200, 200]),
    ("read", "post", [302, 302, 404, 404, 404]),
    ("read_all", "post", [302, 302, 302, 302, 302]),
    ("preferences", "get", [302, 200, 200, 200, 200]),
    ("staff", "get", [302, 403, 403, 403, 200]),
    ("retry", "post", [302, 403, 403, 403, 302]),
]


@pytest.fixture
def people() -> dict:
    org_a, org_b = OrganisationFactory(), OrganisationFactory()
    return {
        "anonymous": None,
        "member_a": MembershipFactory(organisation=org_a).user,
        "admin_a": MembershipFactory(organisation=org_a, role=Membership.Role.ADMIN).user,
        "member_b": MembershipFactory(organisation=org_b).user,
        "staff": UserFactory(is_staff=True),
    }


def _url(name: str, notification: Notification) -> str:
    if name in {"read", "retry"}:
        return reverse(f"notifications:{name}", args=[notification.pk])
    return reverse(f"notifications:{name}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
def test_rights_matrix(client, people, name, method, expected) -> None:
    notification = NotificationFactory(
        recipient=people["member_a"], state=Notification.State.FAILED
    )
    seen = []
    for who in PEOPLE:
        client.logout()
        if people[who] is not None:
            client.force_login(people[who])
        seen.append(getattr(client, method)(_url(name, notification)).status_code)
    assert seen == expected


def test_every_url_pattern_is_in_the_matrix() -> None:
    names = {pattern.name for pattern in notification_urls.urlpatterns}
    assert names == {name for name, _, _ in MATRIX}
