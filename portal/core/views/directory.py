"""The public partner directory, an organisation's page, join requests and invitation links."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.core import fragment_cache, page_cache
from portal.core import queries as selectors
from portal.core import sections as organisation_sections
from portal.core.filters import CooperationProfileFilter, OrganisationFilter
from portal.core.forms import JoinRequestForm
from portal.core.models import Membership, Organisation
from portal.core.services import memberships as membership_services
from portal.core.services.common import Refused

PAGE_SIZE = 24


@page_cache.cached_page("directory", filters=OrganisationFilter, paged=True)
@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    # The filter form and the results are everyone's: one shared fragment per query, rendered
    # only when what it lists changed (anonymous visitors get the whole page from page_cache).
    pairs = page_cache.normal_query(request.GET, directory.page_cache)
    query = QueryDict(urlencode(pairs))

    def results() -> tuple[str, bool]:
        filterset = OrganisationFilter(query or None, queryset=selectors.directory_queryset())
        valid = not filterset.is_bound or filterset.is_valid()
        if not valid:
            page_cache.refuse(request)
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(query.get("page"))
        context = {"filter": filterset, "page": page}
        return fragment_cache.render_shared("portal/_directory_results.html", context, query), valid

    html = fragment_cache.fragment("directory", ["directory"], [query.urlencode()], results)
    return render(request, "portal/directory.html", {"results": html})


@page_cache.cached_page("directory", filters=CooperationProfileFilter, paged=True)
@require_safe
def cooperation(request: HttpRequest) -> HttpResponse:
    filterset = CooperationProfileFilter(
        request.GET or None, queryset=selectors.cooperation_queryset()
    )
    if filterset.is_bound and not filterset.is_valid():
        page_cache.refuse(request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/cooperation.html", {"filter": filterset, "page": page})


# Its sections list the organisation's editions, missions, meetings and agreements.
@page_cache.cached_page("directory", "programme", "missions", "b2b", "agreements")
@require_safe
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    org = selectors.public_organisation(slug)
    context = {
        "organisation": org,
        "join_form": None,
        "is_member": False,
        "sections": organisation_sections.render_sections(request, org),
    }
    if request.user.is_authenticated:
        context["is_member"] = Membership.objects.filter(
            organisation=org, user=request.user
        ).exists()
        if not context["is_member"]:
            context["join_form"] = JoinRequestForm()
    return render(request, "portal/organisation.html", context)


@login_required
@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_object_or_404(Organisation.objects.published(), slug=slug)
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("message", [])))
        return redirect(org)
    try:
        membership_services.join_request_create(
            organisation=org, user=request.user, message=form.cleaned_data["message"]
        )
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your request was sent to the organisation's administrators."))
    return redirect(org)


@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invite = membership_services.invitation_from_token(token)
    except Refused as refused:
        return render(request, "portal/invitation.html", {"error": refused.message}, status=410)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            membership_services.invitation_accept(invitation=invite, user=request.user)
        except Refused as refused:
            messages.error(request, refused.message)
            return redirect(request.path)
        messages.success(request, _("Welcome: you are now a member."))
        return redirect("portal:organisation_manage", slug=invite.organisation.slug)
    return render(request, "portal/invitation.html", {"invitation": invite})
