"""Public pages: editions, an edition, its programme by day and city, iCalendar files."""

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from portal.core.page_cache import cached_page, refuse
from programme import edition_links, ics, queries
from programme.filters import ProgrammeFilter
from programme.models import Edition


@cached_page("programme")
@require_safe
def editions(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    all_editions = list(Edition.objects.real().with_cities().order_by("-year"))
    # Upcoming: soonest first; past: latest first. Undated editions count as past.
    upcoming = [e for e in all_editions if e.end_date and e.end_date >= today]
    upcoming.reverse()
    past = [e for e in all_editions if e not in upcoming]
    demo = Edition.objects.filter(is_demo=True).first()
    context = {"upcoming": upcoming, "past": past, "demo": demo}
    return render(request, "programme/editions.html", context)


# Its startups are organisations; its figures count registrations.
@cached_page("programme", "directory")
@require_safe
def edition(request: HttpRequest, year: int) -> HttpResponse:
    obj = queries.edition_or_404(year)
    context = {
        "edition": obj,
        "figures": None if obj.has_reported_figures else queries.live_figures(obj),
        "startups": list(queries.shortlisted_startups(obj)),
        "registration_open": obj.registration_is_open(),
        "has_calendar": queries.has_timed_sessions(obj),
        "member_links": edition_links.links_for(obj, request.user, "signed_in"),
        "own_badge": queries.has_badge(request.user, obj),
        "staff_links": edition_links.links_for(obj, request.user, "staff"),
    }
    return render(request, "programme/edition.html", context)


def _days(edition: Edition, sessions: list) -> list[dict]:
    """Sessions grouped by local day, then by city; those with no known day come last."""
    zone = edition.zone
    focus = {stage.city_id: stage.focus for stage in edition.cities.all()}

    def local_day(session):
        return None if session.start is None else timezone.localtime(session.start, zone).date()

    days = []
    for day, day_sessions in groupby(sessions, key=local_day):
        by_city: dict[int, dict] = {}
        for session in day_sessions:
            entry = by_city.setdefault(
                session.city_id,
                {"city": session.city, "focus": focus.get(session.city_id), "sessions": []},
            )
            entry["sessions"].append(session)
        days.append({"day": day, "cities": list(by_city.values())})
    return days


@cached_page("programme", "directory", filters=ProgrammeFilter)
@require_safe
def programme(request: HttpRequest, year: int) -> HttpResponse:
    obj = queries.edition_or_404(year)
    filterset = ProgrammeFilter(request.GET or None, queryset=queries.sessions_of(obj), edition=obj)
    # An invalid filter value shows the form's error and no rows, never a 500.
    sessions = list(filterset.qs) if filterset.is_bound else list(filterset.queryset)
    if filterset.is_bound and not filterset.is_valid():
        sessions = []
        refuse(request)
    context = {
        "edition": obj,
        "filter": filterset,
        "days": _days(obj, sessions),
        "has_calendar": queries.has_timed_sessions(obj),
    }
    return render(request, "programme/programme.html", context)


@cached_page("programme", "directory")
@require_safe
def session(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    obj = queries.edition_or_404(year)
    item = get_object_or_404(queries.sessions_of(obj), pk=pk)
    return render(request, "programme/session.html", {"edition": obj, "session": item})


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@cached_page("programme", "directory")
@require_safe
def programme_ics(request: HttpRequest, year: int) -> HttpResponse:
    obj = queries.edition_or_404(year)
    sessions = list(queries.sessions_of(obj))
    body = ics.programme_calendar(
        edition=obj,
        sessions=sessions,
        absolute_url=request.build_absolute_uri,
        name=str(obj.title),
    )
    return _ics_response(body, f"china-italy-week-{obj.year}.ics")


@cached_page("programme", "directory")
@require_safe
def session_ics(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    obj = queries.edition_or_404(year)
    # A session whose time is not known has no place in a calendar.
    item = get_object_or_404(queries.sessions_of(obj).filter(start__isnull=False), pk=pk)
    body = ics.programme_calendar(
        edition=obj, sessions=[item], absolute_url=request.build_absolute_uri, name=str(item.title)
    )
    return _ics_response(body, f"china-italy-week-{obj.year}-session-{item.pk}.ics")
