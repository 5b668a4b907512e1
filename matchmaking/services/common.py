"""Pieces the services share: availability, the edition lock, notifications. They refuse with
the core's one error, `Refused`."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from matchmaking.models import EditionB2B, Meeting, Participant, Slot
from portal.core.notifications import notify
from programme.models import Edition


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


def notify_person(
    *, participant: Participant, kind: str, context: dict[str, Any], key: str | None = None
) -> None:
    """Notify a participant, linking to their requests page in their own language; times in
    the e-mail are in the event's zone and the person's own (portal.core.notifications.zones)."""
    person = participant.registration.person
    edition = participant.edition
    with translation.override(person.language or settings.LANGUAGE_CODE):
        link = reverse("matchmaking:requests", kwargs={"year": edition.year})
    notify(
        recipient=person,
        kind=kind,
        context={"edition": edition, "zone": edition.time_zone, **context},
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
