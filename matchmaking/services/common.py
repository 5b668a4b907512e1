"""Pieces the services share: the error type, availability, the edition lock, notifications."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from matchmaking.models import EditionB2B, Meeting, Participant, Slot
from portal.core.notifications import notify
from programme.models import Edition

# The zones the programme's events happen in; a participant from the other country reads
# meeting times in both.
ZONE_OF_COUNTRY = {"IT": "Europe/Rome", "CN": "Asia/Shanghai"}


class MatchmakingError(Exception):
    """A refused change, with a message for the person who asked (already translated lazily)."""

    def __init__(self, message: Any) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


def lock_edition(edition: Edition) -> EditionB2B:
    """Lock the edition's B2B row: schedule writes (moves, placements, runs) queue behind it."""
    EditionB2B.objects.get_or_create(edition=edition)
    return EditionB2B.objects.select_for_update().get(edition=edition)


def attendable_slot_ids(participant: Participant, slots: Iterable[Slot]) -> set[int]:
    """The slots, among `slots`, the participant can attend (sessions chosen, not unavailable)."""
    sessions = set(participant.sessions.values_list("pk", flat=True))
    unavailable = set(participant.unavailable.values_list("slot_id", flat=True))
    return {
        s.pk
        for s in slots
        if (not sessions or s.session_id in sessions) and s.pk not in unavailable
    }


def can_attend(participant: Participant, slot: Slot) -> bool:
    return bool(attendable_slot_ids(participant, [slot]))


def zones_for(edition: Edition, recipient: Any) -> list[str]:
    """The event's zone first; the recipient's home zone too when it differs."""
    zones = [edition.time_zone]
    home = ZONE_OF_COUNTRY.get(str(recipient.country or ""))
    if home and home not in zones:
        zones.append(home)
    return zones


def absolute(path: str) -> str:
    # No site URL setting exists yet; e-mails then carry the path only.
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def notify_person(
    *, participant: Participant, kind: str, context: dict[str, Any], key: str | None = None
) -> None:
    """Notify a participant, linking to their requests page in their own language."""
    person = participant.registration.person
    edition = participant.edition
    with translation.override(person.language or settings.LANGUAGE_CODE):
        link = absolute(reverse("matchmaking:requests", kwargs={"year": edition.year}))
    notify(
        recipient=person,
        kind=kind,
        context={"edition": edition, "zones": zones_for(edition, person), **context},
        link=link,
        key=key,
    )


def notify_meeting(*, meeting: Meeting, kind: str, context: dict[str, Any]) -> None:
    request = meeting.request
    for me, other in (
        (request.requester, request.recipient),
        (request.recipient, request.requester),
    ):
        notify_person(
            participant=me,
            kind=kind,
            context={"meeting": meeting, "partner": other, **context},
        )
