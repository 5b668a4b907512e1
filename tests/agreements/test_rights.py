"""Every URL of the agreements app (and the figures pages) × every kind of visitor."""

import pytest
from django.urls import URLPattern, reverse

from agreements.urls import urlpatterns
from portal.core.models import Membership
from portal.shell.urls import urlpatterns as shell_urlpatterns
from tests.agreements.factories import DocumentFactory
from tests.factories import (
    AgreementFactory,
    MembershipFactory,
    OrganisationFactory,
    PartyFactory,
    UserFactory,
)

VISITORS = ["anonymous", "member_a", "admin_a", "member_b", "staff"]
FIGURES = {"figures", "figures_csv"}

# name → (method, expected status for each of VISITORS, in order). The agreement and its
# document belong to organisation A and are restricted to its parties; the document is private.
MATRIX: dict[str, tuple[str, tuple[int, ...]]] = {
    "list": ("get", (200, 200, 200, 200, 200)),
    "ceremony": ("get", (302, 403, 403, 403, 200)),
    "agreement": ("get", (404, 200, 200, 404, 200)),
    "status": ("post", (302, 403, 403, 403, 302)),
    "document_add": ("get", (302, 403, 403, 403, 200)),
    "project_add": ("get", (302, 403, 403, 403, 200)),
    "document": ("get", (404, 200, 200, 404, 200)),
    "document_publish": ("post", (302, 403, 403, 403, 302)),
    "figures": ("get", (200, 200, 200, 200, 200)),
    "figures_csv": ("get", (302, 403, 403, 403, 200)),
}  # fmt: skip


def test_matrix_covers_every_url() -> None:
    names = {p.name for p in urlpatterns if isinstance(p, URLPattern)}
    figures = {p.name for p in shell_urlpatterns if p.name in FIGURES}
    assert figures == FIGURES
    assert names | figures == set(MATRIX)


@pytest.fixture
def world(db) -> dict:
    org_a, org_b = OrganisationFactory(), OrganisationFactory()
    agreement = AgreementFactory(visibility="parties")
    PartyFactory(agreement=agreement, organisation=org_a)
    document = DocumentFactory(agreement=agreement, published=False)
    users = {
        "member_a": MembershipFactory(organisation=org_a).user,
        "admin_a": MembershipFactory(organisation=org_a, role=Membership.Role.ADMIN).user,
        "member_b": MembershipFactory(organisation=org_b).user,
        "staff": UserFactory(is_staff=True),
    }
    slug = agreement.slug
    urls = {
        "list": reverse("agreements:list"),
        "ceremony": reverse("agreements:ceremony"),
        "agreement": reverse("agreements:agreement", kwargs={"slug": slug}),
        "status": reverse("agreements:status", kwargs={"slug": slug}),
        "document_add": reverse("agreements:document_add", kwargs={"slug": slug}),
        "project_add": reverse("agreements:project_add", kwargs={"slug": slug}),
        "document": reverse("agreements:document", kwargs={"slug": slug, "pk": document.pk}),
        "document_publish": reverse(
            "agreements:document_publish", kwargs={"slug": slug, "pk": document.pk}
        ),
        "figures": reverse("shell:figures"),
        "figures_csv": reverse("shell:figures_csv", kwargs={"table": "agreements-by-kind"}),
    }
    return {"users": users, "urls": urls}


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_rights(client, world, name: str, visitor: str) -> None:
    method, expected = MATRIX[name]
    if visitor != "anonymous":
        client.force_login(world["users"][visitor])
    data = {"status": "in_force", "published": "1"} if method == "post" else None
    response = getattr(client, method)(world["urls"][name], data)
    assert response.status_code == expected[VISITORS.index(visitor)]
