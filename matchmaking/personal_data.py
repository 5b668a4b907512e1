"""What B2B holds on a person, for their archive and the erasure of their account
(registered with portal.core.personal_data in MatchmakingConfig.ready).

Erasure keeps the person's meetings: the other side's agenda still shows them, with "a former
participant" (Participant.name). Only the person's own words and availability go.
"""

from django.db.models import Q
from django.utils import timezone

from matchmaking.models import (
    EditionB2B,
    MeetingRequest,
    Participant,
    Seat,
    Unavailability,
    new_feed_token,
)
from portal.core import personal_data


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _side(participant: Participant) -> dict:
    # The other side as the site shows them: name and organisation, never their address.
    return {"name": participant.name, "organisation": participant.registration.organisation.name}


def export(user) -> list[dict]:
    participants = Participant.objects.filter(registration__person=user).select_related("edition")
    related = (
        "requester__registration__person",
        "requester__registration__organisation",
        "recipient__registration__person",
        "recipient__registration__organisation",
    )
    out = []
    for me in participants:
        requests = MeetingRequest.objects.filter(Q(requester=me) | Q(recipient=me)).select_related(
            *related
        )
        seats = Seat.objects.filter(participant=me).select_related(
            "slot__session",
            "meeting__table",
            "meeting__request",
            *(f"meeting__request__{r}" for r in related),
        )
        out.append(
            {
                "edition": me.edition.title,
                "looking_for": me.profile,
                "sessions": [s.name for s in me.sessions.all()],
                "unavailable": [
                    {"from": _when(u.slot.starts_at), "to": _when(u.slot.ends_at)}
                    for u in Unavailability.objects.filter(participant=me).select_related("slot")
                ],
                "requests_sent": [
                    {
                        "to": _side(r.recipient),
                        "message": r.message,
                        "status": r.status,
                        "sent": _when(r.created_at),
                        "answered": _when(r.answered_at),
                    }
                    for r in requests
                    if r.requester_id == me.pk
                ],
                "requests_received": [
                    {
                        "from": _side(r.requester),
                        "status": r.status,
                        "reason_given": r.reason,
                        "received": _when(r.created_at),
                        "answered": _when(r.answered_at),
                    }
                    for r in requests
                    if r.recipient_id == me.pk
                ],
                "meetings": [
                    {
                        "with": _side(
                            s.meeting.request.recipient
                            if s.meeting.request.requester_id == me.pk
                            else s.meeting.request.requester
                        ),
                        "starts": _when(s.slot.starts_at),
                        "ends": _when(s.slot.ends_at),
                        "session": s.slot.session.name,
                        "venue": s.slot.session.venue,
                        "table": str(s.meeting.table),
                        "status": s.meeting.status,
                        "my_feedback": {
                            "outcome": s.outcome,
                            "rating": s.rating,
                            "follow_up": s.follow_up,
                            "agreement_expected": s.agreement_expected,
                            "comment": s.comment,
                            "given": _when(s.feedback_at),
                        },
                    }
                    for s in seats
                ],
            }
        )
    return out


def lock(user) -> None:
    # The lock a scheduling run takes (matchmaking.services.common.lock_edition), for every
    # edition the person takes part in, in id order: a run writing meetings and this erasure
    # take turns, and neither sees the other half done.
    editions = Participant.objects.filter(registration__person=user).values_list(
        "edition_id", flat=True
    )
    list(
        EditionB2B.objects.select_for_update()
        .filter(edition_id__in=list(editions))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def erase(user, needles: list[str]) -> None:
    mine = list(Participant.objects.filter(registration__person=user).values_list("pk", flat=True))
    # A new token: the old calendar feed address stops working.
    for pk in mine:
        Participant.objects.filter(pk=pk).update(profile="", feed_token=new_feed_token())
    Unavailability.objects.filter(participant__in=mine).delete()
    # Requests still waiting can no longer be met: cancelled, so the other side is not left
    # waiting for an answer.
    MeetingRequest.objects.filter(
        Q(requester__in=mine) | Q(recipient__in=mine), status=MeetingRequest.Status.PENDING
    ).update(status=MeetingRequest.Status.CANCELLED, answered_at=timezone.now())
    MeetingRequest.objects.filter(requester__in=mine).update(message="")
    MeetingRequest.objects.filter(recipient__in=mine).update(reason="")
    Seat.objects.filter(participant__in=mine).update(comment="")
    # The other side's words about the person: only in the requests and meetings they shared.
    personal_data.scrub(
        MeetingRequest.objects.filter(Q(requester__in=mine) | Q(recipient__in=mine)),
        ["message", "reason"],
        needles,
    )
    personal_data.scrub(
        Seat.objects.filter(meeting__seats__participant__in=mine), ["comment"], needles
    )


def counterparts(user) -> set[int]:
    mine = Participant.objects.filter(registration__person=user)
    requests = MeetingRequest.objects.filter(Q(requester__in=mine) | Q(recipient__in=mine))
    people = set(requests.values_list("requester__registration__person", flat=True))
    people |= set(requests.values_list("recipient__registration__person", flat=True))
    return people


def register() -> None:
    personal_data.register(
        personal_data.Holder(
            name="b2b",
            covers=(
                "matchmaking.MeetingRequest",
                "matchmaking.Participant",
                "matchmaking.Seat",
                "matchmaking.Unavailability",
            ),
            export=export,
            lock=lock,
            erase=erase,
            counterparts=counterparts,
            order=30,
        )
    )
    personal_data.exclude(
        "matchmaking.SchedulingRun", "staff's record of the runs they started or confirmed"
    )
