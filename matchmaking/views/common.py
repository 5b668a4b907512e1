"""Helpers the views share: the edition, the current participant, staff only."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from matchmaking.models import Participant
from matchmaking.queries import participant_for
from programme.models import Edition


def edition_or_404(year: int) -> Edition:
    return get_object_or_404(Edition, year=year)


def require_participant(request: HttpRequest, edition: Edition) -> Participant:
    participant = participant_for(request.user, edition)
    if participant is None:
        raise PermissionDenied
    return participant


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in staff only; others get 403 (anonymous people are sent to sign in)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def refused(request: HttpRequest, error: Exception) -> None:
    messages.error(request, str(error))
