"""Members' pages: their organisations, the profile, members, invitations and requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.core import logos
from portal.core import queries as selectors
from portal.core.forms import (
    CooperationProfileForm,
    InvitationForm,
    OrganisationForm,
    OwnMembershipForm,
    RoleForm,
)
from portal.core.models import CooperationProfile, Invitation, JoinRequest, Membership
from portal.core.services import cooperation
from portal.core.services import memberships as membership_services
from portal.core.services import organisations as organisation_services
from portal.core.services.common import Refused
from portal.core.uploads import upload_limit
from portal.core.versions import EditConflict, keep_input


def _manage(slug: str) -> HttpResponse:
    return redirect("portal:organisation_manage", slug=slug)


def _form_errors(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
@require_safe
def my_organisations(request: HttpRequest) -> HttpResponse:
    memberships = selectors.my_memberships(request.user)
    requests = JoinRequest.objects.filter(user=request.user, status="pending").select_related(
        "organisation"
    )
    return render(
        request,
        "portal/my_organisations.html",
        {"memberships": memberships, "join_requests": requests},
    )


@upload_limit(logos.MAX_BYTES)
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_register(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        org = organisation_services.organisation_register(
            user=request.user, data=data, areas=data["areas"], logo=data["logo"]
        )
        messages.success(
            request, _("Thank you. The programme's staff will review the organisation soon.")
        )
        return _manage(org.slug)
    return render(request, "portal/organisation_form.html", {"form": form, "organisation": None})


@login_required
@require_safe
def organisation_manage(request: HttpRequest, slug: str) -> HttpResponse:
    membership = selectors.membership_of(request.user, slug)
    org = membership.organisation
    return render(
        request,
        "portal/organisation_manage.html",
        {
            "organisation": org,
            "membership": membership,
            "own_form": OwnMembershipForm(instance=membership),
            "invite_form": InvitationForm(),
            "roles": Membership.Role.choices,
            **selectors.manage_page(org),
        },
    )


@upload_limit(logos.MAX_BYTES)
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    org = selectors.admin_membership_of(request.user, slug).organisation
    # The form starts from a proposal that waits for review, so that saving another field
    # does not silently withdraw it.
    form = OrganisationForm(
        request.POST or None, request.FILES or None, instance=org, initial=org.proposed_changes
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            org = organisation_services.organisation_update(
                organisation=org,
                user=request.user,
                data=data,
                areas=data["areas"],
                logo=data["logo"],
                remove_logo=data.get("remove_logo", False),
                version=data["loaded_version"],
            )
        except EditConflict as conflict:
            keep_input(form, conflict)
            return render(
                request, "portal/organisation_form.html", {"form": form, "organisation": org}
            )
        messages.success(request, _("The organisation's profile was saved."))
        if org.proposed_changes:
            messages.info(
                request,
                _(
                    "The change of name, website or country waits for review by the programme's "
                    "staff; until then the approved version stays public."
                ),
            )
        return _manage(slug)
    return render(request, "portal/organisation_form.html", {"form": form, "organisation": org})


@login_required
@require_POST
def membership_own(request: HttpRequest, slug: str) -> HttpResponse:
    membership = selectors.membership_of(request.user, slug)
    form = OwnMembershipForm(request.POST, instance=membership)
    if form.is_valid():
        membership_services.membership_update_own(
            membership=membership,
            job_title=form.cleaned_data["job_title"],
            shown_publicly=form.cleaned_data["shown_publicly"],
        )
        messages.success(request, _("Saved."))
    else:
        _form_errors(request, form)
    return _manage(slug)


@login_required
@require_POST
def organisation_invite(request: HttpRequest, slug: str) -> HttpResponse:
    org = selectors.admin_membership_of(request.user, slug).organisation
    form = InvitationForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _manage(slug)
    try:
        membership_services.invitation_send(
            organisation=org,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            by=request.user,
        )
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The invitation was sent."))
    return _manage(slug)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    org = selectors.admin_membership_of(request.user, slug).organisation
    invitation = get_object_or_404(Invitation, pk=pk, organisation=org)
    membership_services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation was withdrawn."))
    return _manage(slug)


@login_required
@require_POST
def membership_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    org = selectors.admin_membership_of(request.user, slug).organisation
    target = get_object_or_404(Membership, pk=pk, organisation=org)
    form = RoleForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _manage(slug)
    try:
        membership_services.membership_change_role(
            membership=target, role=form.cleaned_data["role"], by=request.user
        )
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The role was changed."))
    return _manage(slug)


@login_required
@require_POST
def membership_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    own = selectors.membership_of(request.user, slug)
    target = get_object_or_404(Membership, pk=pk, organisation=own.organisation)
    if target.pk != own.pk and own.role != Membership.Role.ADMIN:
        raise PermissionDenied
    try:
        membership_services.membership_remove(membership=target, by=request.user)
    except Refused as refused:
        messages.error(request, refused.message)
        return _manage(slug)
    if target.pk == own.pk:
        messages.success(request, _("You left the organisation."))
        return redirect("portal:my_organisations")
    messages.success(request, _("The member was removed."))
    return _manage(slug)


def _decide(request: HttpRequest, slug: str, pk: int, *, accept: bool) -> HttpResponse:
    org = selectors.admin_membership_of(request.user, slug).organisation
    join_request = get_object_or_404(JoinRequest, pk=pk, organisation=org)
    try:
        membership_services.join_request_decide(
            join_request=join_request, by=request.user, accept=accept
        )
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request, _("The request was accepted.") if accept else _("The request was declined.")
        )
    return _manage(slug)


@login_required
@require_POST
def join_request_accept(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _decide(request, slug, pk, accept=True)


@login_required
@require_POST
def join_request_decline(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _decide(request, slug, pk, accept=False)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_create(request: HttpRequest, slug: str) -> HttpResponse:
    org = selectors.admin_membership_of(request.user, slug).organisation
    form = CooperationProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cooperation.profile_create(
            organisation=org,
            user=request.user,
            data=form.cleaned_data,
            areas=form.cleaned_data["areas"],
        )
        messages.success(request, _("The profile was saved."))
        return _manage(slug)
    return render(
        request, "portal/profile_form.html", {"form": form, "organisation": org, "profile": None}
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    org = selectors.admin_membership_of(request.user, slug).organisation
    profile = get_object_or_404(CooperationProfile, pk=pk, organisation=org)
    form = CooperationProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        cooperation.profile_update(
            profile=profile, user=request.user, data=form.cleaned_data,
            areas=form.cleaned_data["areas"],
        )  # fmt: skip
        messages.success(request, _("The profile was saved."))
        return _manage(slug)
    return render(
        request,
        "portal/profile_form.html",
        {"form": form, "organisation": org, "profile": profile},
    )


@login_required
@require_POST
def profile_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    org = selectors.admin_membership_of(request.user, slug).organisation
    profile = get_object_or_404(CooperationProfile, pk=pk, organisation=org)
    cooperation.profile_delete(profile=profile, user=request.user)
    messages.success(request, _("The profile was deleted."))
    return _manage(slug)
