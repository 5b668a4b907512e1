"""Public mission pages: the list, a mission's itinerary and its iCalendar file."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from events import queries
from events.calendar import mission_calendar
from events.filters import MissionFilter
from events.models import Mission
from portal.core.page_cache import cached_page, refuse

PAST_PER_PAGE = 20


@cached_page("missions", "programme", "directory", filters=MissionFilter, paged=True)
@require_safe
def missions(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    filters = MissionFilter(request.GET or None, queryset=queries.list_missions())
    # An invalid filter shows its error and no mission, rather than silently ignoring it.
    valid = not filters.is_bound or filters.is_valid()
    if not valid:
        refuse(request)
    found = filters.qs if valid else Mission.objects.none()
    past = Paginator(found.past(today), PAST_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "upcoming": found.upcoming(today),
        "page": past,
    }
    return render(request, "events/missions.html", context)


def _mission_or_404(queryset: QuerySet[Mission]) -> Mission:
    mission = next(iter(queryset), None)
    if mission is None:
        raise Http404
    return mission


# Its activities name host organisations and the agreements signed there.
@cached_page("missions", "programme", "directory", "agreements")
@require_safe
def mission(request: HttpRequest, slug: str) -> HttpResponse:
    obj = _mission_or_404(queries.mission_page(slug))
    stops = [
        {"stop": stop, "days": queries.day_groups(list(stop.activities.all()))}
        for stop in obj.stops.all()
    ]
    return render(request, "events/mission.html", {"mission": obj, "stops": stops})


@cached_page("missions", "programme", "directory")
@require_safe
def mission_ics(request: HttpRequest, slug: str) -> HttpResponse:
    obj = _mission_or_404(queries.mission_itinerary(slug))
    body = mission_calendar(obj, url=request.build_absolute_uri(obj.get_absolute_url()))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{obj.slug}.ics"'
    return response
