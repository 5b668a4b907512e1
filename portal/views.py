"""The site shell: home page, health check, error pages."""

import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal import health, queries


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", queries.home_page())


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
