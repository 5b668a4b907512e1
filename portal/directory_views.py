"""The public partner directory."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from portal.models import Organisation


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.published().select_related("city").order_by("name")
    page = Paginator(organisations, 24).get_page(request.GET.get("page"))
    return render(request, "portal/directory.html", {"page": page})


@require_GET
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_object_or_404(
        Organisation.objects.published().select_related("city").prefetch_related("areas"),
        slug=slug,
    )
    return render(request, "portal/organisation.html", {"organisation": org})
