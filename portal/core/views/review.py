"""Staff review of pending organisations, their proposed changes and profiles: approve or
reject in one click."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.core import queries as selectors
from portal.core.forms import ChangeApproveForm, RejectForm
from portal.core.models import CooperationProfile, Organisation
from portal.core.services import cooperation
from portal.core.services import organisations as organisation_services
from portal.core.services.common import NO_REASON, Refused
from portal.core.staff import staff_required


@staff_required
@require_safe
def review(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/review.html", {"reject_form": RejectForm(), **selectors.review_page()}
    )


def _decide(request: HttpRequest, *, service, approve: bool, **item) -> HttpResponse:
    """Call a review service (`organisation=` or `profile=`) for the review page: approve, or
    reject with the reason a rejection needs."""
    [obj] = item.values()
    name = obj.title if isinstance(obj, CooperationProfile) else obj.name
    if approve:
        service(**item, by=request.user)
        messages.success(request, _("%(name)s was approved.") % {"name": name})
        return redirect("portal:review")
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(NO_REASON))
        return redirect("portal:review")
    service(**item, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("%(name)s was rejected.") % {"name": name})
    return redirect("portal:review")


@staff_required
@require_POST
def organisation_approve(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Organisation, pk=pk)
    return _decide(
        request, service=organisation_services.organisation_approve, approve=True, organisation=org
    )


@staff_required
@require_POST
def organisation_reject(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Organisation, pk=pk)
    return _decide(
        request, service=organisation_services.organisation_reject, approve=False, organisation=org
    )


@staff_required
@require_POST
def profile_approve(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(CooperationProfile, pk=pk)
    return _decide(request, service=cooperation.profile_approve, approve=True, profile=profile)


@staff_required
@require_POST
def profile_reject(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(CooperationProfile, pk=pk)
    return _decide(request, service=cooperation.profile_reject, approve=False, profile=profile)


@staff_required
@require_POST
def change_approve(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Organisation, pk=pk)
    form = ChangeApproveForm(request.POST)
    proposed_at = form.cleaned_data["proposed_at"] if form.is_valid() else None
    try:
        org = organisation_services.organisation_change_approve(
            organisation=org, by=request.user, proposed_at=proposed_at
        )
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The change to %(name)s was approved.") % {"name": org.name})
    return redirect("portal:review")


@staff_required
@require_POST
def change_reject(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Organisation, pk=pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(NO_REASON))
        return redirect("portal:review")
    try:
        organisation_services.organisation_change_reject(
            organisation=org, by=request.user, reason=form.cleaned_data["reason"]
        )
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The change to %(name)s was rejected.") % {"name": org.name})
    return redirect("portal:review")
