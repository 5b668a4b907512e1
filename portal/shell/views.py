"""The site shell's pages: home, figures (and their tables as CSV for staff), health check,
error pages."""

import csv
import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.core.staff import staff_required
from portal.shell import figures as figures_data
from portal.shell import health, queries


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", queries.home_page())


@never_cache
@require_GET
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


@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("edition", ""))
    except ValueError:
        year = None
    return render(request, "portal/figures.html", figures_data.page(year=year))


@staff_required
@require_GET
def figures_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One table of the figures page as CSV, for programme staff."""
    found = figures_data.find_table(slug=table)
    if found is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ponte-{found.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow([_csv_safe(c) for c in found.columns])
    for label, values in found.rows:
        writer.writerow([_csv_safe(label), *("" if v is None else v for v in values)])
    return response


def _csv_safe(text: str) -> str:
    # Labels come partly from staff-edited names: never let a spreadsheet read them as formulas.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text
