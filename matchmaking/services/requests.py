"""Meeting requests: ask, accept, decline, withdraw, expire, cancel."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matchmaking.models import EditionB2B, Meeting, MeetingRequest, Participant
from matchmaking.services.common import notify_person
from portal.core.models import Notification, User
from portal.core.services.common import Refused
from portal.core.templatetags.ponte import in_zone
from programme.models import Edition


def _locked(request: MeetingRequest) -> MeetingRequest:
    return (
        MeetingRequest.objects.select_for_update()
        .select_related(
            "edition",
            "requester__registration__person",
            "requester__registration__organisation",
            "recipient__registration__person",
            "recipient__registration__organisation",
        )
        .get(pk=request.pk)
    )


@transaction.atomic
def request_create(
    *,
    requester: Participant,
    recipient: Participant,
    message: str = "",
    acted_by: User | None = None,
) -> MeetingRequest:
    """Ask `recipient` for a meeting; when they had already asked, accept theirs (mutual).

    Side effects: creates a request and notifies the recipient; or accepts the reverse
    request and notifies its requester.
    """
    if requester.pk == recipient.pk:
        raise Refused(_("You cannot request a meeting with yourself."))
    if requester.edition_id != recipient.edition_id:
        raise Refused(_("This person does not take part in this edition's B2B meetings."))
    if not recipient.is_live:
        raise Refused(_("This person does not take part in B2B meetings."))
    if not requester.is_live:
        raise Refused(_("You do not take part in B2B meetings."))
    if requester.registration.organisation_id == recipient.registration.organisation_id:
        raise Refused(_("You cannot request a meeting with your own organisation."))
    _check_deadline(edition_id=requester.edition_id, acted_by=acted_by)
    low, high = sorted((requester, recipient), key=lambda p: p.pk)
    existing = (
        MeetingRequest.objects.select_for_update()
        .filter(edition_id=requester.edition_id, low=low, high=high)
        .first()
    )
    if existing is not None:
        if (
            existing.status == MeetingRequest.Status.PENDING
            and existing.recipient_id == requester.pk
        ):
            existing.mutual = True
            existing.save(update_fields=["mutual"])
            return request_accept(request=existing, by=acted_by or requester.registration.person)
        raise Refused(_("There is already a request between you and this person."))
    try:
        with transaction.atomic():
            request = MeetingRequest.objects.create(
                edition_id=requester.edition_id,
                requester=requester,
                recipient=recipient,
                low=low,
                high=high,
                message=message,
                acted_by=acted_by,
            )
    except IntegrityError:
        # The other side asked at the same moment: the unique pair constraint kept one.
        raise Refused(_("There is already a request between you and this person.")) from None
    notify_person(
        participant=recipient,
        kind=Notification.Kind.MEETING_REQUESTED,
        context={"request": request, "partner": requester},
    )
    return request


def _check_deadline(*, edition_id: int, acted_by: User | None) -> None:
    """Refuse a request after the edition's deadline; staff may still add one (a late
    arrival at the B2B desk), the scheduler then places it like any other."""
    if acted_by is not None and acted_by.is_staff:
        return
    deadline = (
        EditionB2B.objects.filter(edition_id=edition_id)
        .values_list("request_deadline", flat=True)
        .first()
    )
    if deadline is not None and deadline <= timezone.now():
        zone = Edition.objects.values_list("time_zone", flat=True).get(pk=edition_id)
        raise Refused(
            _("Requests for these B2B meetings closed on %(date)s; ask the programme staff.")
            % {"date": in_zone(deadline, zone)}
        )


def _answerable(request: MeetingRequest) -> None:
    if request.status == MeetingRequest.Status.WITHDRAWN:
        raise Refused(_("This request was withdrawn."))
    if request.status == MeetingRequest.Status.EXPIRED:
        raise Refused(_("This request expired."))
    if request.status != MeetingRequest.Status.PENDING:
        raise Refused(_("This request was already answered."))


@transaction.atomic
def request_accept(*, request: MeetingRequest, by: User) -> MeetingRequest:
    """Accept a pending request; once a schedule is published, place the meeting at once.

    Side effects: updates the request, may create a meeting, notifies the requester (and,
    with a meeting, the recipient too).
    """
    from matchmaking.services.announce import notify_new_meeting
    from matchmaking.services.meetings import meeting_place_best

    request = _locked(request)
    _answerable(request)
    _check_deadline(edition_id=request.edition_id, acted_by=by)
    # A request left by someone who has since lost their registration or account stays in the
    # list (answered or not), but it no longer becomes a meeting.
    if not (request.requester.is_live and request.recipient.is_live):
        raise Refused(_("This person does not take part in B2B meetings."))
    _check_cap(request)
    request.status = MeetingRequest.Status.ACCEPTED
    request.answered_at = timezone.now()
    request.acted_by = by
    request.save(update_fields=["status", "answered_at", "acted_by"])
    meeting = None
    published = EditionB2B.objects.filter(
        edition_id=request.edition_id, published_at__isnull=False
    ).exists()
    if published:
        meeting = meeting_place_best(request=request)
    notify_person(
        participant=request.requester,
        kind=Notification.Kind.MEETING_ACCEPTED,
        context={"request": request, "partner": request.recipient, "meeting": meeting},
    )
    if meeting is not None:
        # The side that accepted learns where and when, like anyone given a new meeting.
        notify_new_meeting(meeting=meeting, participant=request.recipient)
    return request


def _check_cap(request: MeetingRequest) -> None:
    """Refuse an acceptance that would give either side more meetings than the edition allows.

    Two acceptances at the same instant may still pass together; the scheduling run holds the
    cap in any case and lists the extra request as unplaced ("meeting cap reached").
    """
    cap = (
        EditionB2B.objects.filter(edition_id=request.edition_id)
        .values_list("meeting_cap", flat=True)
        .first()
    )
    if not cap:
        return
    for side in (request.requester, request.recipient):
        accepted = MeetingRequest.objects.filter(
            Q(low=side) | Q(high=side), status=MeetingRequest.Status.ACCEPTED
        ).count()
        if accepted >= cap:
            raise Refused(
                _("%(name)s has reached the edition's meeting limit (%(cap)s).")
                % {"name": str(side), "cap": cap}
            )


@transaction.atomic
def request_decline(*, request: MeetingRequest, by: User, reason: str = "") -> MeetingRequest:
    """Decline a pending request with an optional reason; notifies the requester."""
    request = _locked(request)
    _answerable(request)
    request.status = MeetingRequest.Status.DECLINED
    request.reason = reason
    request.answered_at = timezone.now()
    request.acted_by = by
    request.save(update_fields=["status", "reason", "answered_at", "acted_by"])
    notify_person(
        participant=request.requester,
        kind=Notification.Kind.MEETING_DECLINED,
        context={"request": request, "partner": request.recipient},
    )
    return request


@transaction.atomic
def request_withdraw(*, request: MeetingRequest, by: User) -> MeetingRequest:
    """The requester takes back a request still awaiting an answer."""
    request = _locked(request)
    if request.status != MeetingRequest.Status.PENDING:
        raise Refused(_("Only a request awaiting an answer can be withdrawn."))
    request.status = MeetingRequest.Status.WITHDRAWN
    request.acted_by = by
    request.save(update_fields=["status", "acted_by"])
    return request


@transaction.atomic
def request_cancel(*, request: MeetingRequest, by: User, reason: str = "") -> MeetingRequest:
    """Staff cancel an accepted request and its meeting, if any; both sides are told."""
    from matchmaking.services.meetings import meeting_cancel

    request = _locked(request)
    if request.status != MeetingRequest.Status.ACCEPTED:
        raise Refused(_("Only an accepted request can be cancelled."))
    meeting = Meeting.objects.filter(request=request, status=Meeting.Status.SCHEDULED).first()
    if meeting is not None:
        return meeting_cancel(meeting=meeting, by=by, reason=reason).request
    request.status = MeetingRequest.Status.CANCELLED
    request.reason = reason
    request.acted_by = by
    request.save(update_fields=["status", "reason", "acted_by"])
    return request


def requests_expire(*, now: dt.datetime | None = None) -> int:
    """Expire requests unanswered past their edition's deadline; safe to run again.

    Side effects: marks requests expired and notifies each requester once (keyed).
    """
    now = now or timezone.now()
    expired = 0
    ids = list(
        MeetingRequest.objects.filter(
            status=MeetingRequest.Status.PENDING, edition__b2b__request_deadline__lt=now
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            request = (
                MeetingRequest.objects.select_for_update()
                .select_related("requester__registration__person", "recipient__registration")
                .filter(pk=pk, status=MeetingRequest.Status.PENDING)
                .first()
            )
            if request is None:
                continue
            request.status = MeetingRequest.Status.EXPIRED
            request.save(update_fields=["status"])
            notify_person(
                participant=request.requester,
                kind=Notification.Kind.MEETING_EXPIRED,
                context={"request": request, "partner": request.recipient},
                key=f"meeting_expired:{request.pk}",
            )
            expired += 1
    return expired
