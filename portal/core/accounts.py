"""django-allauth, fitted to Ponte: the sign-up form, and e-mails in the recipient's language
signed by the programme on the site's configured address."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.core.links import site_link
from portal.core.models import User
from portal.core.services.accounts import account_signup_record

# The links allauth puts in its e-mails' contexts.
LINK_KEYS = ("activate_url", "password_reset_url", "signup_url")


def _privacy_label() -> str:
    # The translators' text is trusted markup; only the address is inserted.
    text = gettext('I have read the <a href="%(url)s">privacy notice</a>.')
    return mark_safe(text % {"url": escape(reverse("shell:privacy"))})  # nosec B308 B703


class SignupForm(forms.Form):
    """Added to allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): a name others see, and
    the privacy notice accepted, whose version is stored with the account."""

    full_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("As others should see it, for example Wang Wei or Giulia Ferri."),
    )
    # No ":" after a sentence that ends in "." or "。".
    privacy = forms.BooleanField(
        label=lazy(_privacy_label, SafeString)(), required=True, label_suffix=""
    )

    def signup(self, request: HttpRequest, user: User) -> None:
        account_signup_record(
            user=user,
            full_name=self.cleaned_data["full_name"],
            language=translation.get_language(),
            privacy_accepted=self.cleaned_data["privacy"],
        )


@dataclass(frozen=True)
class Sender:
    """What allauth's templates call `current_site`: the programme, on its configured address."""

    name: str
    domain: str
    url: str


def sender() -> Sender:
    base = settings.SITE_URL.rstrip("/")
    return Sender(
        name=gettext("Ponte – China–Italy Science, Technology & Innovation Programme"),
        domain=urlsplit(base).netloc,
        url=base + "/",
    )


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """In the language of the account with this address (the page's language when there
        is none yet), with links under that language on SITE_URL."""
        person = User.objects.filter(email__iexact=email).first()
        language = (
            person.language if person else translation.get_language()
        ) or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {**context, "current_site": sender()}
            for key in LINK_KEYS:
                if context.get(key):
                    context[key] = site_link(context[key], language)
            super().send_mail(template_prefix, email, context)

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        return reverse("portal:welcome")

    def get_email_verification_redirect_url(self, email_address) -> str:
        """Signed in (same browser as the sign-up): what next. Otherwise sign in, then that."""
        if self.request.user.is_authenticated:
            return reverse("portal:welcome")
        return reverse("account_login") + "?" + urlencode({"next": reverse("portal:welcome")})
