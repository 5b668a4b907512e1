"""Benchmark of every public page with 10,000 organisations, served by gunicorn.

    python -m tests.bench.directory [--organisations 10000] [--seconds 10] [--threads 8]
                                    [--workers 2] [--redis-url URL | --no-redis] [--write]

Creates (once) 10,000 organisations in a PostgreSQL database (`DATABASE_URL`, default
postgres://postgres@127.0.0.1:5432/ponte_bench_directory) with the programme's content and
the demonstration edition, starts gunicorn on loopback with the site's settings plus a trivial
view, the cache in Redis (`--redis-url`, default `REDIS_URL` or redis://127.0.0.1:6379/1; it
is flushed first), and measures requests per second and latency percentiles of every public
page as an anonymous visitor, then of the directory, the B2B catalogue and the agenda signed
in, each next to the trivial view measured in the same run, with a small threaded HTTP client.
`--write` puts the table in README-directory.md. Not a test: numbers depend on the machine.
"""

import argparse
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = Path(__file__).with_name("README-directory.md")
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/ponte_bench_directory"

TRIVIAL = "/bench/trivial"
# (label, path, signed in?)
SCENARIOS = [
    ("home", "/en/", False),
    ("the Week (editions)", "/en/week/", False),
    ("edition 2016", "/en/week/2016/", False),
    ("programme 2016", "/en/week/2016/programme/", False),
    ("missions list", "/en/missions/", False),
    ("mission page", "/en/missions/roadshow-2016-south-west-china/", False),
    ("directory, no filter (page 1)", "/en/partners/", False),
    ("directory, page 200", "/en/partners/?page=200", False),
    (
        "directory, country + kind + area",
        "/en/partners/?country=CN&kind=university&area=health",
        False,
    ),
    ("directory, city filter", "/en/partners/?city=naples", False),
    ("directory, text search `q=robot`", "/en/partners/?q=robot", False),
    ("directory, search + filters, sorted", "/en/partners/?q=lab&country=IT&sort=newest", False),
    ("organisation page", "/en/partners/bmstc/", False),
    ("agreements", "/en/agreements/", False),
    ("figures", "/en/figures/", False),
    ("signed in: directory", "/en/partners/", True),
    (
        "signed in: directory, filtered",
        "/en/partners/?country=CN&kind=university&area=health",
        True,
    ),
    ("signed in: B2B catalogue", "/en/b2b/2099/partners/", True),
    ("signed in: agenda", "/en/b2b/2099/agenda/", True),
]
# A delegate of the demonstration edition (matchmaking/demo.py).
SIGNED_IN_EMAIL = "b2b.bast.1@example.org"
DEFAULT_REDIS = "redis://127.0.0.1:6379/1"

WORDS = [
    "robot", "lab", "energy", "food", "health", "smart", "city", "aero", "space", "design",
    "materials", "water", "solar", "textile", "mobility", "data", "bio", "photonics",
]  # fmt: skip


def environment(database_url: str, redis_url: str = "") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CELERY_BROKER_URL", "REDIS_URL")}
    if redis_url:
        env["REDIS_URL"] = redis_url
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
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare(database_url: str, count: int) -> None:
    """Migrate, load the seeds, and create the benchmark's organisations once."""
    ensure_database(database_url)
    env = environment(database_url)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True)
    subprocess.run([*manage, "load_content", "--demo", "-v", "0"], env=env, check=True)
    subprocess.run(
        [sys.executable, "-m", "tests.bench.directory", "--populate", str(count)],
        env=env,
        check=True,
        cwd=ROOT,
    )


