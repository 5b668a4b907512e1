"""Reads of B2B matchmaking, scoped to what the user may see."""

from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Mod
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from matchmaking.models import (
    Meeting,
    MeetingRequest,
    Participant,
    SchedulingRun,
    Seat,
    Session,
    Slot,
    Table,
)
from portal.core.models import CooperationProfile, Membership, ThematicArea, User
from programme.checkin.queries import absent_on
from programme.models import Edition

PERSON = ("registration__person", "registration__organisation")


def active_participants(edition: Edition) -> QuerySet[Participant]:
    """The edition's participants who may use B2B now (Participant.objects.live())."""
    return Participant.objects.live().filter(edition=edition)


def participant_for(user: User, edition: Edition) -> Participant | None:
    """The user's participant row, only while it is live: a cancelled registration or a
    deactivated account ends every B2B page and the feed."""
    if not user.is_authenticated:
        return None
    return (
        active_participants(edition)
        .select_related(*PERSON, "edition")
        .filter(registration__person=user)
        .first()
    )


def participant_in_year(user: User, year: int) -> Participant | None:
    """participant_for() by the edition's year, with the edition: one query where a B2B page
    would make two (the edition, then the reader's participant row)."""
    if not user.is_authenticated:
        return None
    return (
        Participant.objects.live()
        .filter(edition__year=year, registration__person=user)
        .select_related(*PERSON, "edition")
        .first()
    )


def can_browse(user: User, edition: Edition) -> bool:
    """Who sees the participants' catalogue: participants, the admins of an organisation with
    participants, staff."""
    if user.is_staff:
        return True
    if participant_for(user, edition) is not None:
        return True
    # Live participants, not any registration: a cancelled delegate who administers her
    # organisation must not keep the catalogue through her own cancelled row.
    return (
        active_participants(edition)
        .filter(registration__organisation_id__in=admin_organisation_ids(user))
        .exists()
    )


def admin_organisation_ids(user: User) -> list[int]:
    return list(
        Membership.objects.filter(user=user, role=Membership.Role.ADMIN).values_list(
            "organisation_id", flat=True
        )
    )


def _live_rows_of(user: User, edition: Edition) -> QuerySet[Participant]:
    """The user's own participant row while it is live, as a subquery."""
    return active_participants(edition).filter(registration__person=user).values("pk")


MEETING_RELATED = (
    "slot__session",
    "table",
    "request__requester__registration__person",
    "request__requester__registration__organisation",
    "request__recipient__registration__person",
    "request__recipient__registration__organisation",
)


def visible_meeting(user: User, edition: Edition, pk: int) -> Meeting:
    """A meeting the user may see: one of its sides, their organisation admins, or staff."""
    meetings = Meeting.objects.filter(edition=edition, pk=pk).select_related(*MEETING_RELATED)
    if not user.is_staff:
        orgs = admin_organisation_ids(user)
        meetings = meetings.filter(
            Exists(
                Seat.objects.filter(meeting=OuterRef("pk")).filter(
                    Q(participant__in=_live_rows_of(user, edition))
                    | Q(participant__registration__organisation__in=orgs)
                )
            )
        )
    meeting = meetings.first()
    if meeting is None:
        raise Http404(_("No such meeting."))
    return meeting


def visible_request(user: User, edition: Edition, pk: int) -> MeetingRequest:
    """A request of one of the user's sides (or any, for staff)."""
    requests = MeetingRequest.objects.filter(edition=edition, pk=pk).select_related(
        "requester__registration__person", "recipient__registration__person"
    )
    if not user.is_staff:
        mine = _live_rows_of(user, edition)
        requests = requests.filter(Q(requester__in=mine) | Q(recipient__in=mine))
    request = requests.first()
    if request is None:
        raise Http404(_("No such request."))
    return request


def agenda_seats(participants: QuerySet[Participant] | list[Participant]) -> QuerySet[Seat]:
    """The seats of scheduled meetings, with everything the agenda shows, in time order."""
    return (
        Seat.objects.filter(participant__in=participants, meeting__status=Meeting.Status.SCHEDULED)
        .select_related(
            "participant__registration__person",
            *(f"meeting__{r}" for r in MEETING_RELATED),
        )
        .order_by("slot__starts_at", "participant_id")
    )


