"""Badges: staff print an edition's or one person's and reprint one; a delegate prints their own.

Printing a badge that has no code yet draws its code (badge_issue): safe on a GET because it
happens once, and every later print of the same badge shows the same code.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from portal.core.staff import staff_required
from programme import queries
from programme.badges import pdf
from programme.badges.services import badge_issue, badges_issue
from programme.models import Edition, Registration
from programme.views.staff import filtered_registrations, registration_filter

logger = logging.getLogger(__name__)


def _confirmed(edition: Edition):
    return Registration.objects.filter(
        edition=edition, status=Registration.Status.CONFIRMED
    ).select_related("person", "organisation", "edition")


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _staff_page(year: int) -> str:
    return reverse("programme:staff_registrations", kwargs={"year": year})


@staff_required
@require_safe
def edition_badges(request: HttpRequest, year: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    badges_issue(edition=edition)
    # The registrations the staff list shows with the same filter (all of them without one),
    # the confirmed ones; by organisation, then name, as the list orders them: each
    # organisation's badges come out of the printer together.
    shown = filtered_registrations(registration_filter(request, edition))
    registrations = shown.filter(status=Registration.Status.CONFIRMED).select_related("edition")
    if not registrations.exists():
        messages.info(request, _("No registration shown is confirmed: there is no badge to print."))
        return redirect(_staff_page(year))
    try:
        data = pdf.sheets_pdf(registrations.iterator(chunk_size=500), language=get_language())
    except pdf.BadgeFontMissing as error:
        messages.error(request, str(error))
        return redirect(_staff_page(year))
    return _pdf(data, f"badges-{edition.year}.pdf")


@staff_required
@require_safe
def registration_badge(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    registration = badge_issue(
        registration=get_object_or_404(_confirmed(queries.edition_or_404(year)), pk=pk)
    )
    try:
        data = pdf.badge_pdf(registration, language=get_language())
    except pdf.BadgeFontMissing as error:
        messages.error(request, str(error))
        return redirect(_staff_page(year))
    return _pdf(data, f"badge-{year}-{registration.pk}.pdf")


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def registration_badge_reprint(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    registration = get_object_or_404(_confirmed(edition), pk=pk)
    if request.method == "POST":
        badge_issue(registration=registration, reprint=True)
        messages.success(
            request,
            _(
                "%(person)s has a new badge code: print the new badge from the list. "
                "The old badge is no longer valid."
            )
            % {"person": registration.person},
        )
        return redirect(_staff_page(year))
    context = {"edition": edition, "registration": registration}
    return render(request, "programme/staff_badge_reprint.html", context)


@login_required
@require_safe
def own_badge(request: HttpRequest, year: int) -> HttpResponse:
    """The signed-in person's own badge, once staff confirmed their registration; else a 404."""
    edition = queries.edition_or_404(year)
    registration = badge_issue(
        registration=get_object_or_404(_confirmed(edition), person=request.user)
    )
    try:
        data = pdf.badge_pdf(registration, language=get_language())
    except pdf.BadgeFontMissing:
        # Staff see how to fix it; a delegate is told only that it is not their doing.
        logger.exception("badge font missing")
        messages.error(request, _("Badges cannot be printed at the moment; please try later."))
        return redirect(edition.get_absolute_url())
    return _pdf(data, f"badge-{year}.pdf")
