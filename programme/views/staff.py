"""Programme staff: registrations (filtered, CSV), the showcase shortlist, copies of editions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.core.exports import csv_response
from portal.core.staff import staff_required
from programme import queries, services
from programme.filters import RegistrationFilter
from programme.forms import CopyEditionForm, add_service_error
from programme.models import Edition, Registration, RegistrationInvitation, StartupApplication

REGISTRATION_COLUMNS = [
    "name", "email", "organisation", "country", "role", "languages", "b2b", "b2b_days",
    "sessions", "status", "registered", "invitation",
]  # fmt: skip


def registration_filter(request: HttpRequest, edition: Edition) -> RegistrationFilter:
    """The staff list's filter; its CSV and its badges take the same query string."""
    registrations = (
        Registration.objects.filter(edition=edition)
        .select_related("person", "organisation", "invitation")
        .order_by("organisation__name", "person__full_name", "pk")
    )
    return RegistrationFilter(request.GET or None, queryset=registrations, edition=edition)


def filtered_registrations(filterset: RegistrationFilter):
    if filterset.is_bound and not filterset.is_valid():
        return Registration.objects.none()
    return filterset.qs


@staff_required
@require_safe
def registrations(request: HttpRequest, year: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    filterset = registration_filter(request, edition)
    page = Paginator(filtered_registrations(filterset), 50).get_page(request.GET.get("page"))
    context = {
        "edition": edition,
        "filter": filterset,
        "page": page,
        "invitations": queries.unaccepted_invitations(edition)[:200],  # the latest: a page
    }
    return render(request, "programme/staff_registrations.html", context)


@staff_required
@require_safe
def registrations_csv(request: HttpRequest, year: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    rows = filtered_registrations(registration_filter(request, edition)).prefetch_related(
        "sessions"
    )
    return csv_response(
        filename=f"registrations-{edition.year}.csv",
        header=REGISTRATION_COLUMNS,
        rows=(
            [
                r.person.full_name,
                r.person.email,
                r.organisation.name,
                r.organisation.country.code,
                r.role,
                r.languages,
                "yes" if r.b2b else "no",
                " ".join(r.b2b_days),
                " | ".join(s.slug for s in r.sessions.all()),
                r.status,
                r.created_at.isoformat(timespec="seconds"),
                _invitation_status(r),
            ]
            for r in rows
        ),
    )


def _invitation_status(registration: Registration) -> str:
    """ "accepted" for a registration made by accepting an invitation; empty when the person
    registered themselves (or was registered before invitations existed)."""
    try:
        return registration.invitation.status
    except RegistrationInvitation.DoesNotExist:
        return ""


def _back(request: HttpRequest, year: int) -> HttpResponse:
    return redirect(reverse("programme:staff_registrations", kwargs={"year": year}))


@staff_required
@require_POST
def registration_confirm(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration, edition__year=year, pk=pk)
    services.registration_confirm(registration=registration)
    messages.success(request, _("%(person)s is confirmed.") % {"person": registration.person})
    return _back(request, year)


@staff_required
@require_POST
def registration_cancel(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration, edition__year=year, pk=pk)
    services.registration_cancel(registration=registration)
    messages.success(request, _("%(person)s is cancelled.") % {"person": registration.person})
    return _back(request, year)


@staff_required
@require_safe
def showcase(request: HttpRequest, year: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    applications = (
        StartupApplication.objects.filter(edition=edition)
        .select_related("organisation", "submitted_by")
        .prefetch_related("areas")
        .order_by("created_at", "pk")
    )
    return render(
        request,
        "programme/staff_showcase.html",
        {"edition": edition, "applications": applications},
    )


def _decide(request: HttpRequest, year: int, pk: int, *, shortlist: bool) -> HttpResponse:
    application = get_object_or_404(StartupApplication, edition__year=year, pk=pk)
    services.startup_decide(application=application, shortlist=shortlist)
    return redirect(reverse("programme:staff_showcase", kwargs={"year": year}))


@staff_required
@require_POST
def showcase_shortlist(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    return _decide(request, year, pk, shortlist=True)


@staff_required
@require_POST
def showcase_decline(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    return _decide(request, year, pk, shortlist=False)


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def edition_copy(request: HttpRequest, year: int) -> HttpResponse:
    source = queries.edition_or_404(year)
    alternate = "CN" if source.host_country.code == "IT" else "IT"
    initial = {
        "year": source.year + 1,
        "ordinal": source.ordinal + 1,
        "start_date": source.start_date.replace(year=source.year + 1)
        if source.start_date
        else None,
        "host_country": alternate,
        "time_zone": "Asia/Shanghai" if alternate == "CN" else "Europe/Rome",
    }
    form = CopyEditionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.edition_copy(source=source, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The new edition is created; review it in the admin."))
            return redirect(copy.get_absolute_url())
    return render(request, "programme/edition_copy.html", {"edition": source, "form": form})