def partner_of(seat: Seat) -> Participant:
    request = seat.meeting.request
    return request.recipient if request.requester_id == seat.participant_id else request.requester


def languages(participant: Participant) -> set[str]:
    return {x.strip().lower() for x in participant.registration.languages.split(",") if x.strip()}


LANGUAGE_NAMES = {"en": _lazy("English"), "it": _lazy("Italian"), "zh": _lazy("Chinese")}


def common_language(a: Participant, b: Participant) -> str:
    """The name of a language both speak (English first), or '' when an interpreter is needed."""
    shared = languages(a) & languages(b)
    for code in ("en", "it", "zh"):
        if code in shared:
            return str(LANGUAGE_NAMES[code])
    return sorted(shared)[0] if shared else ""


def requests_of(participant: Participant) -> QuerySet[MeetingRequest]:
    return (
        MeetingRequest.objects.filter(Q(requester=participant) | Q(recipient=participant))
        .select_related(
            "requester__registration__person",
            "requester__registration__organisation",
            "recipient__registration__person",
            "recipient__registration__organisation",
        )
        .order_by("-created_at")
    )


def edition_requests(edition: Edition) -> QuerySet[MeetingRequest]:
    """Every request of the edition with both sides, newest first (staff's list)."""
    return (
        MeetingRequest.objects.filter(edition=edition)
        .select_related(
            "requester__registration__person",
            "requester__registration__organisation",
            "recipient__registration__person",
            "recipient__registration__organisation",
            "acted_by",
        )
        .order_by("-created_at", "-pk")
    )


def catalogue(edition: Edition) -> QuerySet[Participant]:
    return (
        active_participants(edition)
        .select_related(*PERSON, "registration__organisation__city")
        .prefetch_related(
            Prefetch("registration__organisation__areas", queryset=ThematicArea.objects.all()),
            Prefetch(
                "registration__organisation__profiles",
                queryset=CooperationProfile.objects.public().order_by("kind", "title"),
                to_attr="live_profiles",
            ),
        )
        .order_by("registration__organisation__name", "registration__person__full_name")
    )


# Multiplying ids by a number of the reader's, modulo a prime above every id, shuffles the
# equally good candidates differently for each reader, and the same way on every visit.
ROTATION_STEP = 2_654_435_761  # Knuth's multiplicative hash: spreads even small ids
ROTATION_MODULUS = 1_000_003
OFFER = CooperationProfile.Kind.TECHNOLOGY_OFFER
WANTED = CooperationProfile.Kind.TECHNOLOGY_REQUEST


def _profile_areas(organisation_id: int) -> dict[str, set[int]]:
    """The thematic areas of the organisation's live technology offers and requests, by kind."""
    rows = CooperationProfile.areas.through.objects.filter(
        cooperationprofile__in=CooperationProfile.objects.public().filter(
            organisation_id=organisation_id, kind__in=[OFFER, WANTED]
        )
    ).values_list("cooperationprofile__kind", "thematicarea_id")
    areas: dict[str, set[int]] = {OFFER: set(), WANTED: set()}
    for kind, area_id in rows:
        areas[kind].add(area_id)
    return areas


def _complements(kind: str, areas: set[int]) -> Exists | Value:
    """Whether the candidate's organisation publishes a `kind` profile in one of `areas`."""
    if not areas:
        return Value(False)
    return Exists(
        CooperationProfile.objects.public().filter(
            organisation=OuterRef("registration__organisation"), kind=kind, areas__in=areas
        )
    )


