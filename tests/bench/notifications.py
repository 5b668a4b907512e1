"""Benchmark (not a test): 20,000 notifications through one real Celery worker to an SMTP sink.

The scenario of issue 8: a schedule published for 15,000 participants, 20,000 notifications
in all, created in one transaction, queued after commit, sent by one worker to a local SMTP
server. Reports how long creating, queueing and draining took, and e-mails per second.
Starts its own redis-server (port 6391) and SMTP sink (port 2591); needs PostgreSQL:

    createdb -h 127.0.0.1 -U postgres ponte_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/ponte_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python -m tests.bench.notifications --count 20000 --participants 15000

It deletes the notifications and the bench-*@example.org users of that database first.
"""

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from tests.notifications.services import RedisServer, SmtpSink, Worker, wait_for

REDIS_PORT = 6391
SMTP_PORT = 2591


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--participants", type=int, default=15000)
    parser.add_argument("--concurrency", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="ponte-bench-"))
    redis = RedisServer(REDIS_PORT, folder)
    redis.start()
    # Before Django and Celery read their settings: this process queues to the private Redis.
    os.environ["CELERY_BROKER_URL"] = redis.url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from portal.core.models import Notification, User
    from portal.core.notifications import Item, notify_many

    if connection.vendor != "postgresql":
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL.")
    sink = SmtpSink(SMTP_PORT, folder)
    worker = None
    try:
        Notification.objects.all().delete()
        User.objects.filter(email__startswith="bench-").delete()
        languages = ["en", "it", "zh-hans"]
        users = User.objects.bulk_create(
            User(
                email=f"bench-{n}@example.org",
                full_name=f"Participant {n}",
                language=languages[n % 3],
                country="IT" if n % 2 else "CN",
                password="!",
            )
            for n in range(args.participants)
        )
        edition = SimpleNamespace(
            title="China–Italy Science, Technology & Innovation Week",
            start_date=dt.date(2026, 10, 26),
            end_date=dt.date(2026, 10, 28),
        )
        first_meeting = dt.datetime(2026, 10, 27, 8, 0, tzinfo=dt.UTC)
        worker = Worker(
            broker=redis.url,
            database=connection.settings_dict["NAME"],
            smtp_port=SMTP_PORT,
            folder=folder,
            concurrency=args.concurrency,
        )

        started = time.monotonic()
        # As the schedule's announcement does it (matchmaking.services.announce).
        with transaction.atomic():
            notify_many(
                kind=Notification.Kind.SCHEDULE_PUBLISHED,
                items=[
                    Item(
                        recipient=users[n % args.participants],
                        context={
                            "edition": edition,
                            "zone": "Europe/Rome",
                            "meetings": 6,
                            "first_meeting_at": first_meeting,
                        },
                        link="/en/b2b/",
                        key=f"bench:{n}",
                    )
                    for n in range(args.count)
                ],
            )
            created = time.monotonic()
        # The transaction's commit ran the on-commit hooks: every notification is queued.
        queued = time.monotonic()
        drained = wait_for(
            lambda: sum(sink.received().values()) >= args.count, args.timeout, interval=0.5
        )
        finished = time.monotonic()
        received = sink.received()
        doubles = sum(1 for times in received.values() if times > 1)
        sent = Notification.objects.filter(state=Notification.State.SENT).count()
        print(f"notifications        {args.count} for {args.participants} participants")
        print(f"worker               1 (prefork, concurrency {args.concurrency})")
        print(f"create (1 tx)        {created - started:.1f} s")
        print(f"queue after commit   {queued - created:.1f} s")
        print(
            f"drain after commit   {finished - created:.1f} s" + ("" if drained else " (timeout)")
        )
        print(f"e-mails/s            {len(received) / (finished - created):.0f}")
        print(f"received             {sum(received.values())} ({doubles} twice)")
        print(f"rows marked sent     {sent}")
    finally:
        if worker is not None:
            worker.stop()
        sink.stop()
        redis.stop()


if __name__ == "__main__":
    main()
