from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from events.models import Mission, Stop


@require_GET
def missions(request: HttpRequest) -> HttpResponse:
    qs = Mission.objects.prefetch_related(
        Prefetch("stops", queryset=Stop.objects.select_related("city"))
    ).order_by("-start_date")
    return render(request, "events/missions.html", {"missions": qs})


@require_GET
def mission(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(
        Mission.objects.select_related("edition").prefetch_related(
            Prefetch("stops", queryset=Stop.objects.select_related("city")),
            "stops__activities",
        ),
        slug=slug,
    )
    return render(request, "events/mission.html", {"mission": obj})
