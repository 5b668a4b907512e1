"""Editions of the China–Italy Science, Technology & Innovation Week."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.models import City


class EditionQuerySet(models.QuerySet["Edition"]):
    def upcoming_first(self) -> "EditionQuerySet":
        return self.order_by("-year")


class Edition(models.Model):
    """One yearly edition of the Week, held alternately in Italy and China."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        REGISTRATION_OPEN = "registration_open", _("Registration open")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    ordinal = models.PositiveSmallIntegerField(_("edition number"), unique=True)
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    host_country = CountryField(_("host country"))
    title = models.CharField(_("title"), max_length=200)
    # Some past editions are known only by month ("November 2015"); `period` says so.
    start_date = models.DateField(_("first day"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    period = models.CharField(
        _("period"), max_length=100, blank=True, help_text=_("Shown when the dates are not known.")
    )
    time_zone = models.CharField(_("time zone"), max_length=64)
    formats = models.CharField(
        _("formats held back to back"),
        max_length=300,
        default="China–Italy Innovation Forum · Sino-Italian Exchange Event",
    )
    summary = models.TextField(_("summary"), blank=True)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    # Figures the organisers reported for editions not run on the portal.
    reported_participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    reported_participants_italy = models.PositiveIntegerField(
        _("Italian participants"), null=True, blank=True
    )
    reported_participants_china = models.PositiveIntegerField(
        _("Chinese participants"), null=True, blank=True
    )
    reported_conferences = models.PositiveIntegerField(_("conferences"), null=True, blank=True)
    reported_seminars = models.PositiveIntegerField(_("thematic seminars"), null=True, blank=True)
    reported_b2b_meetings = models.PositiveIntegerField(_("B2B meetings"), null=True, blank=True)
    reported_agreements = models.PositiveIntegerField(_("agreements"), null=True, blank=True)
    reported_projects = models.PositiveIntegerField(
        _("partnership projects"), null=True, blank=True
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="edition_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:edition", kwargs={"year": self.year})


class EditionCity(models.Model):
    """A city hosting part of an edition, with its regional focus (Bologna: agrifood)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="cities")
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="edition_stages")
    focus = models.CharField(_("focus"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = _("host city")
        verbose_name_plural = _("host cities")
        constraints = [
            models.UniqueConstraint(fields=["edition", "city"], name="edition_city_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.edition.year} – {self.city}"


class Registration(models.Model):
    """A person registered by their organisation as a delegate to an edition."""

    class Role(models.TextChoices):
        DELEGATE = "delegate", _("Delegate")
        SPEAKER = "speaker", _("Speaker")
        EXHIBITOR = "exhibitor", _("Exhibitor")
        STARTUP_PITCH = "startup_pitch", _("Startup pitch")
        PRESS = "press", _("Press")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        "portal.User",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.DELEGATE)
    languages = models.CharField(
        _("languages spoken"), max_length=100, blank=True, help_text=_("For example: en, it, zh")
    )
    b2b = models.BooleanField(_("takes part in B2B meetings"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    registered_by = models.ForeignKey(
        "portal.User",
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["edition", "organisation", "person"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "person"], name="registration_once_per_edition"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.edition}"
