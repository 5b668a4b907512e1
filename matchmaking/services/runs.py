"""Scheduling runs: read accepted requests, call the scheduler, write all meetings at once.

The solve happens outside any transaction (it can take a minute); the write is one
transaction under the edition lock, so a failed run leaves the previous schedule untouched
and a staff move during the solve is either seen by the write or waits for it.

Three kinds of run (`SchedulingRun.Mode`): before anything is published a run plans
everything; afterwards the default run keeps every published meeting in its slot and at its
table and places only what is new (accepted requests without a meeting, meetings a change of
availability freed); a re-plan solves everything again, moving as few published meetings as
it must, and waits as a preview until staff confirm it. Locked meetings never move.
"""

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matchmaking.models import (
    EditionB2B,
    Meeting,
    MeetingRequest,
    Participant,
    SchedulingRun,
    Seat,
    Session,
    Slot,
    Table,
    Unavailability,
    Unplaced,
)
from matchmaking.scheduling import (
    Instance,
    solve,
)
from matchmaking.scheduling import (
    Meeting as SMeeting,
)
from matchmaking.scheduling import (
    Participant as SPerson,
)
from matchmaking.scheduling import (
    Slot as SSlot,
)
from matchmaking.services.announce import schedule_announce_later
from matchmaking.services.common import lock_edition
from portal.core import cache_versions
from portal.core.models import User
from portal.core.services.common import Refused
from programme.models import Edition

BATCH = 5000

logger = logging.getLogger(__name__)


WORKING = (
    SchedulingRun.Status.QUEUED,
    SchedulingRun.Status.READING,
    SchedulingRun.Status.SOLVING,
    SchedulingRun.Status.WRITING,
)


@transaction.atomic
def run_start(
    *, edition: Edition, by: User, session: Session | None = None, replan: bool = False
) -> SchedulingRun:
    """Record a run and queue the Celery task that executes it after commit.

    Once a schedule is published the run keeps it and places what is new, unless `replan`
    (then it stops at a preview, see `run_confirm`). One run of an edition at a time.
    With the broker down the run stays queued and the sweep (`runs_sweep`) queues it again.
    """
    b2b = lock_edition(edition)
    if SchedulingRun.objects.filter(edition=edition, status__in=WORKING).exists():
        raise Refused(
            _("A scheduling run of this edition is already under way; wait for it to finish.")
        )
    if b2b.published_at is None:
        mode = SchedulingRun.Mode.PLAN
    elif replan:
        mode = SchedulingRun.Mode.REPLAN
    else:
        mode = SchedulingRun.Mode.KEEP
    run = SchedulingRun.objects.create(edition=edition, session=session, started_by=by, mode=mode)
    transaction.on_commit(lambda: run_enqueue(run_id=run.pk))
    return run


def run_enqueue(*, run_id: int) -> bool:
    """Queue the run's task; False when the broker is unreachable (never raises)."""
    from matchmaking.tasks import run_scheduler

    try:
        run_scheduler.apply_async(kwargs={"run_id": run_id}, retry=False)
    except Exception:  # kombu raises several types when the broker is down
        logger.warning("Broker unreachable; scheduling run %s stays queued", run_id, exc_info=True)
        return False
    return True


@dataclass
class Problem:
    """What the read phase found, in plain ids."""

    slots: list[dict] = field(default_factory=list)
    tables: dict[int, list[Table]] = field(default_factory=dict)
    requests: dict[int, tuple[int, int]] = field(default_factory=dict)
    fixed: dict[int, int] = field(default_factory=dict)
    unavailable: dict[int, set[int]] = field(default_factory=dict)
    unplaced: dict[int, str] = field(default_factory=dict)
    # Published meetings in scope the run may move: {request id: slot id} (the scheduler's
    # `previous` placement in a re-plan; in a keep run, those a change of availability freed).
    previous: dict[int, int] = field(default_factory=dict)


