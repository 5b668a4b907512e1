"""Organisations register their delegates to an edition and manage their delegation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.models import Membership
from programme import queries, services
from programme.forms import (
    ParticipationForm,
    RegistrationForm,
    StartupApplicationForm,
    add_service_error,
)


def _delegation_url(year: int) -> str:
    return reverse("programme:delegation", kwargs={"year": year})


def _no_organisation(request: HttpRequest) -> HttpResponse:
    """Delegates are registered by members of an organisation: say how to become one."""
    return render(request, "programme/no_organisation.html", status=403)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def register(request: HttpRequest, year: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    memberships = queries.memberships_of(request.user)
    if not memberships:
        return _no_organisation(request)
    form = RegistrationForm(request.POST or None, edition=edition, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                edition=edition,
                person=data["email"],
                organisation=data["organisation"],
                registered_by=request.user,
                role=data["role"],
                languages=data["languages"],
                b2b=data["b2b"],
                b2b_days=data["b2b_days"],
                sessions=data["sessions"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(person)s is registered; staff will confirm the registration.")
                % {"person": registration.person},
            )
            return redirect(_delegation_url(year))
    context = {
        "edition": edition,
        "form": form,
        "registration_open": edition.registration_is_open(),
    }
    return render(request, "programme/register.html", context)


@login_required
def delegation(request: HttpRequest, year: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    memberships = queries.memberships_of(request.user)
    if not memberships:
        return _no_organisation(request)
    admin_of = {m.organisation_id for m in memberships if m.role == Membership.Role.ADMIN}
    rows = [
        {"registration": r, "manageable": queries.can_manage(request.user, r, admin_of)}
        for r in queries.delegation(edition, [m.organisation for m in memberships])
    ]
    context = {
        "edition": edition,
        "rows": rows,
        "registration_open": edition.registration_is_open(),
    }
    return render(request, "programme/delegation.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def registration_edit(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    registration = queries.managed_registration_or_404(request.user, edition, pk)
    initial = {
        "role": registration.role,
        "languages": registration.languages,
        "b2b": registration.b2b,
        "b2b_days": registration.b2b_days,
        "sessions": list(registration.sessions.values_list("pk", flat=True)),
    }
    form = ParticipationForm(request.POST or None, initial=initial, edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_update(registration=registration, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The registration is updated."))
            return redirect(_delegation_url(year))
    context = {"edition": edition, "registration": registration, "form": form}
    return render(request, "programme/registration_edit.html", context)


@login_required
@require_POST
def registration_withdraw(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    registration = queries.managed_registration_or_404(request.user, edition, pk)
    services.registration_withdraw(registration=registration)
    messages.success(request, _("%(person)s is withdrawn.") % {"person": registration.person})
    return redirect(_delegation_url(year))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def showcase_apply(request: HttpRequest, year: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    memberships = queries.memberships_of(request.user)
    if not memberships:
        return _no_organisation(request)
    form = StartupApplicationForm(request.POST or None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        try:
            services.startup_apply(
                edition=edition,
                organisation=form.cleaned_data["organisation"],
                pitch=form.cleaned_data["pitch"],
                areas=form.cleaned_data["areas"],
                submitted_by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error, {"duplicate": "organisation"})
        else:
            messages.success(request, _("Your application to the showcase is submitted."))
            return redirect(edition.get_absolute_url())
    context = {
        "edition": edition,
        "form": form,
        "registration_open": edition.registration_is_open(),
    }
    return render(request, "programme/showcase_apply.html", context)
