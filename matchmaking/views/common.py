"""Helpers the views share: the edition, the current participant, refusals."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from matchmaking.models import Participant
from matchmaking.queries import participant_for, participant_in_year
from programme.models import Edition


def edition_or_404(year: int) -> Edition:
    return get_object_or_404(Edition, year=year)


def edition_and_participant(request: HttpRequest, year: int) -> tuple[Edition, Participant | None]:
    """The edition and the reader's live participant row in it (None if they have none), in
    one query for a participant."""
    me = participant_in_year(request.user, year)
    if me is not None:
        return me.edition, me
    return edition_or_404(year), None


def require_participant(request: HttpRequest, edition: Edition) -> Participant:
    participant = participant_for(request.user, edition)
    if participant is None:
        raise PermissionDenied
    return participant


def refused(request: HttpRequest, error: Exception) -> None:
    messages.error(request, str(error))
