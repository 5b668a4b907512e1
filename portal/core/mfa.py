"""Staff can require two-factor authentication of a person (User.mfa_required)."""

import re
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Paths a person must still reach while setting up an authenticator (or leaving): allauth's
# pages under any language prefix, static files, the language switch, the health check.
EXEMPT = re.compile(r"^/(?:[a-z-]+/accounts/|static/|media/|i18n/|healthz$)")


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAMiddleware:
    """Send a person whom staff require to use 2FA to the authenticator set-up first.

    Costs one query per request, and only for such a person (the flag is on the user row
    already loaded by the session).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "mfa_required", False)
            and not self._exempt(request.path_info)
            and not has_totp(user)
        ):
            messages.warning(
                request,
                _("Your account needs two-factor authentication: set up an authenticator app."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        return EXEMPT.match(path) is not None
