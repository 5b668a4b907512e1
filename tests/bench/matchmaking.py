"""Benchmark of a whole scheduling run through the Celery task, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ponte_matchmaking \\
        .venv/bin/python tests/bench/matchmaking.py [--people 15000] [--requests 30000]

Generates an edition (year 2099) with 3 B2B days, its participants, availability and accepted
requests (bulk inserts), then runs the scheduler task in a fresh process so that its peak
memory is the run's own. Prints a markdown row; see tests/bench/README-matchmaking.md.

The run process uses a real broker (CELERY_BROKER_URL, default Redis database 15 on
127.0.0.1:6379), as in production: the announcement the run queues after its commit is a task
of its own, timed separately afterwards, and the messages left in that database are purged.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from matchmaking import services  # noqa: E402
from matchmaking.models import (  # noqa: E402
    EditionB2B,
    Meeting,
    MeetingRequest,
    Participant,
    SchedulingRun,
    Seat,
    Session,
    SessionBreak,
    Table,
    Unavailability,
)
from portal.core.models import Organisation, User  # noqa: E402
from programme.models import Edition, Registration  # noqa: E402

YEAR = 2099
DAYS = 3
TABLES = 520  # 72 slots x 520 tables: about 80% load at 30,000 meetings
BATCH = 5000


def generate(people: int, requests: int, seed: int) -> None:
    rng = random.Random(seed)
    # Meetings protect their slots and tables: remove them before the edition.
    Seat.objects.filter(meeting__edition__year=YEAR).delete()
    Meeting.objects.filter(edition__year=YEAR).delete()
    Edition.objects.filter(year=YEAR).delete()
    User.objects.filter(email__endswith="@bench.example.org").delete()
    Organisation.objects.filter(slug__startswith="bench-").delete()
    edition = Edition.objects.create(
        ordinal=YEAR, year=YEAR, host_country="IT", title_en="Benchmark edition",
        start_date=dt.date(YEAR, 10, 20), end_date=dt.date(YEAR, 10, 22),
        time_zone="Europe/Rome",
    )  # fmt: skip
    EditionB2B.objects.create(edition=edition)
    sessions = []
    for day in range(DAYS):
        session = Session.objects.create(
            edition=edition, name_en=f"Day {day + 1}", venue_en="Fiera",
            date=dt.date(YEAR, 10, 20 + day), start=dt.time(9), end=dt.time(18), slot_minutes=20,
        )  # fmt: skip
        SessionBreak.objects.create(
            session=session, label_en="Lunch", start=dt.time(13), end=dt.time(14)
        )
        Table.objects.bulk_create(Table(session=session, number=n + 1) for n in range(TABLES))
        services.session_build_slots(session=session)
        sessions.append(session)
    n_orgs = people // 3
    orgs = Organisation.objects.bulk_create(
        (
            Organisation(
                slug=f"bench-{n}", name_en=f"Bench organisation {n}",
                kind=Organisation.Kind.ENTERPRISE, country="IT" if n < n_orgs * 0.55 else "CN",
                status=Organisation.Status.APPROVED,
            )
            for n in range(n_orgs)
        ),
        batch_size=BATCH,
    )  # fmt: skip
    users = User.objects.bulk_create(
        (
            User(email=f"p{n}@bench.example.org", full_name=f"Person {n}", password="!bench")
            for n in range(people)
        ),
        batch_size=BATCH,
    )
    registrations = Registration.objects.bulk_create(
        (
            Registration(
                edition=edition, person=user, organisation=orgs[n % n_orgs], b2b=True,
                status=Registration.Status.CONFIRMED, languages="en",
            )
            for n, user in enumerate(users)
        ),
        batch_size=BATCH,
    )  # fmt: skip
    participants = Participant.objects.bulk_create(
        (
            Participant(registration=r, edition=edition, feed_token=f"bench-{r.pk}")
            for r in registrations
        ),
        batch_size=BATCH,
    )
    # A quarter attend one or two days only; a fifth cannot make a few slots.
    through = Participant.sessions.through
    links = []
    for p in participants:
        if rng.random() < 0.25:
            for s in rng.sample(sessions, rng.choice((1, 2))):
                links.append(through(participant_id=p.pk, session_id=s.pk))
    through.objects.bulk_create(links, batch_size=BATCH)
    slots = [s for session in sessions for s in session.slots.order_by("starts_at")]
    holes = []
    for p in participants:
        if rng.random() < 0.2:
            start = rng.randrange(len(slots) - 6)
            holes += [
                Unavailability(participant_id=p.pk, slot_id=s.pk)
                for s in slots[start : start + rng.randrange(3, 7)]
            ]
    Unavailability.objects.bulk_create(holes, batch_size=BATCH)
    country = {p.pk: orgs[i % n_orgs].country for i, p in enumerate(participants)}
    italians = [p.pk for p in participants if country[p.pk] == "IT"]
    chinese = [p.pk for p in participants if country[p.pk] == "CN"]
    # Popularity is skewed: some are asked by many.
    weights = [min(rng.paretovariate(1.5), 12.0) for _ in chinese]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < requests:
        a = rng.choice(italians)
        b = rng.choices(chinese, weights)[0]
        pairs.add((min(a, b), max(a, b)))
    MeetingRequest.objects.bulk_create(
        (
            MeetingRequest(
                edition=edition, requester_id=low, recipient_id=high, low_id=low, high_id=high,
                status=MeetingRequest.Status.ACCEPTED,
            )
            for low, high in pairs
        ),
        batch_size=BATCH,
    )  # fmt: skip


def run() -> None:
    """Executed in a fresh process: queue the run and execute it through the Celery task."""
    from matchmaking.tasks import announce_schedule, run_scheduler
    from portal.celery import app
    from portal.core.models import Notification

    edition = Edition.objects.get(year=YEAR)
    with transaction.atomic():
        scheduling_run = SchedulingRun.objects.create(edition=edition)
    started = time.perf_counter()
    run_scheduler.apply(kwargs={"run_id": scheduling_run.pk}, throw=True)
    total = time.perf_counter() - started
    scheduling_run.refresh_from_db()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    r = scheduling_run
    if r.status != "done":
        raise SystemExit(f"run failed: {r.error}")
    # The announcement a worker would take next: one notification per participant with meetings.
    Notification.objects.filter(key__startswith="schedule-published:").delete()
    started = time.perf_counter()
    told = announce_schedule.apply(kwargs={"run_id": r.pk}, throw=True).result
    announce = time.perf_counter() - started
    app.control.purge()  # the announcement and e-mails queued for workers this bench has not
    print(
        f"| {r.requests:,} | {r.placed:,} | {r.unplaced:,} | {r.breaks:,} | {r.read_seconds:.1f} "
        f"| {r.solve_seconds:.1f} | {r.write_seconds:.1f} | {total:.1f} | {peak:.0f} "
        f"| {told:,} in {announce:.1f} |"
    )


def keep(extra: int, seed: int) -> None:
    """Executed in a fresh process, after `run`: accept `extra` new requests, then the run that
    keeps the published schedule; checks that no published meeting moved."""
    from matchmaking.tasks import announce_schedule, run_scheduler
    from portal.celery import app

    edition = Edition.objects.get(year=YEAR)
    rng = random.Random(seed + 1)
    published = {
        r: (s, t)
        for r, s, t in Meeting.objects.filter(edition=edition, status="scheduled").values_list(
            "request_id", "slot_id", "table_id"
        )
    }
    if not published:
        raise SystemExit("no published schedule: run --phase run first")
    ids = list(Participant.objects.filter(edition=edition).values_list("pk", flat=True))
    existing = set(MeetingRequest.objects.filter(edition=edition).values_list("low_id", "high_id"))
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < extra:
        a, b = rng.sample(ids, 2)
        pair = (min(a, b), max(a, b))
        if pair not in existing:
            pairs.add(pair)
    with transaction.atomic():
        MeetingRequest.objects.bulk_create(
            MeetingRequest(
                edition=edition, requester_id=low, recipient_id=high, low_id=low, high_id=high,
                status=MeetingRequest.Status.ACCEPTED,
            )
            for low, high in pairs
        )  # fmt: skip
        scheduling_run = SchedulingRun.objects.create(edition=edition, mode=SchedulingRun.Mode.KEEP)
    started = time.perf_counter()
    run_scheduler.apply(kwargs={"run_id": scheduling_run.pk}, throw=True)
    total = time.perf_counter() - started
    r = scheduling_run
    r.refresh_from_db()
    if r.status != "done":
        raise SystemExit(f"run failed: {r.error}")
    after = {
        req: (s, t)
        for req, s, t in Meeting.objects.filter(edition=edition, status="scheduled").values_list(
            "request_id", "slot_id", "table_id"
        )
    }
    moved = sum(1 for req, place in published.items() if after.get(req) != place)
    new = sum(1 for req in after if req not in published)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    told = announce_schedule.apply(kwargs={"run_id": r.pk}, throw=True).result
    announce = time.perf_counter() - started
    app.control.purge()
    print(
        f"| keep run: {len(published):,} published + {extra:,} new | {moved:,} moved | "
        f"{new:,} placed | {extra - new:,} unplaced | {r.read_seconds:.1f} "
        f"| {r.solve_seconds:.1f} | {r.write_seconds:.1f} | {total:.1f} | {peak:.0f} "
        f"| {told:,} in {announce:.1f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=15000)
    parser.add_argument("--requests", type=int, default=30000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--extra", type=int, default=500, help="new requests for --phase keep")
    parser.add_argument("--phase", choices=["all", "generate", "run", "keep"], default="all")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("set DATABASE_URL to a PostgreSQL database")
    if args.phase in ("all", "generate"):
        started = time.perf_counter()
        with transaction.atomic():
            generate(args.people, args.requests, args.seed)
        print(f"generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if args.phase == "run":
        run()
        return
    if args.phase == "keep":
        keep(args.extra, args.seed)
        return
    if args.phase == "all":
        print("| requests | placed | unplaced | breaks | read s | solve s | write s "
              "| task total s | peak RSS MB | announced (task of its own) s |")  # fmt: skip
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        subprocess.run([sys.executable, __file__, "--phase", "run"], check=True)
        print("| case | moved | placed | unplaced | read s | solve s | write s | task total s "
              "| peak RSS MB | told (task of its own) s |")  # fmt: skip
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        subprocess.run(
            [sys.executable, __file__, "--phase", "keep", "--extra", str(args.extra)], check=True
        )


if __name__ == "__main__":
    main()