def suggestions(me: Participant, *, limit: int = 6) -> list[dict]:
    """Partners ranked by fit, each with its reasons.

    Fit: a technology they request that my organisation offers (or the reverse), thematic
    areas in common, the other country, a language in common. Among equally good candidates
    the order is shuffled by the reader, so that not everybody is shown the same few people.
    """
    my_org = me.registration.organisation
    my_areas = list(my_org.areas.all())
    mine = _profile_areas(my_org.pk)
    asked = MeetingRequest.objects.filter(edition=me.edition).filter(
        Q(requester=me) | Q(recipient=me)
    )
    others = (
        catalogue(me.edition)
        .exclude(registration__organisation=my_org)
        .exclude(pk__in=asked.values("requester_id"))
        .exclude(pk__in=asked.values("recipient_id"))
        .annotate(
            shared=Count(
                "registration__organisation__areas",
                filter=Q(registration__organisation__areas__in=my_areas),
                distinct=True,
            ),
            wants_my_offer=_complements(WANTED, mine[OFFER]),
            offers_my_want=_complements(OFFER, mine[WANTED]),
            other_country=~Q(registration__organisation__country=my_org.country),
            rotation=Mod(
                Cast("pk", BigIntegerField())
                * (me.pk * ROTATION_STEP % (ROTATION_MODULUS - 1) + 1),
                ROTATION_MODULUS,
            ),
        )
        .filter(
            Q(shared__gt=0)
            | Q(wants_my_offer=True)
            | Q(offers_my_want=True)
            | Q(other_country=True)
        )
        .order_by("-wants_my_offer", "-offers_my_want", "-shared", "-other_country", "rotation")
    )
    ranked = []
    for other in others[: limit * 3]:
        areas = [a for a in other.registration.organisation.areas.all() if a in my_areas]
        other_country = other.other_country
        language = common_language(me, other)
        score = (
            3 * other.wants_my_offer
            + 3 * other.offers_my_want
            + 2 * len(areas)
            + (1 if other_country else 0)
            + (1 if language else 0)
        )
        ranked.append(
            {
                "participant": other,
                "wants_my_offer": other.wants_my_offer,
                "offers_my_want": other.offers_my_want,
                "areas": areas,
                "other_country": other_country,
                "language": language,
                "score": score,
            }
        )
    ranked.sort(key=lambda r: (-r["score"], r["participant"].rotation))
    return ranked[:limit]


def session_tables(session_id: int) -> QuerySet[Table]:
    return (
        Table.objects.filter(session_id=session_id)
        .select_related("reserved_for__registration__person")
        .order_by("number")
    )


def grid(
    session_id: int, *, tables: list[Table] | None = None
) -> tuple[list[Slot], list[Table], dict[tuple[int, int], Meeting]]:
    """The session's slots, its tables (or the given ones) and their meetings by cell."""
    slots = list(Slot.objects.filter(session_id=session_id).order_by("starts_at"))
    meetings = Meeting.objects.filter(slot__session_id=session_id, status=Meeting.Status.SCHEDULED)
    if tables is None:
        tables = list(session_tables(session_id))
    else:
        meetings = meetings.filter(table__in=tables)
    cells = {(m.slot_id, m.table_id): m for m in meetings.select_related(*MEETING_RELATED)}
    return slots, tables, cells


def not_checked_in(edition: Edition, session: Session) -> tuple[set[int], list[dict]]:
    """Who has a meeting in the session but is not checked in anywhere on its day.

    Returns their registration ids and, per person, their first meeting and who they meet
    there, so staff can tell the other side early. Both are empty until someone has been
    checked in that day (programme.checkin.queries.absent_on). Three queries at most.
    """
    meetings = (
        Meeting.objects.filter(slot__session=session, status=Meeting.Status.SCHEDULED)
        .select_related(*MEETING_RELATED)
        .order_by("slot__starts_at", "table__number")
    )
    sides = []
    for meeting in meetings:
        requester, recipient = meeting.request.requester, meeting.request.recipient
        sides += [(meeting, requester, recipient), (meeting, recipient, requester)]
    absent = absent_on(edition, session.date, {person.registration_id for _m, person, _o in sides})
    first: dict[int, dict] = {}
    for meeting, person, other in sides:
        if person.registration_id in absent and person.registration_id not in first:
            first[person.registration_id] = {"person": person, "meeting": meeting, "other": other}
    return absent, list(first.values())


def availability_violations(edition: Edition) -> list[int]:
    """Seats in a slot their participant cannot attend (should always be empty)."""
    unavailable = Seat.objects.filter(
        meeting__edition=edition,
        participant__unavailable__slot=F("slot"),
    ).values_list("pk", flat=True)
    other_session = (
        Seat.objects.filter(meeting__edition=edition)
        .filter(participant__sessions__isnull=False)
        .exclude(
            Exists(
                Participant.sessions.through.objects.filter(
                    participant_id=OuterRef("participant_id"),
                    session_id=OuterRef("slot__session_id"),
                )
            )
        )
        .values_list("pk", flat=True)
    )
    return sorted(set(unavailable) | set(other_session))