def _read(run: SchedulingRun) -> Problem:
    pb = Problem()
    slot_filter = Q(session=run.session) if run.session_id else Q(session__edition=run.edition)
    pb.slots = list(
        Slot.objects.filter(slot_filter)
        .order_by("session__date", "session__start", "session_id", "index")
        .values("pk", "session_id")
    )
    scope = {s["pk"] for s in pb.slots}
    table_filter = Q(session=run.session) if run.session_id else Q(session__edition=run.edition)
    for table in Table.objects.filter(table_filter).order_by("number"):
        pb.tables.setdefault(table.session_id, []).append(table)
    meetings = {
        m["request_id"]: m
        for m in Meeting.objects.filter(
            edition=run.edition, status=Meeting.Status.SCHEDULED
        ).values("request_id", "slot_id", "locked")
    }
    cap = EditionB2B.objects.filter(edition=run.edition).values_list("meeting_cap", flat=True)
    cap = next(iter(cap), None)
    sessions_of: dict[int, set[int]] = defaultdict(set)
    for pid, sid in Participant.sessions.through.objects.filter(
        participant__edition=run.edition
    ).values_list("participant_id", "session_id"):
        sessions_of[pid].add(sid)
    away: dict[int, set[int]] = defaultdict(set)
    for pid, sid in Unavailability.objects.filter(slot_id__in=scope).values_list(
        "participant_id", "slot_id"
    ):
        away[pid].add(sid)
    session_of = {s["pk"]: s["session_id"] for s in pb.slots}

    def can_attend(pid: int, slot_id: int) -> bool:
        chosen = sessions_of.get(pid)
        return (not chosen or session_of[slot_id] in chosen) and slot_id not in away[pid]

    keep = run.mode == SchedulingRun.Mode.KEEP
    load: dict[int, int] = defaultdict(int)
    candidates = []
    for pk, a, b, mutual in (
        MeetingRequest.objects.filter(edition=run.edition, status=MeetingRequest.Status.ACCEPTED)
        .order_by("pk")
        .values_list("pk", "requester_id", "recipient_id", "mutual")
    ):
        meeting = meetings.get(pk)
        slot_id = meeting["slot_id"] if meeting is not None else None
        if meeting is not None and (
            meeting["locked"]
            or slot_id not in scope
            # A keep run leaves a published meeting alone while both sides can still attend.
            or (keep and can_attend(a, slot_id) and can_attend(b, slot_id))
        ):
            # Kept where it is: counted against the cap; fixed in the solve when in scope.
            load[a] += 1
            load[b] += 1
            if slot_id in scope:
                pb.fixed[pk] = slot_id
                pb.requests[pk] = (a, b)
            continue
        if meeting is not None:
            pb.previous[pk] = slot_id
        candidates.append((not mutual, pk, a, b))
    # Mutual interest first when a cap forces a choice.
    for _mutual, pk, a, b in sorted(candidates):
        if cap is not None and (load[a] >= cap or load[b] >= cap):
            pb.unplaced[pk] = Unplaced.Reason.CAP
            continue
        load[a] += 1
        load[b] += 1
        pb.requests[pk] = (a, b)
    people = {p for pair in pb.requests.values() for p in pair}
    for pid in people:
        chosen = sessions_of.get(pid)
        pb.unavailable[pid] = {
            s["pk"]
            for s in pb.slots
            if (chosen and s["session_id"] not in chosen) or s["pk"] in away[pid]
        }
    return pb


def _instance(pb: Problem) -> Instance:
    slots = tuple(
        SSlot(s["pk"], s["session_id"], len(pb.tables.get(s["session_id"], []))) for s in pb.slots
    )
    people = tuple(SPerson(pid, tuple(sorted(u))) for pid, u in pb.unavailable.items())
    meetings = tuple(
        SMeeting(pk, pair, None, pb.fixed.get(pk), 1) for pk, pair in pb.requests.items()
    )
    # The scheduler moves as few of these as it must (in a keep run they are the meetings
    # whose slot became impossible: they move in any case).
    previous = tuple((pk, slot_id) for pk, slot_id in pb.previous.items() if pk in pb.requests)
    return Instance(slots, people, meetings, previous=previous)


def _why_unplaced(pb: Problem, pk: int) -> str:
    a, b = pb.requests[pk]
    common = [s for s in pb.slots if s["pk"] not in pb.unavailable[a] | pb.unavailable[b]]
    return Unplaced.Reason.NO_FREE_SLOT if common else Unplaced.Reason.NO_COMMON_SLOT


