"""Participants' pages: their B2B page, the catalogue, requests, agenda, meetings."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from matchmaking import queries, services
from matchmaking.filters import CatalogueFilter
from matchmaking.forms import (
    AvailabilityForm,
    DeclineForm,
    FeedbackForm,
    MoveForm,
    RequestForm,
    SwapForm,
)
from matchmaking.models import EditionB2B, Seat
from matchmaking.views.common import (
    edition_and_participant,
    edition_or_404,
    refused,
    require_participant,
)
from portal.core import fragment_cache, page_cache
from portal.core.models import Organisation
from portal.core.services.common import Refused
from programme.models import Registration

# What the catalogue shows: participants and their registrations, people's names (User is
# watched under "directory"), organisations, areas and offers.
CATALOGUE_SPEC = page_cache.page_spec(
    "b2b", "programme", "directory", filters=CatalogueFilter, paged=True
)


@login_required
@require_safe
def home(request: HttpRequest, year: int) -> HttpResponse:
    """The person's B2B page: their requests, or how to take part."""
    edition = edition_or_404(year)
    me = queries.participant_for(request.user, edition)
    registration = None
    if me is None:
        registration = Registration.objects.filter(
            edition=edition, person=request.user, b2b=True, status=Registration.Status.CONFIRMED
        ).first()
    requests = list(queries.requests_of(me)) if me else []
    settings = EditionB2B.objects.filter(edition=edition).first()
    return render(
        request,
        "matchmaking/home.html",
        {
            "edition": edition,
            "me": me,
            "registration": registration,
            "incoming": [r for r in requests if r.recipient_id == me.pk and r.status == "pending"]
            if me
            else [],
            "requests": requests,
            "browse": me is not None or queries.can_browse(request.user, edition),
            "settings": settings,
            "decline_form": DeclineForm(),
            "admin_of": Organisation.objects.filter(
                pk__in=queries.admin_organisation_ids(request.user)
            ).order_by("name"),
        },
    )


