"""Two-factor authentication: mandatory for staff, and for anyone staff require it of.

Such a person must have an authenticator, and a session is theirs only once it passed the
second step (allauth's "mfa" authentication record, written when a code was entered at sign-in
or at reauthentication). A password alone never opens a page to them.
"""

import re
from collections.abc import Callable
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Paths a person must still reach while setting up an authenticator, entering a code (or
# leaving): allauth's pages under any language prefix, static files, the language switch, the
# health check.
EXEMPT = re.compile(r"^/(?:[a-z-]+/accounts/|static/|media/|i18n/|healthz$)")


def must_use_second_factor(user) -> bool:
    """Staff and superusers always (no flag to forget); others when staff set mfa_required."""
    return bool(user.is_staff or user.is_superuser or getattr(user, "mfa_required", False))


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def passed_second_factor(request: HttpRequest) -> bool:
    """Whether this session, not just the account, was authenticated with a code."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def second_factor_redirect(request: HttpRequest) -> HttpResponse | None:
    """Where a signed-in person who must use two-factor goes first; None when they may go on.

    No query for a session that passed the second step; one otherwise.
    """
    user = request.user
    if not user.is_authenticated or not must_use_second_factor(user):
        return None
    if passed_second_factor(request):
        return None
    if not has_totp(user):
        if user.is_staff or user.is_superuser:
            text = _(
                "Staff accounts must use two-factor authentication: "
                "set up an authenticator app to continue."
            )
        else:
            text = _("Your account needs two-factor authentication: set up an authenticator app.")
        messages.warning(request, text)
        return redirect(reverse("mfa_activate_totp"))
    messages.info(request, _("Enter the code from your authenticator app to continue."))
    # After the code, a page asked for with GET opens; a form sent without it must be sent again.
    target = request.get_full_path() if request.method in ("GET", "HEAD") else reverse("home")
    return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': target})}")


class RequireMFAMiddleware:
    """Send a person who must use two-factor to set it up, or to enter a code, before any page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and not self._exempt(request.path_info):
            response = second_factor_redirect(request)
            if response is not None:
                return response
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        return EXEMPT.match(path) is not None


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        # Removing the only authenticator would turn a staff account back into a password one.
        if authenticator.type == Authenticator.Type.TOTP and must_use_second_factor(
            authenticator.user
        ):
            return False
        return super().can_delete_authenticator(authenticator)
