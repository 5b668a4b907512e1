"""The staff decorator every app's staff pages use, and the admin's sign-in."""

from collections.abc import Callable
from functools import wraps

from allauth.account.decorators import secure_admin_login
from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from portal.core.mfa import passed_second_factor, second_factor_redirect


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Staff only, from a session that passed the second factor.

    Anonymous people are sent to sign in; signed-in people who are not staff get a 403; staff
    without an authenticator are sent to set one up, staff whose session did not enter a code
    are sent to enter one. RequireMFAMiddleware does the same for every page: this keeps staff
    pages closed should the middleware ever be left out. Put it outermost, so that it answers
    before any other decorator.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise PermissionDenied
        response = second_factor_redirect(request)
        if response is not None:
            return response
        return view(request, *args, **kwargs)

    # Read by the rights matrix (tests/security): every URL with this view is a staff URL.
    wrapper.staff_required = True
    return wrapper


def admin_login(login_view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The admin's sign-in goes through allauth's (code, rate limits); its own form is never shown.

    allauth's `secure_admin_login` sends anonymous people to the allauth sign-in; a staff
    session that has not passed the second factor is sent on to it as well.
    """
    secured = secure_admin_login(login_view)

    @wraps(login_view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return second_factor_redirect(request) or secured(request, *args, **kwargs)

    return wrapper


def secure_admin_site(site: AdminSite) -> None:
    """Route `site`'s sign-in through allauth and open it only to sessions that used a code."""
    site.login = admin_login(site.login)
    has_permission = site.has_permission

    def has_permission_with_second_factor(request: HttpRequest) -> bool:
        return has_permission(request) and passed_second_factor(request)

    site.has_permission = has_permission_with_second_factor
