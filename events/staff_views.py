"""Staff pages: create and edit missions, their stops and activities."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from events import queries, services
from events.forms import (
    ActivityForm,
    HostToDirectoryForm,
    MissionForm,
    PeopleFormSet,
    StopForm,
    people_data,
    people_initial,
)
from events.models import Activity, Mission, Stop
from portal.core.staff import staff_required
from portal.core.versions import EditConflict, keep_input


def _posted(request: HttpRequest):
    # Bind on every POST, even an empty one, so that it answers with the form's errors.
    return request.POST if request.method == "POST" else None


def _staff_url(mission: Mission) -> str:
    return reverse("events:staff_mission", kwargs={"slug": mission.slug})


def _errors_to_form(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@staff_required
@require_safe
def staff_missions(request: HttpRequest) -> HttpResponse:
    missions = Mission.objects.order_by("-start_date")
    return render(request, "events/staff/missions.html", {"missions": missions})


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def mission_create(request: HttpRequest) -> HttpResponse:
    form = MissionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            mission = services.mission_save(
                mission=None,
                fields=form.service_fields(),
                promoters=form.cleaned_data["promoters"],
                organisers=form.cleaned_data["organisers"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Mission created. Now add its stops."))
            return redirect(_staff_url(mission))
    return render(request, "events/staff/mission_form.html", {"form": form, "mission": None})


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def staff_mission(request: HttpRequest, slug: str) -> HttpResponse:
    mission = get_object_or_404(queries.mission_itinerary(slug))
    form = MissionForm(_posted(request), instance=mission)
    if request.method == "POST" and form.is_valid():
        try:
            services.mission_save(
                mission=mission,
                fields=form.service_fields(),
                promoters=form.cleaned_data["promoters"],
                organisers=form.cleaned_data["organisers"],
                version=form.cleaned_data["loaded_version"],
            )
        except EditConflict as conflict:
            keep_input(form, conflict)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Mission saved."))
            return redirect(reverse("events:staff_mission", kwargs={"slug": form.instance.slug}))
    return render(
        request,
        "events/staff/mission_form.html",
        {"form": form, "mission": mission, "host_form": HostToDirectoryForm()},
    )


def _stop(slug: str, pk: int) -> Stop:
    return get_object_or_404(
        Stop.objects.select_related("mission", "city"), pk=pk, mission__slug=slug
    )


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def stop_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _stop_form(request, get_object_or_404(Mission, slug=slug), None)


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def stop_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    stop = _stop(slug, pk)
    return _stop_form(request, stop.mission, stop)


def _stop_form(request: HttpRequest, mission: Mission, stop: Stop | None) -> HttpResponse:
    form = StopForm(_posted(request), mission=mission, stop=stop)
    if request.method == "POST" and form.is_valid():
        try:
            services.stop_save(mission=mission, stop=stop, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Stop saved; the itinerary follows its dates."))
            return redirect(_staff_url(mission))
    context = {"form": form, "mission": mission, "stop": stop}
    return render(request, "events/staff/stop_form.html", context)


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def stop_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET asks for confirmation: the stop's activities go with it."""
    stop = _stop(slug, pk)
    count = stop.activities.count()
    if request.method == "POST":
        services.stop_delete(stop=stop)
        messages.success(request, _("Stop removed."))
        return redirect(_staff_url(stop.mission))
    context = {
        "mission": stop.mission,
        "title": _("Remove the stop in %(city)s?") % {"city": stop.city.name},
        "consequence": ngettext(
            "Its %(count)d activity will be removed with it.",
            "Its %(count)d activities will be removed with it.",
            count,
        )
        % {"count": count},
    }
    return render(request, "events/staff/confirm_delete.html", context)


def _activity(slug: str, pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.select_related("stop__mission", "stop__city").prefetch_related("people"),
        pk=pk,
        stop__mission__slug=slug,
    )


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _activity_form(request, _stop(slug, pk), None)


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    activity = _activity(slug, pk)
    return _activity_form(request, activity.stop, activity)


def _activity_form(request: HttpRequest, stop: Stop, activity: Activity | None) -> HttpResponse:
    data = _posted(request)
    form = ActivityForm(data, instance=activity, stop=stop)
    people = PeopleFormSet(data, prefix="people", initial=people_initial(activity))
    if request.method == "POST" and form.is_valid() and people.is_valid():
        try:
            with transaction.atomic():
                services.activity_save(
                    stop=stop,
                    activity=activity,
                    fields=form.service_fields(),
                    organisations=form.cleaned_data["organisations"],
                    people=people_data(people),
                )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Activity saved."))
            return redirect(_staff_url(stop.mission))
    context = {
        "form": form,
        "people": people,
        "mission": stop.mission,
        "stop": stop,
        "activity": activity,
    }
    return render(request, "events/staff/activity_form.html", context)


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET asks for confirmation; agreements signed at the activity are kept, unlinked."""
    activity = _activity(slug, pk)
    if request.method == "POST":
        services.activity_delete(activity=activity)
        messages.success(request, _("Activity removed."))
        return redirect(_staff_url(activity.stop.mission))
    context = {
        "mission": activity.stop.mission,
        "title": _("Remove “%(title)s”?") % {"title": activity.title},
        "consequence": _("The people named at it are removed with it."),
    }
    return render(request, "events/staff/confirm_delete.html", context)


@staff_required
@require_POST
def activity_host_to_directory(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    activity = _activity(slug, pk)
    form = HostToDirectoryForm(request.POST)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    try:
        organisation, created = services.activity_host_to_directory(
            activity=activity, kind=kind or None
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if created:
            message = _("%(name)s was added to the directory, pending review.")
        else:
            message = _("The host is now linked to %(name)s in the directory.")
        messages.success(request, message % {"name": organisation.name})
    return redirect(_staff_url(activity.stop.mission))
