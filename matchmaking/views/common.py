"""Helpers the views share: the edition, the current participant, refusals."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
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


def refused(request: HttpRequest, error: Exception) -> None:
    messages.error(request, str(error))
