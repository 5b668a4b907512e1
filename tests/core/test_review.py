"""Staff review pending organisations and profiles, approving or rejecting in one click."""

import pytest
from django.utils.timezone import now

from portal.core.models import CooperationProfile, Organisation
from tests.core.factories import (
    AdminMembershipFactory,
    CooperationProfileFactory,
    VerifiedUserFactory,
)
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ThematicAreaFactory,
    UserFactory,
)


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(is_staff=True))
    return client


def test_review_page_lists_what_waits(staff_client) -> None:
    AdminMembershipFactory(
        organisation=OrganisationFactory(name_en="New Lab", status="pending"),
        user=UserFactory(email="founder@example.org"),
    )
    OrganisationFactory(name_en="Old Lab", status="approved")
    CooperationProfileFactory(title_en="Fresh offer", status="pending")
    CooperationProfileFactory(title_en="Live offer", status="approved")
    page = staff_client.get("/en/staff/review/").content.decode()
    assert "<h3>New Lab</h3>" in page
    assert "founder@example.org" in page
    assert "<h3>Fresh offer</h3>" in page
    assert "Old Lab" not in page
    assert "Live offer" not in page
    assert "1 organisation" in page


def test_review_page_shows_what_staff_decide_on(staff_client) -> None:
    org = OrganisationFactory(
        name_en="New Lab", status="pending", website="https://www.newlab.it/",
        description_en="Robots for vineyards.", description_zh_hans="葡萄园机器人。",
    )  # fmt: skip
    org.areas.set([ThematicAreaFactory(name_en="Agriculture and Food Safety")])
    AdminMembershipFactory(
        organisation=org, user=VerifiedUserFactory(email="anna@lab.newlab.it", full_name="Anna")
    )
    MembershipFactory(organisation=org, user=UserFactory(email="bob@gmail.com", full_name="Bob"))
    CooperationProfileFactory(
        organisation=org, kind="technology_offer", title_en="Vineyard robot", status="pending"
    )
    page = staff_client.get("/en/staff/review/").content.decode()
    assert '<p lang="en">Robots for vineyards.</p>' in page
    assert '<p lang="zh-Hans">葡萄园机器人。</p>' in page
    assert "<dd>Agriculture and Food Safety</dd>" in page
    assert 'href="https://www.newlab.it/"' in page
    assert (
        "<li>Anna · Administrator · anna@lab.newlab.it · <strong>lab.newlab.it</strong>: "
        "address confirmed · same domain as the website</li>"
    ) in page
    assert (
        "<li>Bob · Member · bob@gmail.com · <strong>gmail.com</strong>: address not confirmed</li>"
    ) in page
    assert "<li>Technology offer: Vineyard robot (Pending review)</li>" in page


def test_one_click_approve(staff_client) -> None:
    org = OrganisationFactory(name_en="New Lab", status="pending")
    response = staff_client.post(f"/en/staff/review/organisations/{org.pk}/approve/")
    assert response["Location"] == "/en/staff/review/"
    org.refresh_from_db()
    assert org.status == "approved"


def test_reject_needs_a_reason(staff_client) -> None:
    org = OrganisationFactory(name_en="New Lab", status="pending")
    response = staff_client.post(
        f"/en/staff/review/organisations/{org.pk}/reject/", {"reason": ""}, follow=True
    )
    assert "Give a reason for the rejection." in response.content.decode()
    org.refresh_from_db()
    assert org.status == "pending"
    staff_client.post(f"/en/staff/review/organisations/{org.pk}/reject/", {"reason": "Spam."})
    org.refresh_from_db()
    assert (org.status, org.rejection_reason) == ("rejected", "Spam.")


def test_profile_reject_with_reason(staff_client) -> None:
    profile = CooperationProfileFactory(status="pending")
    staff_client.post(f"/en/staff/review/profiles/{profile.pk}/reject/", {"reason": "Vague."})
    profile.refresh_from_db()
    assert (profile.status, profile.rejection_reason) == ("rejected", "Vague.")


def test_review_page_query_count_is_constant(staff_client, django_assert_num_queries) -> None:
    def queries_for(rows: int) -> None:
        for _ in range(rows):
            AdminMembershipFactory(organisation=OrganisationFactory(status="pending"))
            OrganisationFactory(proposed_changes={"name_en": "New"}, changes_proposed_at=now())
            CooperationProfileFactory(status="pending")
        staff_client.get("/en/staff/review/")  # the session and the bell's count cached
        # user, organisations, their areas, memberships with users, those users'
        # e-mail addresses, their offers and requests, changes, profiles
        with django_assert_num_queries(8):
            assert staff_client.get("/en/staff/review/").status_code == 200
        Organisation.objects.all().delete()
        CooperationProfile.objects.all().delete()

    queries_for(1)
    queries_for(10)