RUN_CHANGES_SHOWN = 500


def run_changes(run: SchedulingRun) -> list[dict]:
    """The first meetings a run changed (or, in preview, would change), for staff to read."""
    rows = (run.changes or [])[:RUN_CHANGES_SHOWN]
    requests = MeetingRequest.objects.filter(pk__in=[r[0] for r in rows]).select_related(
        "requester__registration__person",
        "requester__registration__organisation",
        "recipient__registration__person",
        "recipient__registration__organisation",
    )
    by_pk = {r.pk: r for r in requests}
    slots = Slot.objects.select_related("session").in_bulk(
        [r[i] for r in rows for i in (1, 3) if r[i] is not None]
    )
    tables = Table.objects.in_bulk([r[i] for r in rows for i in (2, 4) if r[i] is not None])
    return [
        {
            "request": by_pk[r[0]],
            "old_slot": slots.get(r[1]),
            "old_table": tables.get(r[2]),
            "new_slot": slots.get(r[3]),
            "new_table": tables.get(r[4]),
        }
        for r in rows
        if r[0] in by_pk
    ]


def move_options(meeting: Meeting) -> list[tuple[Slot, list[Table]]]:
    """For a staff move: the slots of the meeting's session where both its people can attend
    and are free, each with its tables free for them (the meeting's own place counts as free).

    A table reserved for someone else is not free for them. A handful of queries, whatever
    the session's size.
    """
    from matchmaking.services.common import attendable_slot_ids

    request = meeting.request
    people = (request.requester, request.recipient)
    slots = list(Slot.objects.filter(session_id=meeting.slot.session_id).order_by("starts_at"))
    good = attendable_slot_ids(people[0], slots) & attendable_slot_ids(people[1], slots)
    busy = set(
        Seat.objects.filter(participant__in=people, slot__in=slots)
        .exclude(meeting=meeting)
        .values_list("slot_id", flat=True)
    )
    tables = [
        t
        for t in Table.objects.filter(session_id=meeting.slot.session_id).order_by("number")
        if t.reserved_for_id is None or t.reserved_for_id in (p.pk for p in people)
    ]
    taken: dict[int, set[int]] = {}
    for slot_id, table_id in (
        Meeting.objects.filter(slot__in=slots, status=Meeting.Status.SCHEDULED)
        .exclude(pk=meeting.pk)
        .values_list("slot_id", "table_id")
    ):
        taken.setdefault(slot_id, set()).add(table_id)
    options = []
    for slot in slots:
        if slot.pk not in good or slot.pk in busy:
            continue
        free = [t for t in tables if t.pk not in taken.get(slot.pk, set())]
        if free:
            options.append((slot, free))
    return options


def swap_candidates(meeting: Meeting) -> list[Meeting]:
    """For a staff swap: the session's other meetings in slots where this meeting's people can
    attend and have no other meeting. Whether the other side fits here is the service's check,
    refused and explained."""
    from matchmaking.services.common import attendable_slot_ids

    request = meeting.request
    people = (request.requester, request.recipient)
    slots = list(Slot.objects.filter(session_id=meeting.slot.session_id))
    good = attendable_slot_ids(people[0], slots) & attendable_slot_ids(people[1], slots)
    seats = Seat.objects.filter(participant__in=people, slot__in=slots).exclude(meeting=meeting)
    busy: dict[int, set[int]] = {}
    for slot_id, meeting_id in seats.values_list("slot_id", "meeting_id"):
        busy.setdefault(slot_id, set()).add(meeting_id)
    candidates = (
        Meeting.objects.filter(slot__in=good, status=Meeting.Status.SCHEDULED)
        .exclude(pk=meeting.pk)
        .select_related(*MEETING_RELATED)
        .order_by("slot__starts_at", "table__number")
    )
    # Busy in that slot only with the candidate itself is fine: the swap frees it.
    return [m for m in candidates if busy.get(m.slot_id, set()) <= {m.pk}]
