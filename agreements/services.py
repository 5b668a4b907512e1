"""Every change to agreements, their documents and partnership projects."""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from agreements.documents import validate_pdf
from agreements.models import Agreement, Document, Party, Project, StatusChange
from events.models import Activity
from portal.core import cache_versions
from portal.core.models import City, Membership, Organisation, ThematicArea, User
from portal.core.notifications import notify
from portal.core.services.common import Refused
from portal.core.versions import bump, check_version
from programme.models import Edition

# Paths under /agreements/ that a slug must never shadow.
RESERVED_SLUGS = {"record"}


@dataclass(frozen=True)
class PartyData:
    """One signing party as a service receives it."""

    organisation: Organisation
    role: str = ""
    signatory_name: str = ""
    signatory_title: str = ""


def unique_slug(title: str, *, model: type = Agreement) -> str:
    base = slugify(title)[:100] or "agreement"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def check_parties(organisations: Sequence[Organisation]) -> None:
    """Raise ValidationError unless every organisation is approved, once, and there are two."""
    errors = []
    seen: set[int] = set()
    for org in organisations:
        if org.status != Organisation.Status.APPROVED:
            errors.append(
                ValidationError(
                    _("%(name)s is not an approved organisation of the directory."),
                    code="not_approved",
                    params={"name": org.name},
                )
            )
        if org.pk in seen:
            errors.append(
                ValidationError(
                    _("%(name)s is listed twice."), code="duplicate", params={"name": org.name}
                )
            )
        seen.add(org.pk)
    if len(seen) < 2:
        errors.append(ValidationError(_("An agreement needs at least two parties."), code="few"))
    if errors:
        raise Refused({"parties": errors})


def check_signing(*, status: str, signed_on: dt.date | None, edition, activity) -> None:
    errors = {}
    if signed_on and signed_on > timezone.localdate() and status == Agreement.Status.SIGNED:
        errors["signed_on"] = ValidationError(
            _("A signed agreement cannot have a signing date in the future."), code="future"
        )
    if edition is not None and activity is not None:
        errors["activity"] = ValidationError(
            _("Choose the Week or a mission activity, not both."), code="two_occasions"
        )
    if errors:
        raise Refused(errors)


@transaction.atomic
def agreement_record(
    *,
    title_en: str,
    title_it: str = "",
    title_zh_hans: str = "",
    kind: str,
    parties: Sequence[PartyData],
    signed_on: dt.date | None,
    signed_period_en: str = "",
    status: str = Agreement.Status.SIGNED,
    city: City | None = None,
    edition: Edition | None = None,
    activity: Activity | None = None,
    occasion_en: str = "",
    areas: Iterable[ThematicArea] = (),
    summary_en: str = "",
    summary_it: str = "",
    summary_zh_hans: str = "",
    visibility: str = Agreement.Visibility.PUBLIC,
    recorded_by: User | None = None,
) -> Agreement:
    """Record a signed agreement with its parties and the first step of its status history.

    Side effects: a notification "agreement recorded" to every admin of a party; the figures
    cache is cleared after commit. Raises ValidationError on bad parties or dates.
    """
    check_parties([p.organisation for p in parties])
    check_signing(status=status, signed_on=signed_on, edition=edition, activity=activity)
    agreement = Agreement.objects.create(
        slug=unique_slug(title_en),
        title_en=title_en,
        title_it=title_it,
        title_zh_hans=title_zh_hans,
        kind=kind,
        signed_on=signed_on,
        signed_period_en=signed_period_en,
        status=status,
        city=city,
        edition=edition,
        activity=activity,
        occasion_en=occasion_en,
        summary_en=summary_en,
        summary_it=summary_it,
        summary_zh_hans=summary_zh_hans,
        visibility=visibility,
        recorded_by=recorded_by,
    )
    agreement.areas.set(areas)
    Party.objects.bulk_create(
        Party(
            agreement=agreement,
            organisation=p.organisation,
            role_en=p.role,
            signatory_name=p.signatory_name,
            signatory_title_en=p.signatory_title,
            order=order,
        )
        for order, p in enumerate(parties)
    )
    StatusChange.objects.create(
        agreement=agreement, from_status="", to_status=status, changed_by=recorded_by
    )
    _notify_party_admins(agreement)
    cache_versions.bump_on_commit("agreements")
    return agreement


