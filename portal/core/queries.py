"""Reads of the portal app, each with a fixed number of queries whatever the row count."""

from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country

from portal.core.models import (
    CooperationProfile,
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    User,
)


def directory_queryset() -> QuerySet[Organisation]:
    """Published organisations with what a directory card shows (one query per page)."""
    return (
        Organisation.objects.published()
        .select_related("city")
        .only(
            "slug", "name_en", "name_it", "name_zh_hans", "native_name", "acronym", "kind",
            "country", "logo", "city_name", "city_native_name", "city__slug", "city__name_en",
            "city__name_it", "city__name_zh_hans", "created_at",
        )
    )  # fmt: skip


def cooperation_queryset() -> QuerySet[CooperationProfile]:
    """Public offers and requests, newest first, with their organisation and areas."""
    return (
        CooperationProfile.objects.public()
        .select_related("organisation")
        .prefetch_related("areas")
        .order_by("-created_at", "pk")
    )


def public_organisation(slug: str) -> Organisation:
    """A published organisation with its areas, public profiles and public members."""
    queryset = (
        Organisation.objects.published()
        .select_related("city")
        .prefetch_related(
            "areas",
            Prefetch(
                "profiles",
                queryset=CooperationProfile.objects.public()
                .prefetch_related("areas")
                .order_by("expires_on", "pk"),
                to_attr="public_profiles",
            ),
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(shown_publicly=True)
                .select_related("user")
                .order_by("user__full_name", "pk"),
                to_attr="public_members",
            ),
        )
    )
    organisation = queryset.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def membership_of(user: User, slug: str) -> Membership:
    """The user's membership of the organisation; a 404 for anyone else, staff included."""
    membership = (
        Membership.objects.select_related("organisation", "organisation__city")
        .filter(user=user, organisation__slug=slug)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def admin_membership_of(user: User, slug: str) -> Membership:
    """As membership_of, and the user must be one of its admins (else 403)."""
    membership = membership_of(user, slug)
    if membership.role != Membership.Role.ADMIN:
        raise PermissionDenied
    return membership


def my_memberships(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation", "organisation__city")
        .order_by("organisation__name_en")
    )


def manage_page(organisation: Organisation) -> dict:
    """What the organisation's members see on its private page."""
    return {
        "members": list(
            organisation.memberships.select_related("user").order_by("-role", "user__email")
        ),
        "join_requests": list(
            organisation.join_requests.filter(status=JoinRequest.Status.PENDING).select_related(
                "user"
            )
        ),
        "invitations": list(organisation.invitations.filter(status=Invitation.Status.PENDING)),
        "profiles": list(organisation.profiles.prefetch_related("areas").order_by("-created_at")),
        "areas": list(organisation.areas.all()),
        "proposed_changes": proposed_changes(organisation),
    }


# Labels of the fields whose change staff review (services.REVIEWED_FIELDS).
CHANGE_LABELS = {
    "name_en": _("Name in English"),
    "name_it": _("Name in Italian"),
    "name_zh_hans": _("Name in Chinese"),
    "native_name": _("name in its own script"),
    "website": _("Website"),
    "country": _("Country"),
}


def proposed_changes(organisation: Organisation) -> list[tuple[str, str, str]]:
    """(label, public value, proposed value) of each field the organisation's admins changed."""

    def shown(key: str, value: str) -> str:
        return str(Country(code=value).name) if key == "country" and value else value

    return [
        (
            CHANGE_LABELS[key],
            shown(key, str(getattr(organisation, key) or "")),
            shown(key, str(value)),
        )
        for key, value in organisation.proposed_changes.items()
        if key in CHANGE_LABELS
    ]


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower()


def _with_member_domains(organisation: Organisation) -> Organisation:
    """Sets on each member `email_verified` and `email_domain`, and on the organisation
    `website_domain`: staff compare them (a member writing from the organisation's own domain,
    with the address confirmed, is a good sign it is theirs)."""
    website = urlsplit(organisation.website).hostname or ""
    organisation.website_domain = website.lower().removeprefix("www.")
    for membership in organisation.memberships.all():
        user = membership.user
        membership.email_domain = _domain(user.email)
        membership.email_verified = any(
            address.verified and address.email.lower() == user.email.lower()
            for address in user.emailaddress_set.all()
        )
        membership.domain_matches = bool(organisation.website_domain) and (
            membership.email_domain == organisation.website_domain
            or membership.email_domain.endswith("." + organisation.website_domain)
        )
    return organisation


def review_page() -> dict:
    """Pending organisations, proposed changes and profiles, oldest first, for staff."""
    return {
        "changes": [
            (organisation, proposed_changes(organisation))
            for organisation in Organisation.objects.with_proposed_changes().order_by(
                "changes_proposed_at", "pk"
            )
        ],
        "organisations": [
            _with_member_domains(organisation)
            for organisation in Organisation.objects.pending()
            .select_related("city")
            .prefetch_related(
                "areas",
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.select_related("user")
                    .prefetch_related("user__emailaddress_set")
                    .order_by("pk"),
                ),
                Prefetch("profiles", queryset=CooperationProfile.objects.order_by("pk")),
            )
            .order_by("created_at", "pk")
        ],
        "profiles": list(
            CooperationProfile.objects.pending()
            .select_related("organisation")
            .order_by("created_at", "pk")
        ),
    }
