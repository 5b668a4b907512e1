"""Load and fault runs against gunicorn + PostgreSQL on loopback.

    python -m tests.bench.load            # 200 clients for 60 s: requests/s, p95, errors
    python -m tests.bench.load --fault    # the same load; PostgreSQL stopped for 30 s mid-run

PostgreSQL runs in a cluster of its own (`ponte_load`, port 5433, created on first use with
Debian's pg_createcluster) so that stopping it disturbs nothing else on the machine.
"""

import argparse
import csv
import os
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "load"
CLUSTER = "ponte_load"
PG_PORT = 5433
HTTP_PORT = 8100
BASE = f"http://127.0.0.1:{HTTP_PORT}"
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def sh(*args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=check, text=True, capture_output=True, **kwargs)


def pg_version() -> str:
    return sorted(os.listdir("/etc/postgresql"))[-1]


def ensure_cluster() -> None:
    version = pg_version()
    if not Path(f"/etc/postgresql/{version}/{CLUSTER}").exists():
        sh("pg_createcluster", version, CLUSTER, "--port", str(PG_PORT))
        hba = Path(f"/etc/postgresql/{version}/{CLUSTER}/pg_hba.conf")
        hba.write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
    pg("start")


def pg(action: str) -> None:
    sh("pg_ctlcluster", "--skip-systemctl-redirect", pg_version(), CLUSTER, action, check=False)
    if action == "start":
        for _ in range(30):
            if sh("pg_isready", "-h", "127.0.0.1", "-p", str(PG_PORT), check=False).returncode == 0:
                return
            time.sleep(0.5)
        raise SystemExit("PostgreSQL of the load cluster does not start")


def server_env() -> dict[str, str]:
    return {
        **os.environ,
        "PONTE_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/ponte_load",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/9",
        "REDIS_URL": "redis://127.0.0.1:6379/10",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "PONTE_SITE_URL": "http://127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "ERROR",
    }


def prepare(env: dict[str, str], organisations: int) -> None:
    exists = sh("psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-tAc",
                "SELECT 1 FROM pg_database WHERE datname='ponte_load'").stdout.strip()  # fmt: skip
    if exists != "1":
        sh("createdb", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "ponte_load")
    manage = [PYTHON, "manage.py"]
    sh(*manage, "migrate", "--noinput", cwd=ROOT, env=env)
    sh(*manage, "load_content", cwd=ROOT, env=env)
    sh(*manage, "collectstatic", "--noinput", cwd=ROOT, env=env)
    code = (
        "from portal.core.models import Organisation as O;"
        f"n={organisations}-O.objects.count();"
        "O.objects.bulk_create([O(slug=f'load-org-{i}', name=f'Load organisation {i}', "
        "name_en=f'Load organisation {i}', kind='enterprise', country='CN' if i % 2 else 'IT', "
        "status='approved') for i in range(max(n, 0))], ignore_conflicts=True)"
    )
    sh(*manage, "shell", "-v", "0", "-c", code, cwd=ROOT, env=env)


def start_gunicorn(env: dict[str, str], workers: int) -> subprocess.Popen:
    # The server's own log (one line per 503 during the fault run) goes to a file.
    log = open(OUT / "gunicorn.log", "w")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [str(BIN / "gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{HTTP_PORT}",
         "--workers", str(workers), "--timeout", "30", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=log, stderr=log,
    )  # fmt: skip
    for _ in range(60):
        try:
            urllib.request.urlopen(f"{BASE}/healthz", timeout=10)
            return proc
        except OSError:  # refused while booting, or slow to answer the first time
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit("gunicorn did not start")


def run_locust(users: int, seconds: int, prefix: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "locust"), "-f", str(ROOT / "tests/bench/locustfile.py"), "--headless",
         "-u", str(users), "-r", "50", "-t", f"{seconds}s", "-H", BASE, "--csv", str(prefix),
         "--only-summary", "--loglevel", "ERROR"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def read_stats(prefix: Path) -> list[dict[str, str]]:
    with open(f"{prefix}_stats.csv", newline="") as f:
        return list(csv.DictReader(f))


def print_table(rows: list[dict[str, str]]) -> None:
    print("| page | requests | failures | requests/s | median ms | p95 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        rate = float(row["Requests/s"])
        print(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {rate:.1f} "
            f"| {row['50%']} | {row['95%']} | {row['99%']} |"
        )


def probe(stop: threading.Event, log: list[tuple[float, int, bool]]) -> None:
    """Ask for the directory every 0.25 s; record status and whether a traceback leaked."""
    while not stop.is_set():
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"{BASE}/en/partners/", timeout=15) as response:
                log.append((started, response.status, False))
        except urllib.error.HTTPError as error:
            body = error.read().decode(errors="replace")
            log.append((started, error.code, "Traceback" in body or 'File "' in body))
        except OSError:  # refused or timed out: no answer at all
            log.append((started, 0, False))
        time.sleep(0.25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fault", action="store_true", help="stop PostgreSQL for 30 s mid-run")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--organisations", type=int, default=2000)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    ensure_cluster()
    env = server_env()
    prepare(env, args.organisations)
    server = start_gunicorn(env, args.workers)
    prefix = OUT / ("fault" if args.fault else "load")
    try:
        if not args.fault:
            run_locust(args.users, args.seconds, prefix).wait()
            print(f"Load: {args.users} clients for {args.seconds} s, gunicorn "
                  f"{args.workers} workers, PostgreSQL on loopback")  # fmt: skip
            print_table(read_stats(prefix))
            return
        log: list[tuple[float, int, bool]] = []
        stop = threading.Event()
        prober = threading.Thread(target=probe, args=(stop, log), daemon=True)
        locust = run_locust(args.users, 75, prefix)
        prober.start()
        time.sleep(20)
        down_at = time.monotonic()
        pg("stop")
        time.sleep(30)
        pg("start")
        up_at = time.monotonic()
        locust.wait()
        stop.set()
        prober.join()
        report_fault(log, down_at, up_at)
        print_table(read_stats(prefix))
    finally:
        server.terminate()
        server.wait()
        pg("start")


def report_fault(log: list[tuple[float, int, bool]], down_at: float, up_at: float) -> None:
    during = [(t, s, tb) for t, s, tb in log if down_at + 1 < t < up_at]
    after = [(t, s) for t, s, _ in log if t >= up_at]
    recovered = next((t - up_at for t, s in after if s == 200), None)
    statuses: dict[int, int] = {}
    for _, status, _ in during:
        statuses[status] = statuses.get(status, 0) + 1
    print("Fault: PostgreSQL stopped for 30 s under load")
    print(f"- answers while down: {dict(sorted(statuses.items()))} (status: count)")
    print(f"- tracebacks in any answer: {sum(1 for *_, tb in log if tb)}")
    print(f"- first 200 after PostgreSQL returned: {recovered:.1f} s" if recovered is not None
          else "- never recovered")  # fmt: skip


if __name__ == "__main__":
    main()
