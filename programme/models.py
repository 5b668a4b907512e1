"""Editions of the China–Italy Science, Technology & Innovation Week."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.core.models import City, Organisation, ThematicArea
from portal.core.versions import version_field


class EditionQuerySet(models.QuerySet["Edition"]):
    def real(self) -> "EditionQuerySet":
        """The editions that were or will be held: never the demonstration edition."""
        return self.filter(is_demo=False)

    def upcoming_first(self) -> "EditionQuerySet":
        return self.order_by("-year")

    def with_cities(self) -> "EditionQuerySet":
        return self.prefetch_related(
            models.Prefetch("cities", EditionCity.objects.select_related("city"))
        )


class Edition(models.Model):
    """One yearly edition of the Week, held alternately in Italy and China."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        REGISTRATION_OPEN = "registration_open", _("Registration open")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")
        # Known only from an announcement: the sources say it "will be held", not that it was.
        ANNOUNCED = "announced", _("Announced")

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
    # The demonstration edition carries invented people and meetings for trying the B2B pages;
    # every page of it says so, and it never counts among the real editions or their figures.
    is_demo = models.BooleanField(_("demonstration with invented data"), default=False)
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
    # Where the source's own figures need a word (they disagree, or are "over" a number).
    reported_note = models.TextField(_("note on the reported figures"), blank=True)

    # Forms send it back: a save against an older version is refused (portal.versions).
    version = version_field()

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

    def registration_is_open(self, now: dt.datetime | None = None) -> bool:
        """Open between the window's ends; it closes by itself, with no job to run."""
        if self.registration_opens is None or self.registration_closes is None:
            return False
        now = now or timezone.now()
        return self.registration_opens <= now < self.registration_closes

    def phase(self, now: dt.datetime | None = None) -> str:
        """The status the dates imply (the stored one when the dates are not known)."""
        if self.start_date is None or self.end_date is None:
            return self.status
        now = now or timezone.now()
        today = timezone.localtime(now, self.zone).date()
        if today > self.end_date:
            return self.Status.CLOSED
        if today >= self.start_date:
            return self.Status.RUNNING
        if self.registration_is_open(now):
            return self.Status.REGISTRATION_OPEN
        return self.Status.PLANNED

    def phase_label(self) -> str:
        return str(self.Status(self.phase()).label)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def days(self) -> list[dt.date]:
        if self.start_date is None or self.end_date is None:
            return []
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + dt.timedelta(days=n) for n in range(count)]

    @property
    def has_reported_figures(self) -> bool:
        return self.reported_participants is not None


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


class Venue(models.Model):
    """A place where an edition's sessions happen (a hall, a congress centre)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="venues")
    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        ordering = ["edition", "city", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"


class ProgrammeSession(models.Model):
    """One item of an edition's programme: a conference, a seminar, a B2B session…"""

    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening")
        PLENARY = "plenary", _("Plenary forum")
        CONFERENCE = "conference", _("Conference")
        SEMINAR = "seminar", _("Thematic seminar")
        B2B = "b2b", _("B2B session")
        SHOWCASE = "showcase", _("Startup showcase")
        FABRICATION = "fabrication", _("Digital fabrication zone")
        SIGNING = "signing", _("Signing ceremony")
        VISIT = "visit", _("Visit")
        RECEPTION = "reception", _("Reception")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sessions")
    # A natural key so the content loader and copies find the same session again.
    slug = models.SlugField(_("slug"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    areas = models.ManyToManyField(
        ThematicArea, verbose_name=_("thematic areas"), blank=True, related_name="sessions"
    )
    # Stored in UTC like every moment; entered and shown in the edition's zone. Empty when the
    # sources do not give the time: the page then says "to be confirmed", never a guess.
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.SET_NULL, null=True, blank=True
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, null=True, blank=True
    )
    languages = models.CharField(
        _("languages spoken"), max_length=100, blank=True, help_text=_("For example: en, it, zh")
    )
    interpretation = models.BooleanField(_("interpretation offered"), default=False)

    class Meta:
        ordering = ["edition", "start", "city", "pk"]
        verbose_name = _("programme session")
        verbose_name_plural = _("programme sessions")
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="session_slug_per_edition"),
            models.CheckConstraint(
                condition=models.Q(start__isnull=True, end__isnull=True)
                | models.Q(end__gt=models.F("start")),
                name="session_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["edition", "start"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:session", kwargs={"year": self.edition.year, "pk": self.pk})


