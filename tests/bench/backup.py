"""How long `manage.py backup` and `manage.py restore` take on a big site, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ponte_bench_backup \\
        .venv/bin/python -m tests.bench.backup [--restore-into ponte_bench_backup_restored]

The database is expected to hold the directory benchmark's 10,000 organisations and the
matchmaking benchmark's edition (see README-backup.md for the commands); this script adds the
schedule (about 30,000 meetings) when there is none, then times a backup and a restore into a
fresh database and empty folders, each in its own process as an operator would run them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]


def schedule() -> None:
    """Runs inside Django: the B2B schedule of the 2099 edition, once (no announcement)."""
    import django

    django.setup()
    from matchmaking import services
    from matchmaking.models import Meeting, SchedulingRun
    from programme.models import Edition

    if Meeting.objects.exists():
        print(f"{Meeting.objects.count():,} meetings already there.", file=sys.stderr)
        return
    run = SchedulingRun.objects.create(edition=Edition.objects.get(year=2099))
    # The announcement would queue 14,000 notifications: not what this benchmark measures.
    with mock.patch("matchmaking.services.runs.schedule_announce_later"):
        services.run_execute(run_id=run.pk, time_limit=30)
    run.refresh_from_db()
    print(f"run {run.status}: {run.placed:,} meetings placed", file=sys.stderr)


def counts(env: dict[str, str]) -> str:
    code = (
        "import django; django.setup();"
        "from portal.core.models import Organisation; from matchmaking.models import Meeting;"
        "print(f'{Organisation.objects.count():,} organisations, "
        "{Meeting.objects.count():,} meetings')"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr or result.stdout)
    return elapsed, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--restore-into", default="")
    parser.add_argument("--schedule", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.schedule:
        schedule()
        return
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a PostgreSQL database")
    env = {k: v for k, v in os.environ.items() if k not in ("CELERY_BROKER_URL", "REDIS_URL")}
    env["PYTHONPATH"] = str(ROOT)
    env.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    subprocess.run([sys.executable, "-m", "tests.bench.backup", "--schedule"], env=env, check=True)
    manage = [sys.executable, str(ROOT / "manage.py")]
    fresh = args.restore_into or url.rsplit("/", 1)[1] + "_restored"
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        conn.execute(f'CREATE DATABASE "{fresh}"')
    with tempfile.TemporaryDirectory(prefix="ponte-bench-backup-") as work:
        print(counts(env))
        backup_s, out = timed([*manage, "backup", "--output", work], env)
        archive = Path(out.strip().splitlines()[-1])
        restore_env = {
            **env,
            "DATABASE_URL": url.rsplit("/", 1)[0] + "/" + fresh,
            "PONTE_VAR_DIR": str(Path(work) / "restored-var"),
        }
        restore_s, report = timed([*manage, "restore", str(archive)], restore_env)
        print(f"archive: {archive.stat().st_size / 1e6:.1f} MB")
        print(f"backup: {backup_s:.1f} s, restore: {restore_s:.1f} s")
        print(counts(restore_env) + " after the restore")
        print(report.splitlines()[-2])
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{fresh}"')


if __name__ == "__main__":
    main()
