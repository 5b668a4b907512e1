from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from agreements.models import Agreement, Party


def _parties() -> Prefetch:
    return Prefetch("parties", queryset=Party.objects.select_related("organisation"))


@require_GET
def agreements(request: HttpRequest) -> HttpResponse:
    qs = Agreement.objects.public().select_related("city", "edition").prefetch_related(_parties())
    return render(request, "agreements/list.html", {"agreements": qs})


@require_GET
def agreement(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(
        Agreement.objects.public()
        .select_related("city", "edition", "activity__stop__mission")
        .prefetch_related(_parties(), "areas"),
        slug=slug,
    )
    return render(request, "agreements/agreement.html", {"agreement": obj})