class Speaker(models.Model):
    """Someone speaking at a session; linked to the directory when their organisation is in it."""

    session = models.ForeignKey(ProgrammeSession, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation in the directory"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    organisation_name = models.CharField(
        _("organisation (when not in the directory)"), max_length=200, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["session", "order", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def b2b_participants(self) -> "RegistrationQuerySet":
        """Confirmed delegates taking part in B2B meetings: whom matchmaking schedules."""
        return self.filter(b2b=True, status=Registration.Status.CONFIRMED)

    def live(self) -> "RegistrationQuerySet":
        """Pending and confirmed registrations: a cancelled one no longer holds the person."""
        return self.exclude(status=Registration.Status.CANCELLED)


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
    # ISO dates ("2016-10-26") among the edition's days; matchmaking reads them.
    b2b_days = models.JSONField(_("B2B days"), default=list, blank=True)
    sessions = models.ManyToManyField(
        ProgrammeSession,
        verbose_name=_("sessions they plan to attend"),
        blank=True,
        related_name="registrations",
    )
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
    # Drawn when the badge is first printed and drawn again on a reprint, which revokes the old
    # badge (programme/badges/tokens.py).
    badge_code = models.CharField(
        _("badge code"), max_length=8, unique=True, null=True, blank=True, editable=False
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "organisation", "person"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # Only live rows: a registration staff or the organisation cancelled must not
            # keep the person from registering again, with this organisation or another.
            models.UniqueConstraint(
                fields=["edition", "person"],
                condition=~models.Q(status="cancelled"),
                name="registration_live_once_per_edition",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.edition}"

    @property
    def b2b_dates(self) -> list[dt.date]:
        """The B2B days as dates (stored as ISO strings in JSON)."""
        return [dt.date.fromisoformat(day) for day in self.b2b_days]


class RegistrationInvitation(models.Model):
    """A member asks someone, by e-mail address, to be a delegate of their organisation.

    Nothing is registered until the invited person accepts: the registration is then made
    with the details stored here. The address may have no account yet.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting their answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="registration_invitations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="registration_invitations",
    )
    email = models.EmailField(_("e-mail address"))
    invited_by = models.ForeignKey(
        "portal.User",
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Registration.Role.choices, default="delegate"
    )
    languages = models.CharField(_("languages spoken"), max_length=100, blank=True)
    b2b = models.BooleanField(_("takes part in B2B meetings"), default=False)
    b2b_days = models.JSONField(_("B2B days"), default=list, blank=True)
    sessions = models.ManyToManyField(
        ProgrammeSession,
        verbose_name=_("sessions they plan to attend"),
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    registration = models.OneToOneField(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # Set when the e-mail to an address without an account went out: a retried task
    # does not send it twice. (People with an account get a notification, sent once.)
    mailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["edition", "-created_at"]
        verbose_name = _("registration invitation")
        verbose_name_plural = _("registration invitations")
        indexes = [
            # The daily limit counts an organisation's recent invitations.
            models.Index(fields=["organisation", "created_at"], name="reginv_org_created"),
            models.Index(fields=["edition", "email"], name="reginv_edition_email"),
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.edition}"

    @property
    def b2b_dates(self) -> list[dt.date]:
        return [dt.date.fromisoformat(day) for day in self.b2b_days]


class StartupApplication(models.Model):
    """A startup applying to an edition's Best Startup Showcase with its pitch."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        DECLINED = "declined", _("Not selected")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="startup_applications"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("startup"),
        on_delete=models.CASCADE,
        related_name="startup_applications",
    )
    pitch = models.TextField(_("pitch"))
    areas = models.ManyToManyField(ThematicArea, verbose_name=_("thematic areas"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        "portal.User",
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        ordering = ["edition", "created_at"]
        verbose_name = _("startup application")
        verbose_name_plural = _("startup applications")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organisation"], name="startup_applies_once_per_edition"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.edition}"


# Check-in lives in its own module (programme/checkin); Django finds models through this one.
from programme.checkin.models import CheckIn  # noqa: E402, F401
