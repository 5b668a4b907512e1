"""Benchmark of check-in at the doors: four doors scanning at once, served by gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ponte_checkin \\
    REDIS_URL=redis://127.0.0.1:6379/12 \\
        .venv/bin/python -m tests.bench.checkin [--seconds 30] [--rate 20] [--workers 3]

Creates (once) an edition with two venues and 2,000 confirmed registrations with badges, and a
staff session that passed the second factor; empties its check-ins; starts gunicorn on
loopback; then four door threads (two per venue) post scans to the check-in endpoint at
`--rate` scans a second in all, for `--seconds`. The scans are those of a real door: mostly
new badges, some badges scanned again at the same venue, some scanned by both doors of a
venue at the same moment, some replays of a scan already sent (same client id, as a phone
that was offline sends it). Prints the server's own time per check-in (gunicorn's %(D)s) and
the round trip, p50 and p95, then checks that the rows recorded are exactly the distinct
(person, venue) pairs scanned: none lost, none doubled. See README "Benchmarks".
"""

import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ponte_checkin"
YEAR = 2097
PEOPLE = 2000
DOORS = [("A", 0), ("A", 1), ("B", 0), ("B", 1)]  # (venue, door)
STAFF_EMAIL = "door@bench.example.org"


def environment(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="tests.bench.settings",
        DJANGO_DEBUG="0",
        PYTHONPATH=str(ROOT),
    )
    return env


