"""Reads of agreements and projects, always scoped to what the user may see."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from agreements import meetings
from agreements.models import Agreement, Document, Party, Project, StatusChange
from portal.core.models import Membership, Organisation


def _parties() -> Prefetch:
    return Prefetch("parties", queryset=Party.objects.select_related("organisation"))


def agreement_list(user) -> QuerySet[Agreement]:
    """Agreements the user may see, ready for the list page (three queries for any page)."""
    return (
        Agreement.objects.visible_to(user)
        .select_related("city", "edition", "activity__stop__mission")
        .prefetch_related(_parties())
        .order_by("-signed_on", "slug")
    )


def member_organisation_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))


def agreement_for(user, slug: str) -> Agreement:
    """The agreement with this slug if the user may see it; otherwise Http404."""
    projects = Project.objects.prefetch_related(
        Prefetch("organisations", queryset=Organisation.objects.order_by("name"))
    )
    agreement = (
        Agreement.objects.visible_to(user)
        .select_related("city", "edition", "activity__stop__mission", "activity__stop__city")
        .prefetch_related(
            _parties(),
            "areas",
            "documents",
            Prefetch("projects", queryset=projects),
            Prefetch("status_changes", queryset=StatusChange.objects.select_related("changed_by")),
            *meetings.prefetch(),
        )
        .filter(slug=slug)
        .first()
    )
    if agreement is None:
        raise Http404
    return agreement


def is_party_member(agreement: Agreement, user, member_of: set[int]) -> bool:
    return any(p.organisation_id in member_of for p in agreement.parties.all())


def documents_for(agreement: Agreement, user, member_of: set[int]) -> list[Document]:
    """Published documents for everyone who sees the agreement; all of them for its parties."""
    if user.is_staff or is_party_member(agreement, user, member_of):
        return list(agreement.documents.all())
    return [d for d in agreement.documents.all() if d.published]


def document_for(user, slug: str, pk: int) -> Document:
    """A document the user may download; Http404 for anything else."""
    agreement = agreement_for(user, slug)
    member_of = member_organisation_ids(user)
    for document in documents_for(agreement, user, member_of):
        if document.pk == pk:
            return document
    raise Http404


def for_organisation(organisation: Organisation, user) -> dict[str, Any]:
    """An organisation's agreements the user may see, and its projects (three queries)."""
    agreements = list(
        Agreement.objects.visible_to(user)
        .filter(parties__organisation=organisation)
        .select_related("edition", "city")
        .prefetch_related(_parties())
        .order_by("-signed_on", "slug")
    )
    projects = list(
        Project.objects.filter(organisations=organisation).order_by("-start_date", "slug")
    )
    return {"agreements": agreements, "projects": projects}