def _notify_party_admins(agreement: Agreement) -> None:
    admins = (
        Membership.objects.filter(
            organisation__agreement_parties__agreement=agreement, role=Membership.Role.ADMIN
        )
        .select_related("user", "organisation")
        .order_by("user_id", "organisation_id")
    )
    done: set[int] = set()
    for membership in admins:
        user = membership.user
        if user.pk in done or not user.is_active:
            continue
        done.add(user.pk)
        notify(
            recipient=user,
            kind="agreement_recorded",
            context={"agreement": agreement, "organisation": membership.organisation},
            # A path: notify moves it to the reader's language and makes it absolute in e-mails.
            link=reverse("agreements:agreement", kwargs={"slug": agreement.slug}),
            key=f"agreement_recorded:{agreement.pk}:{user.pk}",
        )


@transaction.atomic
def agreements_record_ceremony(
    *, rows: Sequence[dict], recorded_by: User | None = None
) -> list[Agreement]:
    """Record several agreements signed at one ceremony: all of them, or none.

    Each row holds the keyword arguments of `agreement_record`. Side effects: theirs.
    """
    return [agreement_record(recorded_by=recorded_by, **row) for row in rows]


@transaction.atomic
def agreement_status_change(
    *,
    agreement: Agreement,
    status: str,
    changed_by: User | None = None,
    note: str = "",
    version: int | None = None,
) -> Agreement:
    """Move an agreement to another status and write the step into its history.

    The row is locked so two staff changing it at once write two consistent steps; with the
    `version` the form was loaded with, a change made meanwhile refuses it (EditConflict).
    Side effect: the figures cache is cleared after commit.
    """
    if status not in Agreement.Status.values:
        raise Refused({"status": _("Unknown status.")}, code="invalid")
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    check_version(current=locked, version=version, incoming={"status": status})
    if locked.status == status:
        raise Refused({"status": _("The agreement already has this status.")})
    StatusChange.objects.create(
        agreement=locked,
        from_status=locked.status,
        to_status=status,
        changed_by=changed_by,
        note=note,
    )
    locked.status = status
    locked.save(update_fields=bump(locked, ["status"]))
    cache_versions.bump_on_commit("agreements")
    agreement.status = status
    agreement.version = locked.version
    return locked


@transaction.atomic
def document_add(
    *,
    agreement: Agreement,
    upload: UploadedFile,
    title: str,
    uploaded_by: User | None = None,
    published: bool = False,
) -> Document:
    """Store a PDF of an agreement after checking its content and size.

    Side effect: writes the file to private storage (never under MEDIA_ROOT).
    """
    validate_pdf(upload)
    original = (upload.name or "").rsplit("/", 1)[-1][:200]
    document = Document(
        agreement=agreement,
        title=title,
        original_name=original,
        size=upload.size or 0,
        published=published,
        uploaded_by=uploaded_by,
    )
    document.file.save("document.pdf", upload, save=False)
    try:
        document.save()
    except Exception:
        # Do not leave an orphan file behind when the row cannot be written.
        document.file.storage.delete(document.file.name)
        raise
    return document


@transaction.atomic
def document_publish(*, document: Document, published: bool) -> Document:
    """Make a document public (or private again)."""
    Document.objects.filter(pk=document.pk).update(published=published)
    cache_versions.bump_on_commit("agreements")
    document.published = published
    return document


@transaction.atomic
def project_record(
    *,
    title_en: str,
    title_it: str = "",
    title_zh_hans: str = "",
    organisations: Sequence[Organisation],
    agreements: Iterable[Agreement] = (),
    country: str,
    areas: Iterable[ThematicArea] = (),
    start_date: dt.date | None = None,
    status: str = Project.Status.PLANNED,
    outcome_en: str = "",
) -> Project:
    """Record a partnership project that lands in `country`.

    Side effect: the figures cache is cleared after commit.
    """
    not_approved = [o.name for o in organisations if o.status != Organisation.Status.APPROVED]
    if not organisations or not_approved:
        raise Refused(
            {
                "organisations": _(
                    "Choose approved organisations of the directory (not approved: %(names)s)."
                )
                % {"names": ", ".join(not_approved) or "–"}
            }
        )
    project = Project.objects.create(
        slug=unique_slug(title_en, model=Project),
        title_en=title_en,
        title_it=title_it,
        title_zh_hans=title_zh_hans,
        country=country,
        start_date=start_date,
        status=status,
        outcome_en=outcome_en,
    )
    project.organisations.set(organisations)
    project.agreements.set(agreements)
    project.areas.set(areas)
    cache_versions.bump_on_commit("agreements")
    return project