class TableBook:
    """Free tables per slot, found in constant time: a participant's reserved table, else the
    table the meeting had (when it keeps its slot), else the next unreserved one in number
    order (tables only fill up during a write)."""

    def __init__(self, tables: dict[int, list[Table]], taken: dict[int, set[int]]) -> None:
        self.reserved: dict[tuple[int, int], int] = {}
        self.open: dict[int, list[int]] = {}
        for session_id, rows in tables.items():
            self.open[session_id] = [t.pk for t in rows if t.reserved_for_id is None]
            for t in rows:
                if t.reserved_for_id is not None:
                    self.reserved[(session_id, t.reserved_for_id)] = t.pk
        self.taken = taken
        self.cursor: dict[int, int] = defaultdict(int)

    def take(
        self, slot_id: int, session_id: int, pair: tuple[int, int], prefer: int | None = None
    ) -> int | None:
        taken = self.taken[slot_id]
        for participant_id in pair:
            table_id = self.reserved.get((session_id, participant_id))
            if table_id is not None:
                if table_id in taken:
                    return None
                taken.add(table_id)
                return table_id
        if prefer is not None and prefer not in taken:
            taken.add(prefer)
            return prefer
        tables = self.open.get(session_id, [])
        i = self.cursor[slot_id]
        while i < len(tables) and tables[i] in taken:
            i += 1
        self.cursor[slot_id] = i
        if i == len(tables):
            return None
        taken.add(tables[i])
        return tables[i]


def _published(run: SchedulingRun, scope: list[int]) -> dict[int, tuple[int, int, bool]]:
    """The scheduled meetings of the run's scope: {request id: (slot, table, locked)}."""
    return {
        r: (s, t, locked)
        for r, s, t, locked in Meeting.objects.filter(
            edition=run.edition, status=Meeting.Status.SCHEDULED, slot_id__in=scope
        ).values_list("request_id", "slot_id", "table_id", "locked")
    }


def _delete(run: SchedulingRun, scope: list[int], request_ids: list[int] | None) -> None:
    """Delete the unlocked meetings of the scope (of `request_ids` only, when given)."""
    stale = Meeting.objects.filter(
        edition=run.edition, status=Meeting.Status.SCHEDULED, locked=False, slot_id__in=scope
    )
    if request_ids is None:
        _delete_meetings(stale.values("pk"))
        return
    # In chunks: SQLite limits the parameters of one statement.
    for start in range(0, len(request_ids), BATCH):
        chunk = request_ids[start : start + BATCH]
        _delete_meetings(stale.filter(request_id__in=chunk).values("pk"))


def _delete_meetings(stale) -> None:
    Seat.objects.filter(meeting__in=stale).delete()
    # One DELETE instead of Django's collector, which would load every meeting to cascade
    # to seats that are already gone.
    sql, params = stale.query.sql_with_params()
    with connection.cursor() as cursor:
        # Bandit's B608 (SQL built from strings) does not apply: the table is the model's own
        # and the subquery Django's compiled SQL; every value goes as a parameter.
        statement = "DELETE FROM %s WHERE id IN (%s)" % (Meeting._meta.db_table, sql)  # noqa: UP031  # nosec B608
        cursor.execute(statement, params)


