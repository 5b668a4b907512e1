"""People: a user signs in by e-mail address; names have a native form."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


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
    # The name in its own script (王伟) beside the Latin form in full_name (Wang Wei).
    native_name = models.CharField(
        _("name in native script"),
        max_length=150,
        blank=True,
        help_text=_("For example 王伟, if your name is also written in Chinese characters."),
    )
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("E-mails are written in this language."),
    )
    country = CountryField(_("country of residence"), blank=True)
    # Blank: the zone follows the country (portal.core.notifications.zones.home_zone).
    time_zone = models.CharField(_("time zone"), max_length=40, blank=True)
    # The privacy notice this person last accepted or read (portal.core.privacy), and when.
    privacy_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    privacy_accepted_at = models.DateTimeField(_("privacy notice accepted"), null=True, blank=True)
    # Set by staff (admin): the person is sent to set up an authenticator app before anything
    # else; enforced by portal.core.mfa.RequireMFAMiddleware.
    mfa_required = models.BooleanField(
        _("two-factor authentication required"),
        default=False,
        help_text=_("This person must set up an authenticator app before using the portal."),
    )

    # Set when the person erased their account (portal.core.services.erasure): the row stays,
    # emptied of personal data, because meetings in other people's agendas point to it.
    erased_at = models.DateTimeField(_("account erased"), null=True, blank=True, editable=False)

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
        if self.erased_at:
            # Staff lists and the admin name the row as others' pages do, not by its stand-in
            # address.
            return str(_("A former participant"))
        return self.full_name or self.email

    @property
    def public_name(self) -> str:
        """The name others see: "Wang Wei (王伟)", either form alone, or "" when the person
        gave none. Never the e-mail address, which other people must not learn from a page."""
        if self.full_name and self.native_name and self.native_name != self.full_name:
            return f"{self.full_name} ({self.native_name})"
        return self.full_name or self.native_name

    def get_full_name(self) -> str:
        return self.full_name or self.email

    @property
    def greeting_name(self) -> str:
        """The name an e-mail greets: the whole name, never its first word ("Zhou Lei" starts
        with a surname), and the native form in a Chinese e-mail (尊敬的周磊：)."""
        if self.native_name and (self.language or "").startswith("zh"):
            return self.native_name
        return self.full_name or self.native_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email