def ensure_database(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def populate() -> dict:
    """Runs inside Django (a subprocess with the bench settings): the edition, people, session."""
    import django

    django.setup()
    import datetime as dt

    from django.contrib.auth.hashers import make_password
    from django.test import Client

    from portal.core.models import City, Organisation, User
    from programme.badges import tokens
    from programme.checkin.models import CheckIn
    from programme.models import Edition, Registration, Venue
    from tests.factories import force_login_passing_second_factor

    edition, created = Edition.objects.get_or_create(
        year=YEAR,
        defaults={
            "ordinal": YEAR, "host_country": "IT", "title_en": "Check-in benchmark",
            "start_date": dt.date(YEAR, 10, 20), "end_date": dt.date(YEAR, 10, 22),
            "time_zone": "Europe/Rome",
        },
    )  # fmt: skip
    if created:
        city = City.objects.first() or City.objects.create(
            slug="bench-city", name_en="Bench", country="IT"
        )
        for name in ("A", "B"):
            Venue.objects.create(edition=edition, city=city, name_en=f"Hall {name}")
        organisation = Organisation.objects.create(
            slug="bench-checkin", name_en="Bench organisation", kind="university",
            country="IT", city=city, status=Organisation.Status.APPROVED,
        )  # fmt: skip
        password = make_password(None)
        people = User.objects.bulk_create(
            User(email=f"p{n}@bench.example.org", full_name=f"Person {n}", password=password)
            for n in range(PEOPLE)
        )
        codes = set()
        while len(codes) < PEOPLE:
            codes.add(tokens.new_code())
        Registration.objects.bulk_create(
            Registration(
                edition=edition, person=person, organisation=organisation,
                status=Registration.Status.CONFIRMED, badge_code=code,
            )
            for person, code in zip(people, sorted(codes), strict=True)
        )  # fmt: skip
    CheckIn.objects.filter(venue__edition=edition).delete()
    staff, _created = User.objects.get_or_create(
        email=STAFF_EMAIL, defaults={"is_staff": True, "full_name": "Door staff"}
    )
    client = Client()
    force_login_passing_second_factor(client, staff)
    venues = {v.name_en[-1]: v.pk for v in Venue.objects.filter(edition=edition)}
    badges = [
        tokens.sign(edition.pk, code)
        for code in Registration.objects.filter(edition=edition)
        .order_by("pk")
        .values_list("badge_code", flat=True)
    ]
    return {
        "session": client.cookies["sessionid"].value,
        "venues": venues,
        "day": edition.start_date.isoformat(),
        "badges": badges,
        "edition": edition.pk,
    }


def count_rows() -> None:
    import django

    django.setup()
    from programme.checkin.models import CheckIn

    print(CheckIn.objects.filter(venue__edition__year=YEAR).count())


def django_run(database_url: str, function: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench.checkin", f"--{function}"],
        env=environment(database_url),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(database_url: str, workers: int, log: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")), "portal.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "60",
            # %(D)s: the time the worker spent on the request, in microseconds.
            "--access-logfile", str(log), "--access-logformat", "%(m)s %(U)s %(s)s %(D)s",
        ],
        env=environment(database_url),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server, port
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def plan(badges: list[str], seconds: int, rate: int, seed: int) -> list[list[dict]]:
    """Each door's scans, in order. Doors of one venue share its queue of people."""
    rng = random.Random(seed)
    per_door = seconds * rate // len(DOORS)
    queues = {"A": list(badges), "B": list(badges)}
    for queue in queues.values():
        rng.shuffle(queue)
    doors: list[list[dict]] = [[] for _ in DOORS]
    for step in range(per_door):
        twin_badge = None
        for index, (venue, door) in enumerate(DOORS):
            done = doors[index]
            roll = rng.random()
            if door == 1 and twin_badge is not None and roll < 0.10:
                # The same badge at both doors of the venue, at the same moment.
                badge = twin_badge
            elif done and roll < 0.15:
                badge = rng.choice(done)["token"]  # scanned again at the same venue
            elif done and roll < 0.20:
                doors[index].append({**rng.choice(done), "replay": True})  # an offline replay
                continue
            else:
                badge = queues[venue].pop()
            if door == 0:
                twin_badge = badge
            done.append({"token": badge, "venue": venue, "client_id": str(uuid.uuid4())})
        del step
    return doors


def run_doors(port, setup, doors, rate, csrf) -> tuple[list[float], list[dict], int]:
    interval = len(DOORS) / rate
    latencies: list[float] = []
    answers: list[dict] = []
    errors = 0
    lock = threading.Lock()
    path = f"/en/week/{YEAR}/staff/check-in/scan/"
    cookie = f"sessionid={setup['session']}; csrftoken={csrf}"
    start = time.monotonic() + 0.5

    def door(scans: list[dict]) -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for n, scan in enumerate(scans):
            delay = start + n * interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            body = urlencode(
                {
                    "venue": setup["venues"][scan["venue"]], "day": setup["day"],
                    "client_id": scan["client_id"], "token": scan["token"],
                }
            )  # fmt: skip
            headers = {
                "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
                "Cookie": cookie, "X-CSRFToken": csrf, "Host": "127.0.0.1",
            }  # fmt: skip
            began = time.perf_counter()
            try:
                conn.request("POST", path, body, headers)
                response = conn.getresponse()
                payload = response.read()
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                with lock:
                    errors += 1
                continue
            took = time.perf_counter() - began
            with lock:
                latencies.append(took)
                if response.status != 200:
                    errors += 1
                else:
                    answers.append({**scan, **json.loads(payload)})
        conn.close()

    def baseline() -> None:
        # A view that does nothing, beside the doors: what any request costs on this machine now.
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for n in range(len(doors[0])):
            delay = start + n * interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            conn.request("GET", "/bench/trivial", headers={"Host": "127.0.0.1"})
            conn.getresponse().read()
        conn.close()

    threads = [threading.Thread(target=door, args=(scans,)) for scans in doors]
    threads.append(threading.Thread(target=baseline))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, answers, errors


def csrf_token(port: int, setup: dict) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        "GET",
        f"/en/week/{YEAR}/staff/check-in/",
        headers={"Cookie": f"sessionid={setup['session']}", "Host": "127.0.0.1"},
    )
    response = conn.getresponse()
    response.read()
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith("csrftoken="):
            return value.split(";", 1)[0].split("=", 1)[1]
    raise RuntimeError(f"no CSRF cookie (status {response.status}): is the session staff?")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--rate", type=int, default=20, help="scans a second, all doors")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--populate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--count", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate:
        print(json.dumps(populate()))
        return
    if args.count:
        count_rows()
        return
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DB)
    if not database_url.startswith("postgres"):
        raise SystemExit("The check-in benchmark runs on PostgreSQL: set DATABASE_URL.")
    ensure_database(database_url)
    env = environment(database_url)
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v", "0"],
        env=env,
        check=True,
    )
    setup = json.loads(django_run(database_url, "populate"))
    doors = plan(setup["badges"], args.seconds, args.rate, args.seed)
    log = ROOT / "var" / "bench-checkin-access.log"
    log.parent.mkdir(exist_ok=True)
    log.write_text("")
    server, port = start_server(database_url, args.workers, log)
    try:
        csrf = csrf_token(port, setup)
        began = time.monotonic()
        latencies, answers, errors = run_doors(port, setup, doors, args.rate, csrf)
        elapsed = time.monotonic() - began
    finally:
        server.terminate()
        server.wait(timeout=30)
    server_ms = [
        int(line.split()[3]) / 1000 / 1000
        for line in log.read_text().splitlines()
        if line.startswith("POST ") and line.split()[2] == "200"
    ]
    trivial_ms = [
        int(line.split()[3]) / 1000 / 1000
        for line in log.read_text().splitlines()
        if line.startswith("GET /bench/trivial ")
    ]
    scans = [scan for door in doors for scan in door]
    distinct = {(s["token"], s["venue"]) for s in scans}
    recorded = int(django_run(database_url, "count"))
    statuses: dict[str, int] = {}
    for answer in answers:
        statuses[answer["status"]] = statuses.get(answer["status"], 0) + 1
    # A replay is told what the scan it repeats was told (the rows do not change).
    first_answer: dict[str, str] = {}
    for answer in answers:
        if not answer.get("replay"):
            first_answer.setdefault(answer["client_id"], answer["status"])
    replays = [a for a in answers if a.get("replay")]
    replays_same = sum(1 for a in replays if first_answer.get(a["client_id"]) == a["status"])
    print(
        f"{len(scans)} scans from {len(DOORS)} doors in {elapsed:.1f} s "
        f"({len(scans) / elapsed:.1f}/s), gunicorn {args.workers} sync workers, "
        f"errors {errors}"
    )
    print(
        f"server time per check-in (gunicorn %(D)s): p50 {pct(server_ms, 0.5):.1f} ms, "
        f"p95 {pct(server_ms, 0.95):.1f} ms, max {max(server_ms) * 1000:.1f} ms"
    )
    print(
        f"baseline, a view that does nothing, same run: p50 {pct(trivial_ms, 0.5):.1f} ms, "
        f"p95 {pct(trivial_ms, 0.95):.1f} ms"
    )
    print(
        f"round trip on loopback: p50 {pct(latencies, 0.5):.1f} ms, "
        f"p95 {pct(latencies, 0.95):.1f} ms"
    )
    print(f"answers: {dict(sorted(statuses.items()))}; replays answered as their "
          f"original: {replays_same} of {len(replays)}")  # fmt: skip
    verdict = "OK" if recorded == len(distinct) and errors == 0 else "MISMATCH"
    print(f"recorded {recorded} check-ins for {len(distinct)} distinct (badge, venue): {verdict}")
    if verdict != "OK":
        raise SystemExit(1)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
