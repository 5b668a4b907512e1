"""Every state change of an organisation: registration, edits, staff review of it and of
changes to its public identity. Services are keyword-only and run in one transaction;
where someone must be told, an `_after_*` function does it after commit."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.models import (
    City,
    Membership,
    Notification,
    Organisation,
    ThematicArea,
    User,
)
from portal.core.notifications import notify
from portal.core.search import fold
from portal.core.services.common import (
    Refused,
    admin_users,
    lock_organisation,
    record_review,
    require_admin,
)
from portal.core.slugs import organisation_slug
from portal.core.versions import bump, check_version

ORGANISATION_FIELDS = (
    "name_en", "name_it", "name_zh_hans", "native_name", "acronym", "kind", "country", "region",
    "city", "website", "email", "description_en", "description_it", "description_zh_hans",
    "founded", "size", "languages", "city_name", "city_native_name",
)  # fmt: skip


# What identifies an approved organisation to others: a change goes to staff review first,
# while the approved values stay public. The rest of the profile changes at once.
REVIEWED_FIELDS = ("name_en", "name_it", "name_zh_hans", "native_name", "website", "country")


def programme_city(organisation: Organisation) -> City | None:
    """The programme's city the typed city names (Napoli, naples, 那不勒斯…), in the
    organisation's country, or None: "Hangzhou" stays free text until staff add it as a City."""
    typed = {fold(name.strip()) for name in (organisation.city_name, organisation.city_native_name)}
    typed.discard("")
    if not typed:
        return None
    for city in City.objects.filter(country=organisation.country).order_by("pk"):
        names = {fold(name) for name in (city.name_en, city.name_it, city.name_zh_hans) if name}
        if typed & names:
            return city
    return None


@transaction.atomic
def organisation_register(
    *,
    user: User,
    data: dict[str, Any],
    areas: Iterable[ThematicArea] = (),
    logo: ContentFile | None = None,
) -> Organisation:
    """Create a pending organisation with the user as its admin. Staff review it later."""
    fields = {key: data[key] for key in ORGANISATION_FIELDS if key in data}
    if not fields.get("name_en"):
        # The English column is the fallback of every language: never leave it empty.
        fields["name_en"] = fields.get("native_name") or fields.get("name_zh_hans") or ""
    slug = organisation_slug(fields.get("name_en", ""), fields.get("native_name", ""))
    organisation = Organisation(slug=slug, status=Organisation.Status.PENDING, **fields)
    if "city_name" in data or "city_native_name" in data:
        organisation.city = programme_city(organisation)
    if logo is not None:
        organisation.logo.save(logo.name, logo, save=False)
    organisation.save()
    organisation.areas.set(areas)
    Membership.objects.create(
        user=user, organisation=organisation, role=Membership.Role.ADMIN, shown_publicly=False
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    user: User,
    data: dict[str, Any],
    areas: Iterable[ThematicArea],
    logo: ContentFile | None = None,
    remove_logo: bool = False,
    version: int | None = None,
) -> Organisation:
    """Admins edit their organisation's profile; the slug never changes.

    A rejected organisation that is edited goes back to staff review. For an approved one, a
    new name, website or country is stored as a proposal for staff (replacing any earlier
    one) and the approved values stay public; other fields change at once. A save against a
    newer `version` than the form's is refused (EditConflict, with the differences).
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    require_admin(organisation, user)
    check_version(
        current=organisation,
        version=version,
        incoming={
            **{key: data[key] for key in ORGANISATION_FIELDS if key in data},
            "areas": areas,
        },
    )
    bump(organisation)
    reviewed = organisation.status == Organisation.Status.APPROVED
    live = {key: _plain(getattr(organisation, key)) for key in REVIEWED_FIELDS}
    for key in ORGANISATION_FIELDS:
        if key in data:
            setattr(organisation, key, data[key])
    if "city_name" in data or "city_native_name" in data:
        organisation.city = programme_city(organisation)
    if organisation.status == Organisation.Status.REJECTED:
        organisation.status = Organisation.Status.PENDING
    if not organisation.name_en:
        organisation.name_en = organisation.native_name
    if reviewed:
        wanted = {key: _plain(getattr(organisation, key)) for key in REVIEWED_FIELDS}
        proposal = {key: value for key, value in wanted.items() if value != live[key]}
        for key, value in live.items():
            setattr(organisation, key, value)
        if proposal != organisation.proposed_changes:
            # A new time marks a new proposal: staff's approval must name the one they saw.
            organisation.changes_proposed_at = timezone.now() if proposal else None
        organisation.proposed_changes = proposal
    old_logo = organisation.logo.name if organisation.logo else ""
    if logo is not None:
        organisation.logo.save(logo.name, logo, save=False)
    elif remove_logo:
        organisation.logo = ""
    organisation.save()
    organisation.areas.set(areas)
    if old_logo and old_logo != (organisation.logo.name or ""):
        storage = organisation.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return organisation


@transaction.atomic
def organisation_approve(*, organisation: Organisation, by: User) -> Organisation:
    """Staff approve a pending (or previously rejected) organisation: it becomes public.

    Side effect: its admins are told by e-mail after commit.
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.status == Organisation.Status.APPROVED:
        return organisation
    fields = record_review(organisation, by=by, approved=True)
    organisation.save(update_fields=bump(organisation, fields))
    _after_organisation_approved(organisation_id=organisation.pk)
    return organisation


