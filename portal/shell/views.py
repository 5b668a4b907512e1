"""The site shell's pages: home, figures (and their tables as CSV for staff), health check,
error pages."""

import sys
from email.utils import parseaddr

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal.core.exports import csv_response
from portal.core.page_cache import cached_page, refuse
from portal.core.privacy import PRIVACY_NOTICE_DATE, PRIVACY_NOTICE_VERSION
from portal.core.staff import staff_required
from portal.shell import figures as figures_data
from portal.shell import health, queries


@cached_page("directory", "programme", "missions", "agreements")
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", queries.home_page())


def _notice_context() -> dict:
    return {
        "contact_email": parseaddr(settings.PONTE_CONTACT_EMAIL)[1] or settings.PONTE_CONTACT_EMAIL,
        "privacy_version": PRIVACY_NOTICE_VERSION,
        "privacy_date": PRIVACY_NOTICE_DATE,
    }


@cached_page()
@require_safe
def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/contact.html", _notice_context())


@cached_page()
@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html", _notice_context())


@cached_page()
@require_safe
def legal(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/legal.html", _notice_context())


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    database = health.database_ok(connection)
    broker = health.broker_state()
    status = 200 if database else 503
    return JsonResponse(
        {"status": "ok" if database else "unavailable", "database": database, "broker": broker},
        status=status,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """500 handler; a database that cannot be reached gets the plain 503 page instead.

    Errors raised in middleware never reach `DatabaseUnavailableMiddleware`, so the outage
    is recognised here too. Rendered without context processors: they may need the database.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "10"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)


@cached_page(*figures_data.TOKENS, parameters=("edition",))
@require_safe
def figures(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("edition", ""))
    except ValueError:
        year = None
    context = figures_data.page(year=year)
    if "edition" in request.GET and (context["edition"] is None or context["edition"].year != year):
        # Not an edition's year: the default page, but not stored under this key.
        refuse(request)
    return render(request, "portal/figures.html", context)


@staff_required
@require_safe
def figures_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One table of the figures page as CSV, for programme staff."""
    found = figures_data.find_table(slug=table)
    if found is None:
        raise Http404
    return csv_response(
        filename=f"ponte-{found.slug}.csv",
        header=found.columns,
        rows=([label, *values] for label, values in found.rows),
    )
