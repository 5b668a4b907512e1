"""The figures page of the site shell, and its tables as CSV for programme staff."""

import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal import figures as figures_data
from portal.staff import staff_required


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
