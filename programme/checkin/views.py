"""The check-in page staff use at a venue's door, its scan and search answers, the export."""

import datetime as dt
import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_countries import countries

from portal.core.exports import csv_response
from portal.core.services.common import Refused
from portal.core.staff import staff_required
from programme import queries as programme_queries
from programme.badges.services import registration_for_badge
from programme.checkin import queries, services
from programme.checkin.forms import PlaceForm, ScanForm, SearchForm
from programme.models import Edition, Registration

ATTENDANCE_COLUMNS = [
    "day", "venue", "checked_in_at", "time_zone", "name", "native_name", "organisation",
    "country", "role", "checked_in_by",
]  # fmt: skip


def _remembered(edition: Edition) -> str:
    return f"checkin-venue-{edition.year}"


def _place(request: HttpRequest, edition: Edition) -> PlaceForm:
    """The door chosen in the query, else the venue this session used last and today."""
    if "venue" in request.GET or "day" in request.GET:
        return PlaceForm(request.GET, edition=edition)
    venues = queries.venues_of(edition)
    venue = request.session.get(_remembered(edition))
    if venue not in {v.pk for v in venues}:
        venue = venues[0].pk if venues else None
    day = queries.default_day(edition)
    data = {"venue": venue, "day": day.isoformat() if day else ""}
    return PlaceForm(data, edition=edition)


@staff_required
@require_safe
def page(request: HttpRequest, year: int) -> HttpResponse:
    edition = programme_queries.edition_or_404(year)
    place = _place(request, edition)
    search = SearchForm(request.GET)
    found = []
    if place.is_valid():
        # Remembered for the next time this phone opens the page at this edition (a preference
        # of the session, not data: written only when it changes).
        venue_pk = place.cleaned_data["venue"].pk
        if request.session.get(_remembered(edition)) != venue_pk:
            request.session[_remembered(edition)] = venue_pk
        if search.is_valid() and search.cleaned_data["q"]:
            found = list(queries.search(edition, search.cleaned_data["q"]))
            for registration in found:
                registration.client_id = uuid.uuid4()
    context = {
        "edition": edition,
        "place": place,
        "search": search,
        "found": found,
        "client_id": uuid.uuid4(),  # the form without JavaScript: a resubmission is a replay
        "has_venues": bool(place.fields["venue"].queryset),
    }
    return render(request, "programme/checkin/page.html", context)


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def _person(registration: Registration) -> dict:
    """What the door sees of a person: never the e-mail address."""
    person, organisation = registration.person, registration.organisation
    return {
        "name": person.full_name,
        "native_name": person.native_name,
        "organisation": str(organisation.name),
        "organisation_native": organisation.native_name,
        "country": str(countries.name(organisation.country)) if organisation.country else "",
        "role": str(Registration.Role(registration.role).label),
    }


def _answer(edition: Edition, outcome: services.Outcome) -> dict:
    row = outcome.check_in
    if outcome.created or outcome.replay:
        return {"status": "checked_in", "message": _("Checked in")}
    at = timezone.localtime(row.checked_in_at, edition.zone).strftime("%H:%M")
    by = row.checked_in_by.full_name if row.checked_in_by else ""
    if by:
        message = _("Already checked in at %(time)s by %(name)s") % {"time": at, "name": by}
    else:
        message = _("Already checked in at %(time)s") % {"time": at}
    return {"status": "already", "message": message}


def _scan(request: HttpRequest, edition: Edition, form: ScanForm) -> dict:
    data = form.cleaned_data
    try:
        if data["registration"]:
            registration = queries.registration_or_none(edition, data["registration"])
            if registration is None:
                raise Refused(_("This badge is not valid."), code="invalid")
        else:
            registration = registration_for_badge(
                edition=edition, token=data["token"], code=data["code"]
            )
        outcome = services.check_in(
            registration=registration,
            venue=data["venue"],
            day=data["day"],
            by=request.user,
            client_id=data["client_id"],
            at=_scan_time(data["scanned_at"]),
        )
    except Refused as refused:
        return {"status": refused.code or "refused", "message": str(refused)}
    return {**_answer(edition, outcome), "person": _person(outcome.check_in.registration)}


def _scan_time(scanned_at: dt.datetime | None) -> dt.datetime | None:
    """The phone's time of a scan sent late; the server's when it is missing or implausible."""
    now = timezone.now()
    if scanned_at is None or not now - dt.timedelta(days=2) <= scanned_at <= now:
        return None
    return scanned_at


@staff_required
@require_POST
def scan(request: HttpRequest, year: int) -> HttpResponse:
    """Check one person in; JSON for the page's script, a redirect for the plain form."""
    edition = get_object_or_404(Edition, year=year)  # the door's hot path: no host cities
    form = ScanForm(request.POST, edition=edition)
    if not form.is_valid():
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
        if _wants_json(request):
            return JsonResponse({"status": "error", "message": message}, status=400)
        messages.error(request, message)
        return redirect(reverse("programme:checkin", kwargs={"year": year}))
    answer = _scan(request, edition, form)
    if _wants_json(request):
        return JsonResponse(answer)
    person = answer.get("person")
    text = answer["message"]
    if person:
        text = _("%(name)s of %(organisation)s: %(status)s") % {
            "status": text,
            "name": person["name"] or person["native_name"],
            "organisation": person["organisation"],
        }
    level = messages.SUCCESS if answer["status"] == "checked_in" else messages.WARNING
    messages.add_message(request, level, text)
    place = {"venue": form.cleaned_data["venue"].pk, "day": form.cleaned_data["day"].isoformat()}
    return redirect(f"{reverse('programme:checkin', kwargs={'year': year})}?{urlencode(place)}")


@staff_required
@require_safe
def search(request: HttpRequest, year: int) -> JsonResponse:
    """Confirmed registrations of the edition matching a typed name, for the page's script."""
    edition = programme_queries.edition_or_404(year)
    form = SearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"results": [], "message": str(form.errors["q"][0])}, status=400)
    results = [{"id": r.pk, **_person(r)} for r in queries.search(edition, form.cleaned_data["q"])]
    return JsonResponse({"results": results})


@staff_required
@require_safe
def attendance_csv(request: HttpRequest, year: int) -> HttpResponse:
    """Who came in at a venue on a day, in the order they came."""
    edition = programme_queries.edition_or_404(year)
    place = PlaceForm(request.GET, edition=edition)
    if not place.is_valid():
        message = " ".join(str(e) for errors in place.errors.values() for e in errors)
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    venue, day = place.cleaned_data["venue"], place.cleaned_data["day"]
    zone = edition.zone
    return csv_response(
        filename=f"attendance-{edition.year}-{day.isoformat()}-venue-{venue.pk}.csv",
        header=ATTENDANCE_COLUMNS,
        rows=(
            [
                row.day.isoformat(),
                str(venue),
                timezone.localtime(row.checked_in_at, zone).isoformat(timespec="seconds"),
                edition.time_zone,
                row.registration.person.full_name,
                row.registration.person.native_name,
                row.registration.organisation.name,
                row.registration.organisation.country.code,
                row.registration.role,
                row.checked_in_by.full_name if row.checked_in_by else "",
            ]
            for row in queries.attendance(venue, day)
        ),
    )
