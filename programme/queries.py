"""Reads of the programme app, scoped to what the asking user may see."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from portal.core.models import Membership, Organisation, User
from programme.models import (
    Edition,
    ProgrammeSession,
    Registration,
    RegistrationInvitation,
    Speaker,
    StartupApplication,
)


def edition_or_404(year: int) -> Edition:
    return get_object_or_404(Edition.objects.with_cities(), year=year)


def sessions_of(edition: Edition) -> QuerySet[ProgrammeSession]:
    """Sessions with everything a programme page shows, in a constant number of queries."""
    return (
        ProgrammeSession.objects.filter(edition=edition)
        .select_related("venue", "city")
        .prefetch_related(
            "areas",
            Prefetch("speakers", Speaker.objects.select_related("organisation")),
        )
        # Sessions whose time is not known yet come after the dated ones, on every database.
        .order_by(F("start").asc(nulls_last=True), F("city__slug").asc(nulls_last=True), "pk")
    )


def has_timed_sessions(edition: Edition) -> bool:
    """Whether a calendar file would hold anything: sessions of unknown time are left out."""
    return ProgrammeSession.objects.filter(edition=edition, start__isnull=False).exists()


def shortlisted_startups(edition: Edition) -> QuerySet[StartupApplication]:
    return (
        StartupApplication.objects.filter(
            edition=edition, status=StartupApplication.Status.SHORTLISTED
        )
        .select_related("organisation__city")
        .order_by("organisation__name")
    )


def live_figures(edition: Edition) -> dict[str, int]:
    """Counts for an edition run on the portal: confirmed delegates and programme sessions."""
    confirmed = Q(status=Registration.Status.CONFIRMED)
    people = Registration.objects.filter(edition=edition).aggregate(
        participants=Count("pk", filter=confirmed),
        italy=Count("pk", filter=confirmed & Q(organisation__country="IT")),
        china=Count("pk", filter=confirmed & Q(organisation__country="CN")),
        organisations=Count("organisation", filter=confirmed, distinct=True),
    )
    kinds = ProgrammeSession.Kind
    sessions = ProgrammeSession.objects.filter(edition=edition).aggregate(
        conferences=Count("pk", filter=Q(kind=kinds.CONFERENCE)),
        seminars=Count("pk", filter=Q(kind=kinds.SEMINAR)),
    )
    return {**people, **sessions}


def has_badge(user: User, edition: Edition) -> bool:
    """Whether the person may print their own badge: staff confirmed their registration."""
    if not user.is_authenticated:
        return False
    return Registration.objects.filter(
        edition=edition, person=user, status=Registration.Status.CONFIRMED
    ).exists()


def memberships_of(user: User) -> list[Membership]:
    """The user's memberships, oldest first (an empty list: no organisation on Ponte)."""
    return list(Membership.objects.filter(user=user).select_related("organisation").order_by("pk"))


def delegation(edition: Edition, organisations: list[Organisation]) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(edition=edition, organisation__in=organisations)
        .select_related("person", "organisation", "registered_by")
        .prefetch_related("sessions")
        .order_by("organisation__name", "person__full_name", "pk")
    )


def can_manage(user: User, registration: Registration, admin_of: set[int]) -> bool:
    """The organisation's admins manage its delegation; members manage whom they registered."""
    return registration.organisation_id in admin_of or registration.registered_by_id == user.pk


def managed_registration_or_404(user: User, edition: Edition, pk: int) -> Registration:
    """A registration the user may change; anyone else's is a 404, not a 403."""
    memberships = memberships_of(user)
    if not memberships:
        raise PermissionDenied
    admin_of = {m.organisation_id for m in memberships if m.role == Membership.Role.ADMIN}
    registration = get_object_or_404(
        Registration.objects.select_related("person", "organisation", "edition"),
        edition=edition,
        pk=pk,
        organisation__in=[m.organisation_id for m in memberships],
    )
    if not can_manage(user, registration, admin_of):
        raise Http404
    return registration


def unaccepted_invitations(edition: Edition) -> QuerySet[RegistrationInvitation]:
    """Invitations not (yet) accepted; accepted ones are registrations and listed as such."""
    return (
        RegistrationInvitation.objects.filter(edition=edition)
        .exclude(status=RegistrationInvitation.Status.ACCEPTED)
        .select_related("organisation", "invited_by")
        .order_by("-created_at", "-pk")
    )


def delegation_invitations(
    edition: Edition, organisations: list[Organisation]
) -> QuerySet[RegistrationInvitation]:
    return unaccepted_invitations(edition).filter(organisation__in=organisations)


def can_manage_invitation(
    user: User, invitation: RegistrationInvitation, admin_of: set[int]
) -> bool:
    return invitation.organisation_id in admin_of or invitation.invited_by_id == user.pk


def managed_invitation_or_404(user: User, edition: Edition, pk: int) -> RegistrationInvitation:
    """An invitation the user may withdraw (as `managed_registration_or_404`)."""
    memberships = memberships_of(user)
    if not memberships:
        raise PermissionDenied
    admin_of = {m.organisation_id for m in memberships if m.role == Membership.Role.ADMIN}
    invitation = get_object_or_404(
        RegistrationInvitation,
        edition=edition,
        pk=pk,
        organisation__in=[m.organisation_id for m in memberships],
    )
    if not can_manage_invitation(user, invitation, admin_of):
        raise Http404
    return invitation


def invitations_to(user: User, edition: Edition) -> QuerySet[RegistrationInvitation]:
    """Invitations sent to the user's address for the edition, pending first.

    Found by the address, so that an invitation sent before the person signed up is
    theirs once they sign in with it (sign-in needs a verified address).
    """
    return (
        RegistrationInvitation.objects.filter(edition=edition, email=user.email.lower())
        .select_related("organisation", "invited_by", "edition")
        .order_by("-created_at", "-pk")
    )


def pending_invitations_to(user: User, edition: Edition) -> list[RegistrationInvitation]:
    return list(invitations_to(user, edition).filter(status=RegistrationInvitation.Status.PENDING))


def invitation_to_or_404(user: User, edition: Edition, pk: int) -> RegistrationInvitation:
    """The user's own invitation; another person's is a 404."""
    return get_object_or_404(invitations_to(user, edition), pk=pk)


def editions_for_organisation(organisation: Organisation) -> list[Edition]:
    """Editions an organisation took part in, with its confirmed delegates (one query)."""
    return list(
        # The demonstration's invented delegates never appear on a real organisation's page.
        Edition.objects.real()
        .filter(
            registrations__organisation=organisation,
            registrations__status=Registration.Status.CONFIRMED,
        )
        .annotate(delegates=Count("registrations", distinct=True))
        .order_by("-year")
    )
