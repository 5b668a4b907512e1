"""Places, thematic areas and organisations."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modeltranslation.utils import build_localized_fieldname, get_language

from portal.core.versions import version_field


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


# The languages an organisation works in, offered as checkboxes; stored as their codes
# ("en, it, zh"), which is also how organisations typed them before.
WORKING_LANGUAGES = [
    ("en", _("English")),
    ("it", _("Italian")),
    ("zh", _("Chinese")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("ru", _("Russian")),
    ("ja", _("Japanese")),
    ("ko", _("Korean")),
    ("ar", _("Arabic")),
]


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
    # The city as the organisation typed it (any city in the world), in Latin letters and in
    # its own script (Hangzhou / 杭州). When it names one of the programme's cities (the places
    # of editions and missions), the service also links `city`: the directory's city filter and
    # the translated name (Naples / Napoli / 那不勒斯) come from there. Cities are not created
    # from what people type: a City carries a time zone and appears in staff's menus.
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, null=True, blank=True
    )
    city_name = models.CharField(_("city"), max_length=120, blank=True)
    city_native_name = models.CharField(_("city in its own script"), max_length=120, blank=True)
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
    # Set when its last administrator erased their account: staff look after it until someone
    # becomes its administrator (listed on the staff's personal-data page).
    handed_to_staff_at = models.DateTimeField(
        _("handed to staff"), null=True, blank=True, editable=False
    )

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

    @property
    def language_codes(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def language_names(self) -> list[str]:
        """The working languages by name in the reader's language; unknown entries as typed."""
        known = dict(WORKING_LANGUAGES)
        return [str(known.get(code, code)) for code in self.language_codes]

    @property
    def name_fallback_lang(self) -> str:
        """The lang attribute around the name: "en" when the page's language has no name for
        the organisation and the English one stands in (modeltranslation's fallback), and ""
        when the name is in the page's language."""
        language = get_language()
        if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
            return ""
        return "" if getattr(self, build_localized_fieldname("name", language), "") else "en"

    @property
    def native_name_lang(self) -> str:
        """The lang attribute of the native name: Chinese when it is written in Chinese
        characters, else Italian. Not the country's: an Italian chamber of commerce in China
        has an Italian native name."""
        return "zh-Hans" if any("\u4e00" <= ch <= "\u9fff" for ch in self.native_name) else "it"

    @property
    def city_label(self) -> str:
        """The city as pages show it: the programme's translated name when linked, else as typed."""
        if self.city_id is not None:
            return self.city.name
        if self.city_name and self.city_native_name:
            return f"{self.city_native_name} ({self.city_name})"
        return self.city_name or self.city_native_name
