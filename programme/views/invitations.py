"""The invited person's side of an invitation to register: see it, accept it or decline it.

Any signed-in person may have invitations, with or without an organisation of their own;
an invitation is theirs when it was sent to their account's address (another one is a 404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from programme import queries, services


@login_required
@require_safe
def invitations(request: HttpRequest, year: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    context = {"edition": edition, "invitations": queries.invitations_to(request.user, edition)}
    return render(request, "programme/invitations.html", context)


@login_required
@require_safe
def invitation(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    context = {
        "edition": edition,
        "invitation": queries.invitation_to_or_404(request.user, edition, pk),
        "registration_open": edition.registration_is_open(),
    }
    return render(request, "programme/invitation.html", context)


@login_required
@require_POST
def invitation_accept(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    invitation = queries.invitation_to_or_404(request.user, edition, pk)
    try:
        services.registration_invitation_accept(invitation=invitation, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You are registered as a delegate of %(name)s; staff will confirm the registration.")
            % {"name": invitation.organisation.name},
        )
    return redirect("programme:invitation", year=year, pk=pk)


@login_required
@require_POST
def invitation_decline(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    edition = queries.edition_or_404(year)
    invitation = queries.invitation_to_or_404(request.user, edition, pk)
    try:
        services.registration_invitation_decline(invitation=invitation, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You declined the invitation."))
    return redirect("programme:invitation", year=year, pk=pk)
