"""Organisations register their delegates to an edition and manage their delegation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.core.models import Membership
from programme import queries, services
from programme.forms import (
    ParticipationForm,
    RegistrationForm,
    StartupApplicationForm,
    add_service_error,
)


def _delegation_url(year: int) -> str:
    return reverse("programme:delegation", kwargs={"year": year})


def _no_organisation(request: HttpRequest, edition) -> HttpResponse:
    """Delegates are registered by members of an organisation: say how to become one, and
    show the invitations someone sent this person, which need no organisation of their own."""
    context = {
        "edition": edition,
        "invitations": queries.pending_invitations_to(request.user, edition),
    }
    return render(request, "programme/no_organisation.html", context, status=403)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def register(request: HttpRequest, year: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    memberships = queries.memberships_of(request.user)
    if not memberships:
        return _no_organisation(request, edition)
    form = RegistrationForm(request.POST or None, edition=edition, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = {key: data[key] for key in ("role", "languages", "b2b", "b2b_days", "sessions")}
        try:
            if data["email"] == request.user.email.lower():
                services.registration_create(
                    edition=edition,
                    person=request.user,
                    organisation=data["organisation"],
                    registered_by=request.user,
                    **details,
                )
                done = _("You are registered; staff will confirm the registration.")
            else:
                # Anyone else is invited, and the answer is the same whoever the address is.
                services.registration_invite(
                    edition=edition,
                    organisation=data["organisation"],
                    email=data["email"],
                    invited_by=request.user,
                    **details,
                )
                done = _("We have invited %(email)s; the registration counts once they accept.") % {
                    "email": data["email"]
                }
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, done)
            return redirect(_delegation_url(year))
    context = {
        "edition": edition,
        "form": form,
        "registration_open": edition.registration_is_open(),
        "invitations": queries.pending_invitations_to(request.user, edition),
    }
    return render(request, "programme/register.html", context)


@login_required
def delegation(request: HttpRequest, year: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    memberships = queries.memberships_of(request.user)
    if not memberships:
        return _no_organisation(request, edition)
    admin_of = {m.organisation_id for m in memberships if m.role == Membership.Role.ADMIN}
    organisations = [m.organisation for m in memberships]
    rows = [
        {"registration": r, "manageable": queries.can_manage(request.user, r, admin_of)}
        for r in queries.delegation(edition, organisations)
    ]
    invitations = [
        {
            "invitation": i,
            "manageable": queries.can_manage_invitation(request.user, i, admin_of),
        }
        for i in queries.delegation_invitations(edition, organisations)
    ]
    context = {
        "edition": edition,
        "rows": rows,
        "invitations": invitations,
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
@require_POST
def invitation_withdraw(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    invitation = queries.managed_invitation_or_404(request.user, edition, pk)
    services.registration_invitation_withdraw(invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
    )
    return redirect(_delegation_url(year))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def showcase_apply(request: HttpRequest, year: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    memberships = queries.memberships_of(request.user)
    if not memberships:
        return _no_organisation(request, edition)
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
