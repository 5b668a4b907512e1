"""The core: people, places, thematic areas, organisations and their members."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.versions import version_field


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> "User":
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account; the e-mail address is the login."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("E-mails are written in this language."),
    )
    country = CountryField(_("country of residence"), blank=True)
    # Set by staff (admin): the person is sent to set up an authenticator app before anything
    # else; enforced by portal.mfa.RequireMFAMiddleware.
    mfa_required = models.BooleanField(
        _("two-factor authentication required"),
        default=False,
        help_text=_("This person must set up an authenticator app before using the portal."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class ThematicArea(models.Model):
    """One of the programme's areas of cooperation (staff may add more)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")

    def __str__(self) -> str:
        return self.name


class City(models.Model):
    """A place, named in each language (Naples / Napoli / 那不勒斯), with its time zone."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    country = CountryField(_("country"))
    region = models.CharField(_("region or province"), max_length=120, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self) -> str:
        return self.name


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def published(self) -> "OrganisationQuerySet":
        return self.filter(status=Organisation.Status.APPROVED)

    def pending(self) -> "OrganisationQuerySet":
        return self.filter(status=Organisation.Status.PENDING)

    def with_proposed_changes(self) -> "OrganisationQuerySet":
        return self.filter(changes_proposed_at__isnull=False)

    def of_user(self, user) -> "OrganisationQuerySet":
        """The organisations the user belongs to, whatever their status."""
        return self.filter(memberships__user=user)


class Organisation(models.Model):
    """A university, institute, enterprise, public body… taking part in the programme."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University")
        RESEARCH = "research", _("Research institute")
        ENTERPRISE = "enterprise", _("Enterprise")
        STARTUP = "startup", _("Startup")
        INCUBATOR = "incubator", _("Incubator or science park")
        PUBLIC_BODY = "public_body", _("Public body")
        ASSOCIATION = "association", _("Association or network")
        INVESTOR = "investor", _("Investor")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    class Size(models.TextChoices):
        MICRO = "micro", _("1–9 people")
        SMALL = "small", _("10–49 people")
        MEDIUM = "medium", _("50–249 people")
        LARGE = "large", _("250 people or more")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    # `name` is translated (name_en, name_it, name_zh_hans); `native_name` is the name in
    # the organisation's own script, shown next to it whatever the page's language.
    name = models.CharField(_("name"), max_length=200)
    native_name = models.CharField(_("name in its own script"), max_length=200, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = CountryField(_("country"))
    region = models.CharField(_("region or province"), max_length=120, blank=True)
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    description = models.TextField(_("description"), blank=True)
    areas = models.ManyToManyField(
        ThematicArea, verbose_name=_("thematic areas"), blank=True, related_name="organisations"
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    languages = models.CharField(
        _("languages spoken"), max_length=200, blank=True, help_text=_("For example: en, it, zh")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # An approved organisation's admins may propose a new name, website or country: staff
    # review it (`organisation_change_approve`) while the approved values stay public.
    # {field: proposed value}, empty when nothing waits.
    proposed_changes = models.JSONField(_("proposed changes"), default=dict, blank=True)
    changes_proposed_at = models.DateTimeField(_("changes proposed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Forms send it back: a save against an older version is refused (portal.versions).
    version = version_field()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["status", "country", "kind"]),
            # The directory's default order (English names) walks this index.
            models.Index(fields=["name_en", "id"], name="organisation_name_en_order"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:organisation", kwargs={"slug": self.slug})


class Membership(models.Model):
    """A person belongs to an organisation as admin or member."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    shown_publicly = models.BooleanField(_("shown on the organisation's page"), default=False)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.role})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


# Kept in their own modules so that no file grows past ~400 lines; imported here so that
# Django registers them with the portal app.
from portal.cooperation_models import CooperationProfile  # noqa: E402
from portal.membership_models import Invitation, JoinRequest  # noqa: E402
from portal.notification_models import Notification, NotificationPreference  # noqa: E402

__all__ = [
    "City",
    "CooperationProfile",
    "Invitation",
    "JoinRequest",
    "Membership",
    "Notification",
    "NotificationPreference",
    "Organisation",
    "ThematicArea",
    "User",
]
