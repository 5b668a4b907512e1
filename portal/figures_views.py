"""The figures page of the site shell, and its tables as CSV for programme staff."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal import figures as figures_data
from portal.exports import csv_response


@require_safe
def figures(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("edition", ""))
    except ValueError:
        year = None
    return render(request, "portal/figures.html", figures_data.page(year=year))


@require_safe
def figures_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One table of the figures page as CSV, for programme staff."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.is_staff:
        raise PermissionDenied
    found = figures_data.find_table(slug=table)
    if found is None:
        raise Http404
    return csv_response(
        filename=f"ponte-{found.slug}.csv",
        header=found.columns,
        rows=([label, *values] for label, values in found.rows),
    )