def _insert(run: SchedulingRun, rows: list[tuple[int, int, int]]) -> None:
    """Insert the run's meetings (request, slot, table), then both seats of each."""
    if not rows:
        return
    now = timezone.now()
    if connection.vendor == "postgresql":
        # COPY: tens of thousands of rows in a fraction of a second.
        columns = "request_id, edition_id, slot_id, table_id, status, locked, run_id, updated_at"
        with connection.cursor() as cursor:
            copy_sql = f"COPY {Meeting._meta.db_table} ({columns}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for request_id, slot_id, table_id in rows:
                    copy.write_row(
                        (request_id, run.edition_id, slot_id, table_id, "scheduled", False,
                         run.pk, now)
                    )  # fmt: skip
    else:
        Meeting.objects.bulk_create(
            (
                Meeting(request_id=r, edition_id=run.edition_id, slot_id=s, table_id=t, run=run)
                for r, s, t in rows
            ),
            batch_size=BATCH,
        )
    # The seats come from the meetings just written and their requests, in the database.
    seat, meeting, request = (
        Seat._meta.db_table,
        Meeting._meta.db_table,
        MeetingRequest._meta.db_table,
    )
    side = (
        "SELECT m.id, r.{0}, m.slot_id, %s, %s, %s, %s FROM {1} m "
        "JOIN {2} r ON r.id = m.request_id WHERE m.run_id = %s"
    )
    insert_sql = (
        f"INSERT INTO {seat} (meeting_id, participant_id, slot_id, outcome, follow_up, "
        f"agreement_expected, comment) "
        + side.format("requester_id", meeting, request)
        + " UNION ALL "
        + side.format("recipient_id", meeting, request)
    )
    with connection.cursor() as cursor:
        cursor.execute(insert_sql, ["", False, False, "", run.pk] * 2)


def _changes(
    before: dict[int, tuple[int, int]], after: dict[int, tuple[int, int]]
) -> list[list[int | None]]:
    """[request, old slot, old table, new slot, new table] of every meeting that changed."""
    out: list[list[int | None]] = []
    for r in sorted(before.keys() | after.keys()):
        old, new = before.get(r), after.get(r)
        if old != new:
            out.append([r, *(old or (None, None)), *(new or (None, None))])
    return out


def _moved_figures(pb: Problem, changes: list[list[int | None]]) -> tuple[int, int]:
    """Published meetings moved or dropped, and the people they concern."""
    moved = [c for c in changes if c[1] is not None]
    people = {p for c in moved if c[0] in pb.requests for p in pb.requests[c[0]]}
    return len(moved), len(people)


def _write(run: SchedulingRun, pb: Problem, placements: dict[int, int]) -> tuple[int, int]:
    """Write the run's placement; returns (placed, unplaced).

    A plan replaces the scope's unlocked meetings; a keep run only those it freed; a re-plan
    those of its proposal. What changed is recorded on the run for the announcement.
    """
    scope = [s["pk"] for s in pb.slots]
    session_of = {s["pk"]: s["session_id"] for s in pb.slots}
    lock_edition(run.edition)
    published = _published(run, scope)
    before = {r: (s, t) for r, (s, t, _locked) in published.items()}
    if run.mode == SchedulingRun.Mode.PLAN:
        replaced = None
    elif run.mode == SchedulingRun.Mode.KEEP:
        replaced = [r for r in pb.previous if r in published and not published[r][2]]
    else:
        # Meetings that keep their slot are left untouched (same row, same table).
        replaced = [
            r
            for r, slot_id in placements.items()
            if r in published and not published[r][2] and published[r][0] != slot_id
        ]
    _delete(run, scope, replaced)
    # Read what stays after the delete, inside the lock: a meeting staff moved (and so
    # locked) during the solve is seen here and wins over the solver's placement.
    busy = set(Seat.objects.filter(slot_id__in=scope).values_list("participant_id", "slot_id"))
    taken: dict[int, set[int]] = defaultdict(set)
    has_meeting = set()
    for request_id, slot_id, table_id in Meeting.objects.filter(
        edition=run.edition, status=Meeting.Status.SCHEDULED
    ).values_list("request_id", "slot_id", "table_id"):
        has_meeting.add(request_id)
        taken[slot_id].add(table_id)
    book = TableBook(pb.tables, taken)
    still_accepted = set(
        MeetingRequest.objects.filter(
            edition=run.edition, status=MeetingRequest.Status.ACCEPTED
        ).values_list("pk", flat=True)
    )
    rows: list[tuple[int, int, int]] = []
    unplaced = dict(pb.unplaced)
    kept = 0
    conflicts = []

    def place(pk: int, slot_id: int, pair: tuple[int, int]) -> bool:
        if (pair[0], slot_id) in busy or (pair[1], slot_id) in busy:
            return False
        old = before.get(pk)
        prefer = old[1] if old is not None and old[0] == slot_id else None
        table_id = book.take(slot_id, session_of[slot_id], pair, prefer)
        if table_id is None:
            return False
        busy.add((pair[0], slot_id))
        busy.add((pair[1], slot_id))
        rows.append((pk, slot_id, table_id))
        return True

    # Meetings that keep their slot first, so that each gets its own table back.
    order = sorted(pb.requests, key=lambda pk: before.get(pk, (None,))[0] != placements.get(pk, -1))
    for pk in order:
        pair = pb.requests[pk]
        if pk in has_meeting:
            kept += 1
        elif pk not in still_accepted:
            continue
        elif pk not in placements:
            unplaced[pk] = _why_unplaced(pb, pk)
        elif not place(pk, placements[pk], pair):
            # The schedule changed under the solve (a staff move): try again below.
            conflicts.append(pk)
    for pk in conflicts:
        a, b = pb.requests[pk]
        away = pb.unavailable[a] | pb.unavailable[b]
        if not any(place(pk, s["pk"], (a, b)) for s in pb.slots if s["pk"] not in away):
            unplaced[pk] = _why_unplaced(pb, pk)
    _insert(run, rows)
    Unplaced.objects.bulk_create(
        (Unplaced(run=run, request_id=pk, reason=reason) for pk, reason in unplaced.items()),
        batch_size=BATCH,
    )
    after = dict(before)
    for r in replaced if replaced is not None else [r for r, v in published.items() if not v[2]]:
        after.pop(r, None)
    after.update({r: (s, t) for r, s, t in rows})
    # The first plan announces the whole schedule; later runs tell each person what changed.
    changes = [] if run.mode == SchedulingRun.Mode.PLAN else _changes(before, after)
    moved, people = _moved_figures(pb, changes)
    run.changes, run.moved, run.people_moved = changes, moved, people
    SchedulingRun.objects.filter(pk=run.pk).update(
        changes=changes, moved=moved, people_moved=people
    )
    EditionB2B.objects.filter(edition=run.edition).update(published_at=timezone.now())
    # The meetings went in by COPY or bulk_create, which send no signal.
    cache_versions.bump_on_commit("b2b")
    schedule_announce_later(run_id=run.pk)
    return len(rows) + kept, len(unplaced)


