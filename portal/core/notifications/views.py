"""The inbox (a person's notifications and preferences) and the staff page of notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.core.models import Notification
from portal.core.notifications import notification_retry
from portal.core.notifications.forms import PreferencesForm, StaffNotificationFilter
from portal.core.notifications.inbox import (
    notification_mark_read,
    notification_preferences_set,
    notifications_for,
    notifications_mark_all_read,
    preferences_for,
)
from portal.core.staff import staff_required

PAGE_SIZE = 20


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@login_required
@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    notifications = notifications_for(request.user).only(
        "pk", "kind", "subject", "body_text", "link", "created_at", "read_at"
    )
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(notifications_for(request.user), pk=pk)
    notification_mark_read(user=request.user, notification=notification)
    if request.POST.get("open") and notification.link:
        return redirect(notification.link)
    return redirect(_back(request, "notifications:inbox"))


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    count = notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, initial_deliveries=preferences_for(request.user))
    if request.method == "POST" and form.is_valid():
        notification_preferences_set(user=request.user, deliveries=form.deliveries())
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@staff_required
@require_safe
def staff(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.select_related("recipient").defer(
        "body_text", "body_html", "ics"
    )
    filterset = StaffNotificationFilter(request.GET or None, queryset=notifications)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    totals = Notification.objects.aggregate(
        **{state.value: Count("pk", filter=Q(state=state)) for state in Notification.State}
    )
    states = [(state, totals[state.value]) for state in Notification.State]
    return render(
        request,
        "notifications/staff.html",
        {"page": page, "filter": filterset, "states": states},
    )


@staff_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk)
    try:
        notification_retry(notification_id=notification.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The notification will be sent again."))
    return redirect(_back(request, "notifications:staff"))
