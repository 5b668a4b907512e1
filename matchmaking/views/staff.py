"""Staff pages: sessions and runs, the grid, moves and cancellations, exports, feedback."""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseStopPolling

from matchmaking import queries, services
from matchmaking.filters import StaffRequestFilter
from matchmaking.forms import GridSearchForm, MoveForm, OnBehalfForm, RunForm, SwapForm
from matchmaking.models import EditionB2B, Meeting, SchedulingRun, Seat, Session, Unplaced
from matchmaking.views.common import edition_or_404, refused
from portal.core.exports import csv_response
from portal.core.services.common import Refused
from portal.core.staff import staff_required

# The grid shows this many tables at a time: a day may have hundreds.
TABLES_PER_PAGE = 20
GRID_COLUMNS = [
    "start", "end", "time_zone", "table", "requester", "requester_org", "recipient",
    "recipient_org", "locked",
]  # fmt: skip


def _latest_unplaced(edition) -> list[Unplaced]:
    run = SchedulingRun.objects.filter(edition=edition, status=SchedulingRun.Status.DONE).first()
    if run is None:
        return []
    return list(
        Unplaced.objects.filter(run=run, request__meeting__isnull=True)
        .select_related(
            "request__requester__registration__person",
            "request__recipient__registration__person",
        )
        .order_by("request_id")[:500]
    )


@staff_required
@require_safe
def staff_home(request: HttpRequest, year: int) -> HttpResponse:
    edition = edition_or_404(year)
    return render(
        request,
        "matchmaking/staff/home.html",
        {
            "edition": edition,
            "sessions": Session.objects.filter(edition=edition).annotate(
                n_slots=Count("slots", distinct=True), n_tables=Count("tables", distinct=True)
            ),
            "runs": SchedulingRun.objects.filter(edition=edition).select_related(
                "session", "started_by"
            )[:10],
            "run_form": RunForm(edition=edition),
            "published": EditionB2B.objects.filter(
                edition=edition, published_at__isnull=False
            ).exists(),
            "unplaced": _latest_unplaced(edition),
        },
    )


@staff_required
@require_POST
def run_start(request: HttpRequest, year: int) -> HttpResponse:
    edition = edition_or_404(year)
    form = RunForm(request.POST, edition=edition)
    if not form.is_valid():
        messages.error(request, _("Choose a session of this edition."))
        return redirect("matchmaking:staff", year=year)
    try:
        run = services.run_start(
            edition=edition,
            session=form.cleaned_data["session"],
            by=request.user,
            replan=request.POST.get("replan") == "1",
        )
    except Refused as error:
        refused(request, error)
        return redirect("matchmaking:staff", year=year)
    return redirect("matchmaking:run", year=year, pk=run.pk)