def _status(run: SchedulingRun, status: str, **fields: object) -> None:
    # Saved in autocommit so that the status page sees progress while the run works.
    for name, value in fields.items():
        setattr(run, name, value)
    run.status = status
    SchedulingRun.objects.filter(pk=run.pk).update(status=status, **fields)


def _effort(run: SchedulingRun, pb: Problem) -> float:
    """A keep run searches in proportion to the meetings it may place, not the whole event:
    30,000 fixed meetings need no annealing."""
    if run.mode != SchedulingRun.Mode.KEEP or not pb.requests:
        return 1.0
    free = len(pb.requests) - len(pb.fixed)
    return min(1.0, max(0.05, 2 * free / len(pb.requests)))


def run_execute(*, run_id: int, time_limit: float | None = None) -> SchedulingRun | None:
    """Execute a queued run: read, solve, then write every meeting in one transaction.

    The scheduler gets the command line's stopping rule: `time_limit` CPU seconds (None: the
    scheduler's default for the event's size) or sooner, once the schedule is proved optimal.
    Returns None when the run is gone or was already taken by another worker.
    Side effects: writes the run's meetings (see `_write`), records unplaced requests, the
    run's figures and what changed, marks the schedule published. A re-plan stops before the
    write, as a preview (`run_confirm` writes it). On any error the run is marked failed and
    the meetings are left as they were.
    """
    claimed = SchedulingRun.objects.filter(pk=run_id, status=SchedulingRun.Status.QUEUED).update(
        status=SchedulingRun.Status.READING, started_at=timezone.now()
    )
    if not claimed:
        return None
    run = SchedulingRun.objects.select_related("edition", "session").get(pk=run_id)
    try:
        started = time.perf_counter()
        pb = _read(run)
        instance = _instance(pb)
        read_seconds = time.perf_counter() - started
        _status(run, SchedulingRun.Status.SOLVING, read_seconds=read_seconds)
        started = time.perf_counter()
        schedule = solve(
            instance,
            time_limit=time_limit,
            seed=run.pk,
            effort=_effort(run, pb),
            # The SAT phase knows nothing of the published placement (it would move meetings
            # to save breaks), and a keep run has next to nothing left to polish.
            polish=None if run.mode == SchedulingRun.Mode.PLAN else 0,
        )
        _status(
            run,
            SchedulingRun.Status.WRITING,
            solve_seconds=time.perf_counter() - started,
            breaks=schedule.stats.breaks,
            lower_bound=schedule.stats.lower_bound,
            proved_optimal=schedule.stats.optimal,
            break_spread=schedule.stats.break_spread,
        )
        if run.mode == SchedulingRun.Mode.REPLAN:
            _preview(run, pb, schedule.placements)
            return run
        started = time.perf_counter()
        with transaction.atomic():
            placed, unplaced = _write(run, pb, schedule.placements)
            _status(
                run,
                SchedulingRun.Status.DONE,
                requests=len(pb.requests) + len(pb.unplaced),
                placed=placed,
                unplaced=unplaced,
                write_seconds=time.perf_counter() - started,
                finished_at=timezone.now(),
            )
    except Exception as exc:
        # The write rolled back; the run says why, and staff can run it again.
        logger.exception("Scheduling run %s failed", run_id)
        _status(run, SchedulingRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now())
    return run