def populate(count: int) -> None:
    """Runs inside Django (called by `prepare` in a subprocess with the bench settings)."""
    import datetime as dt

    import django

    django.setup()
    from portal.core.models import City, CooperationProfile, Organisation, ThematicArea

    existing = Organisation.objects.filter(slug__startswith="bench-").count()
    if existing >= count:
        print(f"{existing} benchmark organisations already there.")
        return
    rng = random.Random(42)
    cities = list(City.objects.all())
    areas = list(ThematicArea.objects.all())
    kinds = Organisation.Kind.values
    countries = ["IT"] * 45 + ["CN"] * 45 + ["DE", "FR", "ES", "GB", "US", "JP", "KR", "NL"] * 1
    organisations = []
    for number in range(existing, count):
        city = rng.choice(cities)
        words = " ".join(rng.sample(WORDS, 2)).title()
        organisations.append(
            Organisation(
                slug=f"bench-{number}",
                name_en=f"{words} Organisation {number}",
                name_it=f"Organizzazione {words} {number}" if number % 2 else "",
                name_zh_hans=f"机构{number}" if number % 3 == 0 else "",
                native_name=f"机构{number}" if city.country.code == "CN" else "",
                acronym=f"B{number}",
                kind=rng.choice(kinds),
                country=city.country.code if number % 5 else rng.choice(countries),
                city=city,
                description_en="Benchmark organisation working on "
                + " and ".join(rng.sample(WORDS, 3)),
                status=Organisation.Status.APPROVED,
            )
        )
    Organisation.objects.bulk_create(organisations, batch_size=1000)
    created = Organisation.objects.filter(slug__startswith="bench-")
    through = Organisation.areas.through
    links = [
        through(organisation_id=org_id, thematicarea_id=area.pk)
        for org_id in created.values_list("pk", flat=True)
        for area in rng.sample(areas, 2)
    ]
    through.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
    expires = dt.date.today() + dt.timedelta(days=365)
    profiles = [
        CooperationProfile(
            organisation_id=org_id,
            kind=CooperationProfile.Kind.TECHNOLOGY_OFFER,
            title_en=f"Offer {org_id}",
            summary_en="Benchmark profile.",
            keywords=", ".join(rng.sample(WORDS, 3)),
            expires_on=expires,
            status=CooperationProfile.Status.APPROVED,
        )
        for org_id in created.values_list("pk", flat=True)[: count // 5]
    ]
    CooperationProfile.objects.bulk_create(profiles, batch_size=1000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would give a real site
    print(f"Created {len(organisations)} organisations, {len(profiles)} profiles.")


def signed_in_session() -> None:
    """Runs inside Django: prints the key of a session signed in as a demonstration delegate,
    as allauth's sign-in leaves it."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from portal.core.models import User

    user = User.objects.get(email=SIGNED_IN_EMAIL)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    print(session.session_key)


def session_cookie(database_url: str) -> str:
    found = subprocess.run(
        [sys.executable, "-m", "tests.bench.directory", "--session"],
        env=environment(database_url),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return f"sessionid={found.stdout.split()[-1]}"


def flush_redis(redis_url: str) -> None:
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(database_url: str, workers: int, redis_url: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
        ],
        env=environment(database_url, redis_url),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if get(port, "/healthz")[0] == 200:
                return server, port
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def get(port: int, path: str, cookie: str = "") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "127.0.0.1"}
    if cookie:
        headers["Cookie"] = cookie
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        GET_STATES[response.getheader("X-Page-Cache") or "none"] += 1
        return response.status, response.read()
    finally:
        conn.close()


# How the page cache answered (X-Page-Cache): hit, stored, miss, none (not a cached page).
GET_STATES: Counter[str] = Counter()


def measure(
    port: int, path: str, seconds: float, threads: int, cookie: str = "", warm: bool = True
) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker() -> None:
        nonlocal errors
        mine: list[float] = []
        failed = 0
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                status, _body = get(port, path, cookie)
            except OSError:
                status = 0
            if status == 200:
                mine.append(time.perf_counter() - started)
            else:
                failed += 1
        with lock:
            latencies.extend(mine)
            errors += failed

    for _ in range(3 if warm else 0):  # warm-up: every worker process imports and connects
        get(port, path, cookie)
    GET_STATES.clear()
    began = time.monotonic()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.monotonic() - began

    return summary(latencies, elapsed, errors, GET_STATES["hit"], sum(GET_STATES.values()))


def summary(latencies: list[float], elapsed: float, errors: int, hits: int, answers: int) -> dict:
    latencies = sorted(latencies)

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {
        "latencies": latencies,
        "elapsed": elapsed,
        "hit_count": hits,
        "answers": answers,
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": pct(0.95),
        "p99": pct(0.99),
        "errors": errors,
        "hits": 100 * hits / max(1, answers),
    }


def alternate(port: int, path: str, seconds: float, threads: int, cookie: str) -> tuple:
    """The page and the trivial view in turns of one second, for `seconds` each: on a shared
    machine the load moves within seconds, and both see the same moments."""
    trivial_runs, page_runs = [], []
    for _ in range(max(1, round(seconds))):
        trivial_runs.append(measure(port, TRIVIAL, 1.0, threads, warm=False))
        page_runs.append(measure(port, path, 1.0, threads, cookie, warm=False))

    def merged(runs: list[dict]) -> dict:
        return summary(
            [x for r in runs for x in r["latencies"]],
            sum(r["elapsed"] for r in runs),
            sum(r["errors"] for r in runs),
            sum(r["hit_count"] for r in runs),
            sum(r["answers"] for r in runs),
        )

    return merged(page_runs), merged(trivial_runs)


def results_count(port: int, path: str) -> str:
    body = get(port, path)[1].decode()
    found = re.search(r"([\d,]+) organisations?", body)
    return found.group(1) if found else "–"


def table(rows: list[tuple[str, str, str, dict, dict]]) -> str:
    lines = [
        "| page | URL | results | requests | req/s | trivial req/s | × trivial | cache hits "
        "| p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, path, count, r, trivial in rows:
        lines.append(
            f"| {label} | `{path}` | {count} | {r['requests']} | {r['rps']:.1f} | "
            f"{trivial['rps']:.1f} | {r['rps'] / trivial['rps']:.2f} | {r['hits']:.0f} % | "
            f"{r['p50']:.1f} | "
            f"{r['p95']:.1f} | {r['p99']:.1f} | {r['errors']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or DEFAULT_REDIS)
    parser.add_argument("--no-redis", action="store_true", help="the embedded file cache")
    parser.add_argument("--only", help="measure only the pages whose label contains this")
    parser.add_argument("--write", action="store_true", help="update README-directory.md")
    parser.add_argument("--populate", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--session", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate is not None:
        populate(args.populate)
        return
    if args.session:
        signed_in_session()
        return
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE
    if not database_url.startswith("postgres"):
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL=postgres://…")
    redis_url = "" if args.no_redis else args.redis_url
    prepare(database_url, args.organisations)
    cookie = session_cookie(database_url)
    if redis_url:
        flush_redis(redis_url)
    load_before = os.getloadavg()
    server, port = start_server(database_url, args.workers, redis_url)
    try:
        # Every worker loads its templates, translations and connections before any timing.
        for _label, path, signed_in in SCENARIOS:
            for _ in range(4 * args.workers):
                get(port, path, cookie if signed_in else "")
        rows = []
        for label, path, signed_in in SCENARIOS:
            if path == TRIVIAL or (args.only and args.only not in label):
                continue
            count = (
                results_count(port, path)
                if not signed_in and ("/partners/?" in path or path.endswith("/partners/"))
                else ""
            )
            result, trivial = alternate(
                port, path, args.seconds, args.threads, cookie if signed_in else ""
            )
            rows.append((label, path, count, result, trivial))
            print(
                f"{label:40} {result['rps']:8.1f} req/s  p95 {result['p95']:7.1f} ms  "
                f"trivial {trivial['rps']:8.1f} req/s  × {result['rps'] / trivial['rps']:.2f}  "
                f"hits {result['hits']:.0f} %",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
    load_after = os.getloadavg()
    header = (
        f"{args.organisations:,} organisations · gunicorn {args.workers} sync workers · "
        f"{args.threads} client threads · {args.seconds:g} s per page · {os.cpu_count()} CPUs · "
        f"cache: {'Redis' if redis_url else 'file (embedded default)'} · load average "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after"
    )
    output = f"{header}\n\n{table(rows)}\n"
    print("\n" + output)
    if args.write:
        text = README.read_text()
        start, end = "<!-- results -->", "<!-- /results -->"
        before, _old, after = text[: text.index(start) + len(start)], "", text[text.index(end) :]
        README.write_text(f"{before}\n{output}\n{after}")


if __name__ == "__main__":
    main()
