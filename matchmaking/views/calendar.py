"""The private iCalendar feed: the secret token in the URL is the only key."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from matchmaking import queries
from matchmaking.ical import agenda_calendar
from matchmaking.models import Participant


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    # Only a live participant's token answers: a cancelled registration or a deactivated
    # account stops the feed at once, as calendar applications keep polling for years.
    me = get_object_or_404(
        Participant.objects.live().select_related("edition", "registration__person"),
        feed_token=token,
    )
    body = agenda_calendar(
        list(queries.agenda_seats([me])), name=f"{me.edition} – B2B", zone=me.edition.time_zone
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="b2b-agenda.ics"'
    # The URL is a secret: keep it out of shared caches.
    response["Cache-Control"] = "private, no-store"
    return response
