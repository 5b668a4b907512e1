"""The site shell: home page and health check."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal import health, queries


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


@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/figures.html", queries.figures_page())
