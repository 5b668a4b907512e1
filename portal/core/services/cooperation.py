"""State changes of cooperation offers and requests."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction

from portal.core.models import CooperationProfile, Organisation, ThematicArea, User
from portal.core.services.common import record_review, require_admin

PROFILE_FIELDS = (
    "kind", "title_en", "title_it", "title_zh_hans", "summary_en", "summary_it",
    "summary_zh_hans", "keywords", "trl", "expires_on",
)  # fmt: skip


def profiles_need_review() -> bool:
    # Staff may review profiles before they are public (the default) or let them through.
    return getattr(settings, "PORTAL_REVIEW_PROFILES", True)


def _initial_status() -> str:
    if profiles_need_review():
        return CooperationProfile.Status.PENDING
    return CooperationProfile.Status.APPROVED


@transaction.atomic
def profile_create(
    *,
    organisation: Organisation,
    user: User,
    data: dict[str, Any],
    areas: Iterable[ThematicArea] = (),
) -> CooperationProfile:
    """An admin publishes an offer or request; it waits for staff review when that is on."""
    require_admin(organisation, user)
    fields = {key: data[key] for key in PROFILE_FIELDS if key in data}
    profile = CooperationProfile.objects.create(
        organisation=organisation, created_by=user, status=_initial_status(), **fields
    )
    profile.areas.set(areas)
    return profile


@transaction.atomic
def profile_update(
    *,
    profile: CooperationProfile,
    user: User,
    data: dict[str, Any],
    areas: Iterable[ThematicArea],
) -> CooperationProfile:
    """An admin edits a profile; an edited profile goes back to review when that is on."""
    profile = CooperationProfile.objects.select_for_update().get(pk=profile.pk)
    require_admin(profile.organisation, user)
    for key in PROFILE_FIELDS:
        if key in data:
            setattr(profile, key, data[key])
    profile.status = _initial_status()
    profile.rejection_reason = ""
    profile.save()
    profile.areas.set(areas)
    return profile


@transaction.atomic
def profile_delete(*, profile: CooperationProfile, user: User) -> None:
    """An admin withdraws a profile for good."""
    require_admin(profile.organisation, user)
    profile.delete()


@transaction.atomic
def profile_approve(*, profile: CooperationProfile, by: User) -> CooperationProfile:
    """Staff approve a profile: it is public until it expires."""
    profile = CooperationProfile.objects.select_for_update().get(pk=profile.pk)
    profile.save(update_fields=record_review(profile, by=by, approved=True))
    return profile


@transaction.atomic
def profile_reject(*, profile: CooperationProfile, by: User, reason: str) -> CooperationProfile:
    """Staff reject a profile with a reason its organisation's members see."""
    profile = CooperationProfile.objects.select_for_update().get(pk=profile.pk)
    profile.save(update_fields=record_review(profile, by=by, approved=False, reason=reason))
    return profile
