"""Missions and roadshows: delegations travelling stop by stop."""

import datetime as dt

from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.core.models import City, Organisation
from portal.core.versions import version_field
from programme.models import Edition


class MissionQuerySet(models.QuerySet["Mission"]):
    def upcoming(self, today: dt.date) -> "MissionQuerySet":
        """Missions not over yet, the soonest first."""
        return self.filter(end_date__gte=today).order_by("start_date", "pk")

    def past(self, today: dt.date) -> "MissionQuerySet":
        """Missions that are over, the latest first."""
        return self.filter(end_date__lt=today).order_by("-start_date", "-pk")


def outcome_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class Mission(models.Model):
    """A trip of the programme between editions: a roadshow, a mission, a visit."""

    class Kind(models.TextChoices):
        ROADSHOW = "roadshow", _("Roadshow")
        INSTITUTIONAL = "institutional", _("Institutional mission")
        DELEGATION_VISIT = "delegation_visit", _("Delegation visit")
        TRADE_FAIR = "trade_fair", _("Trade fair participation")
        CONFERENCE = "conference", _("Conference")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    countries = CountryField(_("countries"), multiple=True, blank=True)
    promoters = models.ManyToManyField(
        Organisation, verbose_name=_("promoted by"), blank=True, related_name="promoted_missions"
    )
    organisers = models.ManyToManyField(
        Organisation, verbose_name=_("organised by"), blank=True, related_name="organised_missions"
    )
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition it promotes"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="missions",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    # One outcome per line: "MoU signed", "Intention to cooperate in Health".
    outcomes = models.TextField(_("outcomes"), blank=True, help_text=_("One per line."))
    # Forms send it back: a save against an older version is refused (portal.versions).
    version = version_field()

    objects = MissionQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="mission_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:mission", kwargs={"slug": self.slug})

    @property
    def outcome_list(self) -> list[str]:
        return outcome_lines(self.outcomes)


class Stop(models.Model):
    """A city on a mission's itinerary."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="stops")
    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.PROTECT)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    order = models.PositiveSmallIntegerField(_("order"))
    time_zone = models.CharField(_("time zone"), max_length=64)

    class Meta:
        ordering = ["mission", "order"]
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        constraints = [
            models.UniqueConstraint(fields=["mission", "order"], name="stop_order_unique"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="stop_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mission} – {self.city}"

    def covers(self, day: dt.date) -> bool:
        return self.start_date <= day <= self.end_date


class Activity(models.Model):
    """Something the delegation did at a stop: a visit, a meeting, a ceremony."""

    class Kind(models.TextChoices):
        INSTITUTIONAL_MEETING = "institutional_meeting", _("Institutional meeting")
        UNIVERSITY_VISIT = "university_visit", _("University visit")
        DISTRICT_VISIT = "district_visit", _("District or park visit")
        CONFERENCE = "conference", _("Conference or forum")
        FAIR = "fair", _("Fair")
        PRESENTATION = "presentation", _("Presentation")
        SIGNING = "signing", _("Signing ceremony")
        RECEPTION = "reception", _("Reception")

    stop = models.ForeignKey(Stop, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    # The seeds sometimes name a meeting without its day: it then belongs to the whole stop.
    date = models.DateField(_("date"), null=True, blank=True)
    end_date = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("Only when it lasts several days.")
    )
    # Times are optional: the seeds often give only the day.
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    host = models.ForeignKey(
        Organisation,
        verbose_name=_("host"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_activities",
    )
    # A host not (yet) in the directory is recorded by name; staff can copy it there.
    host_name = models.CharField(
        _("host's name"),
        max_length=250,
        blank=True,
        help_text=_("When the host is not in the directory."),
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("other organisations taking part"),
        blank=True,
        related_name="mission_activities",
    )
    summary = models.TextField(_("summary"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True, help_text=_("One per line."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["stop", F("date").asc(nulls_last=True), "starts_at", "order", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(date__isnull=False, end_date__gte=models.F("date")),
                name="activity_days_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(starts_at__isnull=False, ends_at__gte=models.F("starts_at")),
                name="activity_times_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(starts_at__isnull=True) | models.Q(date__isnull=False),
                name="activity_time_needs_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def outcome_list(self) -> list[str]:
        return outcome_lines(self.outcomes)

    @property
    def last_day(self) -> dt.date | None:
        return self.end_date or self.date


class ActivityPerson(models.Model):
    """A person named at an activity, with their role."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=150)
    # The name in its own script where public record gives it (Wan Gang: 万钢), shown on
    # Chinese pages; never guessed from the romanisation.
    native_name = models.CharField(
        _("name in native script"),
        max_length=150,
        blank=True,
        help_text=_("As public records write it, e.g. 万钢. Leave it empty when not known."),
    )
    role = models.CharField(_("role"), max_length=250, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["activity", "order"]
        verbose_name = _("person named")
        verbose_name_plural = _("people named")

    def __str__(self) -> str:
        return self.name


class DelegationMember(models.Model):
    """Someone travelling with a mission."""

    class Role(models.TextChoices):
        HEAD = "head", _("Head of delegation")
        MEMBER = "member", _("Member")
        INTERPRETER = "interpreter", _("Interpreter")
        PRESS = "press", _("Press")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="delegation")
    name = models.CharField(_("name"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("For example: Secretary General")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["mission", "order"]
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation")

    def __str__(self) -> str:
        return self.name or str(self.organisation)
