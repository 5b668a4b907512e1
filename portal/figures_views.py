"""The figures page of the site shell, and its tables as CSV for programme staff."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal import figures as figures_data
from portal.exports import csv_response
from portal.staff import staff_required


@require_safe
def figures(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("edition", ""))
    except ValueError:
        year = None
    return render(request, "portal/figures.html", figures_data.page(year=year))


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
