from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from programme.models import Edition


@require_GET
def editions(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    all_editions = list(Edition.objects.prefetch_related("cities__city").order_by("-year"))
    upcoming = [e for e in all_editions if e.end_date and e.end_date >= today]
    upcoming.reverse()
    past = [e for e in all_editions if e not in upcoming]
    return render(request, "programme/editions.html", {"upcoming": upcoming, "past": past})


@require_GET
def edition(request: HttpRequest, year: int) -> HttpResponse:
    obj = get_object_or_404(Edition.objects.prefetch_related("cities__city"), year=year)
    return render(request, "programme/edition.html", {"edition": obj})