def _preview(run: SchedulingRun, pb: Problem, placements: dict[int, int]) -> None:
    """Keep a re-plan's placement and what it would move, for staff to confirm."""
    scope = [s["pk"] for s in pb.slots]
    published = _published(run, scope)
    changes = [
        [r, s, t, placements.get(r), None]
        for r, (s, t, locked) in sorted(published.items())
        # A meeting the re-plan cannot place keeps its published place.
        if not locked and r in placements and placements[r] != s
    ]
    moved, people = _moved_figures(pb, changes)
    _status(
        run,
        SchedulingRun.Status.PREVIEW,
        proposal=[[r, s] for r, s in placements.items()],
        changes=changes,
        moved=moved,
        people_moved=people,
        requests=len(pb.requests) + len(pb.unplaced),
        placed=len(placements),
        unplaced=len(pb.requests) - len(placements) + len(pb.unplaced),
    )


def run_confirm(*, run: SchedulingRun, by: User) -> SchedulingRun:
    """Apply a re-plan's preview; a second confirmation (a double click, two staff) is refused.

    Side effects: as a run's write (`_write`), then the announcement after commit. A preview
    made stale by a later run is marked not applied.
    """
    with transaction.atomic():
        lock_edition(run.edition)
        # Under the edition lock, so two confirmations take turns and the second sees "done".
        run = (
            SchedulingRun.objects.select_for_update(of=("self",))
            .select_related("edition", "session", "confirmed_by")
            .get(pk=run.pk)
        )
        if run.status == SchedulingRun.Status.DONE:
            raise Refused(
                _("This re-plan was already applied by %(person)s; nothing more was changed.")
                % {"person": run.confirmed_by or "–"}
            )
        if run.status != SchedulingRun.Status.PREVIEW:
            raise Refused(_("Only a re-plan awaiting confirmation can be applied."))
        stale = SchedulingRun.objects.filter(
            edition=run.edition, status=SchedulingRun.Status.DONE, finished_at__gt=run.created_at
        ).exists()
        if not stale:
            started = time.perf_counter()
            pb = _read(run)
            placed, unplaced = _write(run, pb, dict(run.proposal or []))
            run.confirmed_by = by
            run.confirmed_at = timezone.now()
            _status(
                run,
                SchedulingRun.Status.DONE,
                placed=placed,
                unplaced=unplaced,
                confirmed_by=by,
                confirmed_at=run.confirmed_at,
                write_seconds=time.perf_counter() - started,
                finished_at=timezone.now(),
            )
            return run
    SchedulingRun.objects.filter(pk=run.pk, status=SchedulingRun.Status.PREVIEW).update(
        status=SchedulingRun.Status.DISCARDED, finished_at=timezone.now()
    )
    raise Refused(
        _(
            "Another run changed the schedule after this preview; start the re-plan "
            "again to see what it would move now."
        )
    )