@transaction.atomic
def organisation_reject(*, organisation: Organisation, by: User, reason: str) -> Organisation:
    """Staff reject an organisation with a reason, which its admins receive by e-mail."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    fields = record_review(organisation, by=by, approved=False, reason=reason)
    organisation.save(update_fields=bump(organisation, fields))
    _after_organisation_rejected(organisation_id=organisation.pk)
    return organisation


CHANGE_GONE = _("The proposed change was replaced or withdrawn meanwhile: review it again.")


def _plain(value: Any) -> str:
    # A CountryField gives a Country object; proposals are stored as JSON strings.
    return str(value or "")


@transaction.atomic
def organisation_change_approve(
    *, organisation: Organisation, by: User, proposed_at: datetime | None
) -> Organisation:
    """Staff approve the proposed name, website or country: it replaces the public values.

    `proposed_at` is when the proposal staff looked at was made: if the admins replaced it
    since, it is refused, so that staff never approve values they have not seen. Side effect:
    the organisation's admins are notified.
    """
    organisation = lock_organisation(organisation)
    if not organisation.proposed_changes or organisation.changes_proposed_at != proposed_at:
        raise Refused(CHANGE_GONE)
    for key, value in organisation.proposed_changes.items():
        if key in REVIEWED_FIELDS:
            setattr(organisation, key, value)
    organisation.proposed_changes = {}
    organisation.changes_proposed_at = None
    organisation.reviewed_at = timezone.now()
    organisation.reviewed_by = by
    bump(organisation)
    organisation.save()
    _notify_admins_of_change(organisation=organisation, kind="organisation_change_approved")
    return organisation


@transaction.atomic
def organisation_change_reject(
    *, organisation: Organisation, by: User, reason: str
) -> Organisation:
    """Staff turn down the proposed name, website or country; the admins are told why."""
    if not reason.strip():
        raise Refused(_("Give a reason for the rejection."))
    organisation = lock_organisation(organisation)
    if not organisation.proposed_changes:
        raise Refused(CHANGE_GONE)
    organisation.proposed_changes = {}
    organisation.changes_proposed_at = None
    organisation.save(update_fields=bump(organisation, ["proposed_changes", "changes_proposed_at"]))
    _notify_admins_of_change(
        organisation=organisation, kind="organisation_change_rejected", reason=reason.strip()
    )
    return organisation


def _after_organisation_approved(*, organisation_id: int) -> None:
    organisation = Organisation.objects.get(pk=organisation_id)
    for admin in admin_users(organisation):
        notify(
            recipient=admin,
            kind=Notification.Kind.ORGANISATION_APPROVED,
            context={"organisation": organisation},
            link=organisation.get_absolute_url(),
        )


def _after_organisation_rejected(*, organisation_id: int) -> None:
    organisation = Organisation.objects.get(pk=organisation_id)
    for admin in admin_users(organisation):
        notify(
            recipient=admin,
            kind=Notification.Kind.ORGANISATION_REJECTED,
            context={"organisation": organisation, "reason": organisation.rejection_reason},
            link=reverse("portal:organisation_edit", kwargs={"slug": organisation.slug}),
        )


def _notify_admins_of_change(*, organisation: Organisation, kind: str, reason: str = "") -> None:
    approved = kind == Notification.Kind.ORGANISATION_CHANGE_APPROVED
    link = (
        organisation.get_absolute_url()
        if approved
        else reverse("portal:organisation_manage", kwargs={"slug": organisation.slug})
    )
    for admin in admin_users(organisation):
        notify(
            recipient=admin,
            kind=kind,
            context={"organisation": organisation, "reason": reason},
            link=link,
        )
