"""Cooperation profiles: reviewed first (the default) or published at once; edits go back."""

import pytest

from portal.core.services import cooperation
from portal.core.services.common import Refused
from tests.core.factories import AdminMembershipFactory, CooperationProfileFactory
from tests.factories import UserFactory

DATA = {"kind": "investment", "title_en": "Seed fund", "summary_en": "We invest.", "trl": None}


@pytest.mark.django_db
def test_profiles_wait_for_review_by_default() -> None:
    member = AdminMembershipFactory()
    profile = cooperation.profile_create(
        organisation=member.organisation, user=member.user,
        data={**DATA, "expires_on": "2999-01-01"},
    )  # fmt: skip
    assert profile.status == "pending"


@pytest.mark.django_db
def test_profiles_are_published_at_once_when_review_is_off(settings) -> None:
    settings.PORTAL_REVIEW_PROFILES = False
    member = AdminMembershipFactory()
    profile = cooperation.profile_create(
        organisation=member.organisation, user=member.user,
        data={**DATA, "expires_on": "2999-01-01"},
    )  # fmt: skip
    assert profile.status == "approved"


@pytest.mark.django_db
def test_an_edited_profile_goes_back_to_review() -> None:
    member = AdminMembershipFactory()
    profile = CooperationProfileFactory(organisation=member.organisation, status="approved")
    cooperation.profile_update(
        profile=profile, user=member.user, data={"title_en": "Changed"}, areas=[]
    )
    profile.refresh_from_db()
    assert (profile.status, profile.title_en) == ("pending", "Changed")


@pytest.mark.django_db
def test_only_admins_write_profiles() -> None:
    profile = CooperationProfileFactory()
    with pytest.raises(Refused):
        cooperation.profile_update(profile=profile, user=UserFactory(), data={}, areas=[])
    with pytest.raises(Refused):
        cooperation.profile_delete(profile=profile, user=UserFactory())


@pytest.mark.django_db
def test_rejecting_a_profile_needs_a_reason() -> None:
    profile = CooperationProfileFactory(status="pending")
    with pytest.raises(Refused):
        cooperation.profile_reject(profile=profile, by=UserFactory(is_staff=True), reason=" ")