@login_required
@require_POST
def join(request: HttpRequest, year: int) -> HttpResponse:
    edition = edition_or_404(year)
    # The live one: a person may have a cancelled registration beside it.
    registration = get_object_or_404(
        Registration.objects.live(), edition=edition, person=request.user
    )
    try:
        services.participant_enrol(registration=registration)
    except Refused as error:
        refused(request, error)
    return redirect("matchmaking:requests", year=year)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def availability(request: HttpRequest, year: int) -> HttpResponse:
    """The participant's sessions, the slots they cannot make, and what they look for."""
    edition = edition_or_404(year)
    me = require_participant(request, edition)
    initial = {
        "profile": me.profile,
        "sessions": list(me.sessions.all()),
        "unavailable": [u.slot_id for u in me.unavailable.all()],
    }
    form = AvailabilityForm(request.POST or None, participant=me, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.participant_set_availability(
            participant=me,
            sessions=form.cleaned_data["sessions"],
            slots=form.cleaned_data["unavailable"],
            profile=form.cleaned_data["profile"],
        )
        messages.success(request, _("Your availability is saved."))
        return redirect("matchmaking:requests", year=year)
    return render(
        request, "matchmaking/availability.html", {"edition": edition, "me": me, "form": form}
    )


@login_required
@require_safe
def catalogue(request: HttpRequest, year: int) -> HttpResponse:
    edition, me = edition_and_participant(request, year)
    if me is None and not queries.can_browse(request.user, edition):
        raise PermissionDenied
    # The filters and the table are the same for every reader but the reader's own row: one
    # shared fragment per query and excluded participant; the suggestions are rendered live.
    query = QueryDict(urlencode(page_cache.normal_query(request.GET, CATALOGUE_SPEC)))
    excluded = me.pk if me is not None else None

    def results() -> tuple[str, bool]:
        participants = queries.catalogue(edition)
        if excluded is not None:
            participants = participants.exclude(pk=excluded)
        filterset = CatalogueFilter(query, queryset=participants)
        valid = filterset.is_valid()
        page = Paginator(filterset.qs, 30).get_page(query.get("page"))
        context = {"edition": edition, "filter": filterset, "page": page}
        html = fragment_cache.render_shared("matchmaking/_catalogue_results.html", context, query)
        return html, valid

    html = fragment_cache.fragment(
        "b2b-catalogue", CATALOGUE_SPEC.tokens, [year, excluded, query.urlencode()], results
    )
    return render(
        request,
        "matchmaking/catalogue.html",
        {
            "edition": edition,
            "me": me,
            "results": html,
            "suggestions": _suggestions(edition, me) if me else "",
        },
    )


def _suggestions(edition, me) -> str:
    """The reader's suggested partners, kept for them alone (the key holds their participant)
    until a request, a participant or an organisation changes."""

    def suggestions() -> tuple[str, bool]:
        context = {"edition": edition, "suggestions": queries.suggestions(me)}
        html = fragment_cache.render_shared("matchmaking/_suggestions.html", context, QueryDict())
        return html, True

    return fragment_cache.fragment(
        "b2b-suggestions", CATALOGUE_SPEC.tokens, [edition.year, me.pk], suggestions
    )


@login_required
@require_safe
def participant(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    edition = edition_or_404(year)
    me = queries.participant_for(request.user, edition)
    if me is None and not queries.can_browse(request.user, edition):
        raise PermissionDenied
    other = get_object_or_404(queries.catalogue(edition), pk=pk)
    return render(
        request,
        "matchmaking/participant.html",
        {
            "edition": edition,
            "me": me,
            "other": other,
            "language": queries.common_language(me, other) if me else "",
            "form": RequestForm(),
        },
    )


@login_required
@require_POST
def request_create(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    edition = edition_or_404(year)
    me = require_participant(request, edition)
    other = get_object_or_404(queries.catalogue(edition), pk=pk)
    form = RequestForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "matchmaking/participant.html",
            {"edition": edition, "me": me, "other": other, "form": form},
            status=400,
        )
    try:
        services.request_create(requester=me, recipient=other, message=form.cleaned_data["message"])
    except Refused as error:
        refused(request, error)
        return redirect("matchmaking:participant", year=year, pk=pk)
    messages.success(request, _("Your request was sent."))
    return redirect("matchmaking:requests", year=year)


@login_required
@require_POST
def request_answer(request: HttpRequest, year: int, pk: int, action: str) -> HttpResponse:
    """Accept, decline or withdraw a request; staff may do each on a participant's behalf."""
    edition = edition_or_404(year)
    meeting_request = queries.visible_request(request.user, edition, pk)
    is_recipient = meeting_request.recipient.registration.person_id == request.user.pk
    is_requester = meeting_request.requester.registration.person_id == request.user.pk
    staff = request.user.is_staff
    try:
        if action == "accept" and (is_recipient or staff):
            services.request_accept(request=meeting_request, by=request.user)
            messages.success(request, _("You accepted the request."))
        elif action == "decline" and (is_recipient or staff):
            form = DeclineForm(request.POST)
            if form.is_valid():
                services.request_decline(
                    request=meeting_request, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("You declined the request."))
            else:
                messages.error(request, " ".join(form.errors["reason"]))
        elif action == "withdraw" and (is_requester or staff):
            services.request_withdraw(request=meeting_request, by=request.user)
            messages.success(request, _("You withdrew the request."))
        elif action == "cancel" and staff:
            services.request_cancel(request=meeting_request, by=request.user)
            messages.success(request, _("The request is cancelled."))
        else:
            raise PermissionDenied
    except Refused as error:
        refused(request, error)
    if staff and not (is_recipient or is_requester):
        # Back to staff's filtered list of requests, where they acted.
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            return redirect(back)
        return redirect("matchmaking:staff_requests", year=year)
    return redirect("matchmaking:requests", year=year)


@login_required
@require_safe
def meeting(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    edition = edition_or_404(year)
    obj = queries.visible_meeting(request.user, edition, pk)
    seats = list(
        obj.seats.select_related(
            "participant__registration__person", "participant__registration__organisation"
        )
    )
    mine = next((s for s in seats if s.participant.registration.person_id == request.user.pk), None)
    request_obj = obj.request
    return render(
        request,
        "matchmaking/meeting.html",
        {
            "edition": edition,
            "meeting": obj,
            # Feedback is private to its author and staff: the other side (and the
            # organisations' admins) never read a rating or a comment about themselves.
            "feedback_seats": seats if request.user.is_staff else [s for s in seats if s is mine],
            "mine": mine,
            "form": FeedbackForm(instance=mine) if mine else None,
            "language": queries.common_language(request_obj.requester, request_obj.recipient),
            "move_form": None,
            "swap_form": None,
            **(_staff_forms(obj, edition) if request.user.is_staff else {}),
        },
    )


def _staff_forms(meeting, edition) -> dict:
    """The move and swap forms, offering only the places where the meeting's people are free."""
    if meeting.status != meeting.Status.SCHEDULED:
        return {"move_form": None, "swap_form": None}
    return {
        "move_form": MoveForm(
            session=meeting.slot.session,
            zone=edition.time_zone,
            options=queries.move_options(meeting),
            initial={"place": f"{meeting.slot_id}:{meeting.table_id}"},
        ),
        "swap_form": SwapForm(
            meeting=meeting, zone=edition.time_zone, candidates=queries.swap_candidates(meeting)
        ),
    }


@login_required
@require_POST
def feedback(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    edition = edition_or_404(year)
    seat = get_object_or_404(
        Seat.objects.select_related("slot", "meeting"),
        meeting__edition=edition,
        meeting_id=pk,
        participant__in=queries.active_participants(edition).filter(
            registration__person=request.user
        ),
    )
    form = FeedbackForm(request.POST, instance=seat)
    if form.is_valid():
        try:
            services.seat_feedback(seat=seat, **form.cleaned_data)
            messages.success(request, _("Thank you: your feedback is recorded."))
        except Refused as error:
            refused(request, error)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("matchmaking:meeting", year=year, pk=pk)


def _agenda_rows(seats) -> list[dict]:
    rows = []
    for seat in seats:
        partner = queries.partner_of(seat)
        rows.append(
            {
                "seat": seat,
                "meeting": seat.meeting,
                "partner": partner,
                "language": queries.common_language(seat.participant, partner),
            }
        )
    return rows


@login_required
@require_safe
def agenda(request: HttpRequest, year: int) -> HttpResponse:
    edition, me = edition_and_participant(request, year)
    if me is None:
        raise PermissionDenied
    feed = request.build_absolute_uri(reverse("matchmaking:feed", kwargs={"token": me.feed_token}))
    return render(
        request,
        "matchmaking/agenda.html",
        {
            "edition": edition,
            "me": me,
            "table": _agenda_table(edition, me),
            "feed_url": feed,
        },
    )


def _agenda_table(edition, me) -> str:
    """The reader's meetings, kept for them alone (the key holds their participant) until a
    meeting, a participant or an organisation changes; the calendar address and its form,
    which carry their token and CSRF token, stay outside."""

    def table() -> tuple[str, bool]:
        context = {"edition": edition, "rows": _agenda_rows(queries.agenda_seats([me]))}
        return fragment_cache.render_shared(
            "matchmaking/_agenda_table.html", context, QueryDict()
        ), True

    return fragment_cache.fragment(
        "b2b-agenda", CATALOGUE_SPEC.tokens, [edition.year, me.pk], table
    )


@login_required
@require_POST
def feed_reset(request: HttpRequest, year: int) -> HttpResponse:
    edition = edition_or_404(year)
    me = require_participant(request, edition)
    # The old address stops working at once, in every calendar that follows it: only when the
    # person ticked that they understand (the page works without JavaScript, so no dialog).
    if request.POST.get("confirm") != "yes":
        messages.error(
            request,
            _("Nothing changed: tick the box to confirm that the old address may stop working."),
        )
        return redirect("matchmaking:agenda", year=year)
    services.participant_reset_feed(participant=me)
    messages.success(
        request, _("Your calendar has a new secret address; the old one stopped working.")
    )
    return redirect("matchmaking:agenda", year=year)


@login_required
@require_safe
def delegation(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    """An organisation admin sees the agenda of the organisation's whole delegation."""
    edition = edition_or_404(year)
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.is_staff and organisation.pk not in queries.admin_organisation_ids(
        request.user
    ):
        raise PermissionDenied
    people = queries.active_participants(edition).filter(registration__organisation=organisation)
    return render(
        request,
        "matchmaking/delegation.html",
        {
            "edition": edition,
            "organisation": organisation,
            "rows": _agenda_rows(queries.agenda_seats(people)),
            "browse": queries.can_browse(request.user, edition),
        },
    )
