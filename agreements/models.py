"""Signed agreements, their parties, and the partnership projects that follow."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from agreements.storage import PrivateStorage
from events.models import Activity
from portal.core.models import City, Organisation, ThematicArea
from portal.core.versions import version_field
from programme.models import Edition


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def public(self) -> "AgreementQuerySet":
        return self.filter(visibility=Agreement.Visibility.PUBLIC)

    def visible_to(self, user) -> "AgreementQuerySet":
        """Public agreements, plus restricted ones of the user's organisations; all for staff."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        if not user.is_authenticated:
            return self.public()
        # Exists() rather than a join: no duplicate rows, so no DISTINCT on the list page.
        member = Party.objects.filter(
            agreement=OuterRef("pk"), organisation__memberships__user=user
        )
        return self.filter(Q(visibility=Agreement.Visibility.PUBLIC) | Q(Exists(member)))


class Agreement(models.Model):
    """An MoU or agreement signed between organisations of the programme."""

    class Kind(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding")
        COOPERATION = "cooperation", _("Cooperation agreement")
        FRAMEWORK = "framework", _("Framework agreement")
        JOINT_LAB = "joint_lab", _("Joint laboratory")
        TECH_TRANSFER = "tech_transfer", _("Technology transfer")
        LICENSING = "licensing", _("Licensing")
        JOINT_PROJECT = "joint_project", _("Joint project")
        OTHER = "other", _("Other")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        PARTIES = "parties", _("Parties only")

    class Status(models.TextChoices):
        SIGNED = "signed", _("Signed")
        IN_FORCE = "in_force", _("In force")
        COMPLETED = "completed", _("Completed")
        EXPIRED = "expired", _("Expired")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_period = models.CharField(
        _("period of signing"),
        max_length=100,
        blank=True,
        help_text=_("Shown when the exact day is not known."),
    )
    city = models.ForeignKey(
        City, verbose_name=_("place of signing"), on_delete=models.PROTECT, null=True, blank=True
    )
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("signed at the Week"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("signed during the mission activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    areas = models.ManyToManyField(
        ThematicArea, verbose_name=_("thematic areas"), blank=True, related_name="agreements"
    )
    occasion = models.CharField(
        _("other occasion"),
        max_length=200,
        blank=True,
        help_text=_("Where it was signed when it was neither at the Week nor on a mission."),
    )
    summary = models.TextField(_("summary"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SIGNED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)
    meetings = models.ManyToManyField(
        "matchmaking.Meeting",
        verbose_name=_("B2B meetings it grew from"),
        blank=True,
        related_name="agreements",
    )

    # Forms send it back: a save against an older version is refused (portal.versions).
    version = version_field()

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "slug"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        indexes = [models.Index(fields=["visibility", "signed_on"])]
        constraints = [
            # Signed at the Week, on a mission, or elsewhere: never both an edition and an activity.
            models.CheckConstraint(
                condition=Q(edition__isnull=True) | Q(activity__isnull=True),
                name="agreement_one_occasion",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:agreement", kwargs={"slug": self.slug})


class Party(models.Model):
    """An organisation that signed an agreement, and who signed for it."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="agreement_parties",
        limit_choices_to={"status": "approved"},
    )
    role = models.CharField(_("role"), max_length=150, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=150, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["agreement", "order"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"], name="party_unique_per_agreement"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.agreement}"


class Project(models.Model):
    """A partnership project that lands in one of the countries."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), related_name="projects"
    )
    agreements = models.ManyToManyField(
        Agreement, verbose_name=_("agreements behind it"), blank=True, related_name="projects"
    )
    country = CountryField(_("country where it lands"))
    areas = models.ManyToManyField(
        ThematicArea, verbose_name=_("thematic areas"), blank=True, related_name="projects"
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["-start_date", "slug"]
        verbose_name = _("partnership project")
        verbose_name_plural = _("partnership projects")

    def __str__(self) -> str:
        return self.title


class StatusChange(models.Model):
    """One step of an agreement's status history, written by the agreements services."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        _("from"), max_length=10, choices=Agreement.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=Agreement.Status.choices)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["agreement", "changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status history")

    def __str__(self) -> str:
        return f"{self.agreement}: {self.from_status or '–'} → {self.to_status}"


def document_path(instance: "Document", filename: str) -> str:
    # The stored name never comes from the uploader: the original name is kept in a field.
    return f"agreements/{instance.agreement_id}/{uuid.uuid4().hex}.pdf"


class Document(models.Model):
    """A PDF of an agreement; private (parties and staff) until staff publish it."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("PDF file"), upload_to=document_path, storage=PrivateStorage())
    original_name = models.CharField(_("original file name"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Published documents are public.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["agreement", "uploaded_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:document", kwargs={"slug": self.agreement.slug, "pk": self.pk})