@staff_required
@require_POST
def run_confirm(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    """Apply a re-plan staff have seen the preview of; a second confirmation is refused."""
    edition = edition_or_404(year)
    run = get_object_or_404(SchedulingRun, edition=edition, pk=pk)
    try:
        services.run_confirm(run=run, by=request.user)
        messages.success(
            request, _("The re-plan is applied; each person whose meetings moved gets one message.")
        )
    except Refused as error:
        refused(request, error)
    return redirect("matchmaking:run", year=year, pk=pk)


@staff_required
@require_safe
def run_status(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    """The run's progress; htmx polls the partial every 2 s until the run has finished."""
    edition = edition_or_404(year)
    run = get_object_or_404(
        SchedulingRun.objects.select_related("session", "started_by"), edition=edition, pk=pk
    )
    context = {
        "edition": edition,
        "run": run,
        "changes": queries.run_changes(run) if run.settled else [],
    }
    if request.htmx:
        response = render(request, "matchmaking/staff/_run.html", context)
        if run.settled:
            # 286 tells htmx to stop polling; the partial shows the final figures.
            return HttpResponseStopPolling(response.content)
        return response
    return render(request, "matchmaking/staff/run.html", context)


@staff_required
@require_safe
def requests_list(request: HttpRequest, year: int) -> HttpResponse:
    """Every request of the edition, to answer or cancel on a participant's behalf."""
    edition = edition_or_404(year)
    filterset = StaffRequestFilter(request.GET, queryset=queries.edition_requests(edition))
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "matchmaking/staff/requests.html",
        {
            "edition": edition,
            "filter": filterset,
            "page": page,
            "behalf_form": OnBehalfForm(participants=queries.active_participants(edition)),
        },
    )


@staff_required
@require_POST
def on_behalf(request: HttpRequest, year: int) -> HttpResponse:
    edition = edition_or_404(year)
    form = OnBehalfForm(request.POST, participants=queries.active_participants(edition))
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        return redirect("matchmaking:staff_requests", year=year)
    try:
        services.request_create(
            requester=form.cleaned_data["requester"],
            recipient=form.cleaned_data["recipient"],
            message=form.cleaned_data["message"],
            acted_by=request.user,
        )
        messages.success(request, _("The request was sent on the participant's behalf."))
    except Refused as error:
        refused(request, error)
    return redirect("matchmaking:staff_requests", year=year)


def _session(year: int, pk: int):
    edition = edition_or_404(year)
    return edition, get_object_or_404(Session, edition=edition, pk=pk)


@staff_required
@require_safe
def grid(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    """Slots × tables, a page of tables at a time."""
    edition, session = _session(year, pk)
    page = Paginator(queries.session_tables(session.pk), TABLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    slots, tables, cells = queries.grid(session.pk, tables=list(page))
    search = GridSearchForm(request.GET)
    who = search.cleaned_data["who"].strip().lower() if search.is_valid() else ""
    rows = []
    for slot in slots:
        row = []
        for table in tables:
            meeting = cells.get((slot.pk, table.pk))
            if meeting and who:
                # Staff may find a nameless delegate by their address too.
                names = " ".join(
                    str(x).lower()
                    for x in (
                        meeting.request.requester,
                        meeting.request.recipient,
                        meeting.request.requester.registration.person.email,
                        meeting.request.recipient.registration.person.email,
                        meeting.request.requester.registration.organisation,
                        meeting.request.recipient.registration.organisation,
                    )
                )
                if who not in names:
                    meeting = None
            # Free: nobody meets at this table in this slot (not merely hidden by the search).
            row.append(
                {"table": table, "meeting": meeting, "free": (slot.pk, table.pk) not in cells}
            )
        rows.append({"slot": slot, "cells": row})
    absent_ids, absent = queries.not_checked_in(edition, session)
    return render(
        request,
        "matchmaking/staff/grid.html",
        {
            "edition": edition,
            "session": session,
            "tables": tables,
            "page": page,
            "rows": rows,
            "search": search,
            "absent_ids": absent_ids,
            "absent": absent,
        },
    )


@staff_required
@require_safe
def grid_csv(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    edition, session = _session(year, pk)
    _slots, _tables, cells = queries.grid(session.pk)
    zone = ZoneInfo(edition.time_zone)
    meetings = sorted(cells.values(), key=lambda m: (m.slot.starts_at, m.table.number))
    return csv_response(
        filename=f"b2b-{year}-session-{pk}.csv",
        header=GRID_COLUMNS,
        rows=(
            [
                meeting.slot.starts_at.astimezone(zone).isoformat(),
                meeting.slot.ends_at.astimezone(zone).isoformat(),
                edition.time_zone,
                meeting.table,
                meeting.request.requester,
                meeting.request.requester.registration.organisation,
                meeting.request.recipient,
                meeting.request.recipient.registration.organisation,
                "yes" if meeting.locked else "no",
            ]
            for meeting in meetings
        ),
    )


@staff_required
@require_safe
def grid_print(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    """Table signs and per-table lists of meetings, for printing."""
    edition, session = _session(year, pk)
    slots, tables, cells = queries.grid(session.pk)
    per_table = [
        {
            "table": table,
            "meetings": [cells[(s.pk, table.pk)] for s in slots if (s.pk, table.pk) in cells],
        }
        for table in tables
    ]
    return render(
        request,
        "matchmaking/staff/print.html",
        {"edition": edition, "session": session, "per_table": per_table},
    )


@staff_required
@require_POST
def meeting_move(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    edition = edition_or_404(year)
    meeting = get_object_or_404(
        Meeting.objects.select_related("slot__session"), edition=edition, pk=pk
    )
    form = MoveForm(request.POST, session=meeting.slot.session)
    if not form.is_valid():
        messages.error(request, _("Choose a slot and a table of this session."))
    else:
        try:
            services.meeting_move(meeting=meeting, by=request.user, **form.cleaned_data)
            messages.success(request, _("The meeting was moved; both sides are told."))
        except Refused as error:
            refused(request, error)
    return redirect("matchmaking:meeting", year=year, pk=meeting.pk)


@staff_required
@require_POST
def meeting_swap(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    """Exchange this meeting's slot and table with another meeting's, in one step."""
    edition = edition_or_404(year)
    meeting = get_object_or_404(
        Meeting.objects.select_related("slot__session"), edition=edition, pk=pk
    )
    form = SwapForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, _("Choose another meeting of this session."))
    else:
        try:
            services.meeting_swap(
                meeting=meeting, other=form.cleaned_data["other"], by=request.user
            )
            messages.success(
                request, _("The two meetings were swapped; each person concerned is told.")
            )
        except Refused as error:
            refused(request, error)
    return redirect("matchmaking:meeting", year=year, pk=meeting.pk)


@staff_required
@require_POST
def meeting_cancel(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    edition = edition_or_404(year)
    meeting = get_object_or_404(Meeting.objects.select_related("slot"), edition=edition, pk=pk)
    try:
        services.meeting_cancel(
            meeting=meeting, by=request.user, reason=request.POST.get("reason", "")[:1000]
        )
        messages.success(request, _("The meeting is cancelled; both sides are told."))
    except Refused as error:
        refused(request, error)
    return redirect("matchmaking:meeting", year=year, pk=meeting.pk)


@staff_required
@require_POST
def meeting_lock(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    """Lock a meeting in place for later runs (locked=1), or release it (locked=0)."""
    edition = edition_or_404(year)
    meeting = get_object_or_404(Meeting, edition=edition, pk=pk)
    locked = request.POST.get("locked") == "1"
    try:
        services.meeting_set_locked(meeting=meeting, locked=locked)
        if locked:
            messages.success(request, _("The meeting is locked: scheduling runs leave it here."))
        else:
            messages.success(request, _("The meeting is unlocked: the next run may move it."))
    except Refused as error:
        refused(request, error)
    return redirect("matchmaking:meeting", year=year, pk=pk)


@staff_required
@require_safe
def feedback_overview(request: HttpRequest, year: int) -> HttpResponse:
    edition = edition_or_404(year)
    seats = Seat.objects.filter(meeting__edition=edition, meeting__status=Meeting.Status.SCHEDULED)
    figures = seats.aggregate(
        seats=Count("pk"),
        answered=Count("pk", filter=~Q(outcome="")),
        took_place=Count("pk", filter=Q(outcome=Seat.Outcome.TOOK_PLACE)),
        no_show=Count("pk", filter=Q(outcome=Seat.Outcome.NO_SHOW)),
        follow_up=Count("pk", filter=Q(follow_up=True)),
        agreement_expected=Count("pk", filter=Q(agreement_expected=True)),
        rating=Avg("rating"),
    )
    answered = (
        seats.exclude(outcome="")
        .select_related(
            "participant__registration__person",
            "participant__registration__organisation",
            "slot",
        )
        .order_by("-feedback_at")[:200]
    )
    return render(
        request,
        "matchmaking/staff/feedback.html",
        {"edition": edition, "figures": figures, "answered": answered},
    )
