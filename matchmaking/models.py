"""B2B matchmaking: sessions with slots and tables, participants, requests and meetings.

The invariants live in the database: a seat row per (meeting, participant) carries the
meeting's slot so that `(participant, slot)` is unique; a meeting's `(slot, table)` is unique
while it is scheduled; a request is unique per unordered pair of participants per edition.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.core import l10n
from programme.models import Edition, ProgrammeSession, Registration


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class EditionB2B(models.Model):
    """The B2B settings of an edition: the request deadline and an optional meeting cap."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="b2b")
    request_deadline = models.DateTimeField(
        _("requests expire after"),
        null=True,
        blank=True,
        help_text=_("Requests still unanswered at this moment expire."),
    )
    meeting_cap = models.PositiveSmallIntegerField(
        _("meetings per participant at most"), null=True, blank=True
    )
    published_at = models.DateTimeField(_("schedule published"), null=True, blank=True)

    class Meta:
        verbose_name = _("B2B settings")
        verbose_name_plural = _("B2B settings")

    def __str__(self) -> str:
        return str(self.edition)


class Session(models.Model):
    """A B2B day at a venue; its slots are derived from start, end, slot length and breaks."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="b2b_sessions")
    # The public programme's B2B session this one runs in: its day and hours bound the slots.
    # Empty only for sessions set up before the link existed.
    programme_session = models.ForeignKey(
        ProgrammeSession,
        verbose_name=_("programme session"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"kind": ProgrammeSession.Kind.B2B},
        related_name="b2b_sessions",
    )
    name = models.CharField(_("name"), max_length=200)
    venue = models.CharField(_("venue"), max_length=200)
    date = models.DateField(_("day"))
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length in minutes"), default=30)

    class Meta:
        ordering = ["edition", "date", "start"]
        verbose_name = _("B2B session")
        verbose_name_plural = _("B2B sessions")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="session_end_after_start"),
            models.CheckConstraint(condition=Q(slot_minutes__gte=5), name="session_slot_min_5"),
        ]

    def __str__(self) -> str:
        return f"{self.name}{l10n.bracketed(l10n.date(self.date))}"

    def clean(self) -> None:
        """A session tied to the programme runs inside its programme session: same edition,
        a B2B session, same day, hours within its hours (in the edition's time zone)."""
        from django.core.exceptions import ValidationError

        item = self.programme_session
        if item is None:
            return
        if item.edition_id != self.edition_id:
            raise ValidationError(
                {"programme_session": _("This programme session belongs to another edition.")}
            )
        if item.kind != ProgrammeSession.Kind.B2B:
            raise ValidationError(
                {"programme_session": _("Choose a B2B session of the programme.")}
            )
        if item.start is None or item.end is None:
            raise ValidationError(
                {"programme_session": _("This programme session has no time yet; set it first.")}
            )
        zone = self.edition.zone
        start, end = item.start.astimezone(zone), item.end.astimezone(zone)
        if self.date != start.date():
            raise ValidationError(
                {
                    "date": _("The programme session is on %(day)s.")
                    % {"day": l10n.date(start.date())}
                }
            )
        if (
            self.start is not None
            and self.end is not None
            and (self.start < start.time() or self.end > end.time())
        ):
            message = _("The B2B hours must lie within the programme session's, %(start)s–%(end)s.")
            raise ValidationError(
                {"start": message % {"start": l10n.time(start), "end": l10n.time(end)}}
            )


class SessionBreak(models.Model):
    """A pause (lunch, coffee) in a session: no slot overlaps it."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="breaks")
    label = models.CharField(_("label"), max_length=100)
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))

    class Meta:
        ordering = ["session", "start"]
        verbose_name = _("break")
        verbose_name_plural = _("breaks")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="break_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.start}–{self.end}"


class Slot(models.Model):
    """One meeting time of a session, stored in UTC, derived in the edition's time zone."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="slots")
    index = models.PositiveSmallIntegerField(_("number"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [
            models.UniqueConstraint(fields=["session", "index"], name="slot_index_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.session.name} #{self.index}"


# The one rule of who may use B2B for an edition: a confirmed registration that opted in, and
# an account still active. A participant row outlives a cancelled registration or a
# deactivated account (its meetings and feedback stay for staff); the row alone grants nothing.
LIVE = Q(
    registration__b2b=True,
    registration__status=Registration.Status.CONFIRMED,
    registration__person__is_active=True,
)


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def live(self) -> "ParticipantQuerySet":
        """Participants who may use B2B now (see LIVE)."""
        return self.filter(LIVE)


class Participant(models.Model):
    """A registered delegate who opted in to B2B meetings."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="b2b_participant"
    )
    # Denormalised from the registration: every query of this app is per edition.
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="b2b_participants")
    sessions = models.ManyToManyField(
        Session,
        verbose_name=_("sessions attended"),
        blank=True,
        related_name="participants",
        help_text=_("None chosen: every session."),
    )
    profile = models.TextField(_("what I am looking for"), blank=True)
    feed_token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("B2B participant")
        verbose_name_plural = _("B2B participants")

    def __str__(self) -> str:
        """The name standing alone (a page title, a meeting's heading)."""
        if self.registration.person.erased_at:
            return gettext("A former participant")
        if self.registration.person.full_name:
            return self.registration.person.full_name
        return gettext("A delegate of %(organisation)s") % {
            "organisation": self.registration.organisation.name
        }

    @property
    def name(self) -> str:
        """The name shown beside the organisation's: never the e-mail address, which other
        participants must not learn (an account may have no name)."""
        if self.registration.person.erased_at:
            return gettext("A former participant")
        return self.registration.person.full_name or gettext("A delegate")

    @property
    def is_live(self) -> bool:
        """LIVE, for a participant already loaded with its registration and person."""
        registration = self.registration
        return (
            registration.b2b
            and registration.status == Registration.Status.CONFIRMED
            and registration.person.is_active
        )


class Unavailability(models.Model):
    """A slot a participant cannot make."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="unavailable"
    )
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("unavailability")
        verbose_name_plural = _("unavailabilities")
        constraints = [
            models.UniqueConstraint(fields=["participant", "slot"], name="unavailability_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} ✗ {self.slot_id}"


class Table(models.Model):
    """A numbered or named table of a session, possibly reserved for one participant."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    reserved_for = models.ForeignKey(
        Participant,
        verbose_name=_("reserved for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reserved_tables",
    )

    class Meta:
        ordering = ["session", "number"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="table_number_unique"),
        ]

    def __str__(self) -> str:
        return self.name or str(_("Table %(number)s") % {"number": self.number})


class MeetingRequest(models.Model):
    """One participant asks another for a meeting; one request per pair per edition."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="b2b_requests")
    requester = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="sent")
    recipient = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="received")
    # The pair in id order, whichever side asked: the key of "one request per pair".
    low = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    high = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    mutual = models.BooleanField(_("mutual interest"), default=False)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "low", "high"], name="request_once_per_pair"
            ),
            models.CheckConstraint(condition=Q(low__lt=F("high")), name="request_low_lt_high"),
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"


class Meeting(models.Model):
    """An accepted request placed in a slot at a table."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="b2b_meetings")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="meetings")
    table = models.ForeignKey(Table, on_delete=models.PROTECT, related_name="meetings")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("A scheduling run leaves it where it is.")
    )
    run = models.ForeignKey(
        "SchedulingRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slot__starts_at", "table__number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(status="scheduled"),
                name="meeting_one_per_table_and_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} @ {self.slot}"


class Seat(models.Model):
    """A participant's place in a scheduled meeting; carries the slot and their feedback."""

    class Outcome(models.TextChoices):
        UNKNOWN = "", _("Not recorded")
        TOOK_PLACE = "took_place", _("It took place")
        NO_SHOW = "no_show", _("The other side did not come")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="seats")
    # A copy of meeting.slot, kept in step by the services: it makes the rule "one meeting per
    # person per slot" a unique constraint.
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(
        _("did it take place?"), max_length=10, choices=Outcome.choices, blank=True
    )
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"), null=True, blank=True)
    follow_up = models.BooleanField(_("follow-up planned"), default=False)
    agreement_expected = models.BooleanField(_("agreement expected"), default=False)
    comment = models.TextField(_("comment"), blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        constraints = [
            models.UniqueConstraint(fields=["participant", "slot"], name="seat_one_per_slot"),
            models.UniqueConstraint(fields=["meeting", "participant"], name="seat_once"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="seat_rating_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} @ {self.slot_id}"


class SchedulingRun(models.Model):
    """One run of the scheduler over a session or a whole edition, with its figures."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        READING = "reading", _("Reading requests")
        SOLVING = "solving", _("Solving")
        WRITING = "writing", _("Writing meetings")
        # A re-plan waits here, its moves computed but not written, until staff confirm it.
        PREVIEW = "preview", _("Awaiting confirmation")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        # A preview that was not confirmed before the schedule changed or another run ended.
        DISCARDED = "discarded", _("Not applied")

    class Mode(models.TextChoices):
        PLAN = "plan", _("Plan everything (nothing published yet)")
        KEEP = "keep", _("Keep the published meetings, place what is new")
        REPLAN = "replan", _("Re-plan everything, moving as few meetings as possible")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="b2b_runs")
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="runs"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    mode = models.CharField(
        _("kind of run"), max_length=10, choices=Mode.choices, default=Mode.PLAN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When a worker claimed it: a run still unfinished long after is known to be lost.
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When its participants were told the schedule is out (the sweep retries until set).
    announced_at = models.DateTimeField(null=True, blank=True)
    requests = models.PositiveIntegerField(default=0)
    placed = models.PositiveIntegerField(default=0)
    unplaced = models.PositiveIntegerField(default=0)
    breaks = models.PositiveIntegerField(default=0)
    # What the scheduler proved: no placement of the same meetings has fewer breaks than
    # lower_bound (null: not computed, as when a run keeps the published meetings), and
    # proved_optimal when the breaks meet it. break_spread: most minus fewest breaks of a person.
    lower_bound = models.PositiveIntegerField(null=True, blank=True)
    proved_optimal = models.BooleanField(default=False)
    break_spread = models.PositiveIntegerField(default=0)
    read_seconds = models.FloatField(default=0)
    solve_seconds = models.FloatField(default=0)
    write_seconds = models.FloatField(default=0)
    error = models.TextField(blank=True)
    # Published meetings the run moves (slot or table) or drops, and the people they concern.
    moved = models.PositiveIntegerField(default=0)
    people_moved = models.PositiveIntegerField(default=0)
    # A re-plan's placement {request id: slot id}, kept from the solve until staff confirm.
    proposal = models.JSONField(null=True, blank=True)
    # What the run changed (or, in preview, would change): [request, old slot, old table,
    # new slot, new table], ids or null; the announcement tells each person their own lines.
    changes = models.JSONField(default=list, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("scheduling run")
        verbose_name_plural = _("scheduling runs")

    def __str__(self) -> str:
        return f"{self.edition} run {self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.DISCARDED)

    @property
    def settled(self) -> bool:
        """Nothing more happens without staff: finished, or a preview awaiting confirmation."""
        return self.finished or self.status == self.Status.PREVIEW


class Unplaced(models.Model):
    """An accepted request a run could not place, and why."""

    class Reason(models.TextChoices):
        NO_COMMON_SLOT = "no_common_slot", _("No slot both sides can attend")
        NO_FREE_SLOT = "no_free_slot", _("No common free slot left")
        NO_TABLE = "no_table", _("No free table")
        CAP = "cap", _("Meeting cap reached")

    run = models.ForeignKey(SchedulingRun, on_delete=models.CASCADE, related_name="unplaced_rows")
    request = models.ForeignKey(MeetingRequest, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)

    class Meta:
        verbose_name = _("unplaced request")
        verbose_name_plural = _("unplaced requests")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.reason}"
