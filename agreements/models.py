"""Signed agreements, their parties, and the partnership projects that follow."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from events.models import Activity
from portal.models import City, Organisation, ThematicArea
from programme.models import Edition


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def public(self) -> "AgreementQuerySet":
        return self.filter(visibility=Agreement.Visibility.PUBLIC)


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
    summary = models.TextField(_("summary"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SIGNED
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "slug"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

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
