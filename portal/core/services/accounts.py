"""A person's own account: what they said at sign-up, My account, the privacy notice."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.models import User
from portal.core.privacy import PRIVACY_NOTICE_VERSION
from portal.core.services.common import Refused

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _language(code: str | None) -> str:
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


@transaction.atomic
def account_signup_record(
    *, user: User, full_name: str, language: str | None, privacy_accepted: bool
) -> User:
    """Store the name and language the person signed up with, and the privacy notice they
    accepted. Side effects: `full_name`, `language`, `privacy_version`, `privacy_accepted_at`.
    """
    user.full_name = full_name.strip()
    user.language = _language(language)
    fields = ["full_name", "language"]
    if privacy_accepted:
        user.privacy_version = PRIVACY_NOTICE_VERSION
        user.privacy_accepted_at = timezone.now()
        fields += ["privacy_version", "privacy_accepted_at"]
    user.save(update_fields=fields)
    return user


@transaction.atomic
def account_update(
    *,
    user: User,
    full_name: str,
    native_name: str,
    language: str,
    time_zone: str,
    country: str,
) -> User:
    """Change what My account shows: names, language of e-mails, time zone, country.

    Side effects: the user row. Refuses an empty name: others would see nothing.
    """
    if not full_name.strip():
        raise Refused(_("Give your name as others should see it."))
    if language not in LANGUAGE_CODES:
        raise Refused(_("Choose one of the portal's languages."))
    user.full_name = full_name.strip()
    user.native_name = native_name.strip()
    user.language = language
    user.time_zone = time_zone
    user.country = country
    user.save(update_fields=["full_name", "native_name", "language", "time_zone", "country"])
    return user


@transaction.atomic
def privacy_notice_read(*, user: User) -> User:
    """Record that the person read the current privacy notice; they are not asked again.

    Side effects: `privacy_version` and `privacy_accepted_at` on the user.
    """
    user.privacy_version = PRIVACY_NOTICE_VERSION
    user.privacy_accepted_at = timezone.now()
    user.save(update_fields=["privacy_version", "privacy_accepted_at"])
    return user
