"""Benchmark of the figures page (not a test): `python -m tests.bench.figures`.

Builds a throw-away test database (SQLite in memory, or `test_<name>` on PostgreSQL when
DATABASE_URL is set) holding 10 editions, 1,000 agreements with parties and areas, 300
projects and 20,000 registrations, then renders /en/figures/ cold (cache cleared) and warm.
The 50,000 B2B meetings are generated only when the matchmaking models exist; on a branch
without them the B2B part is skipped and reported as such. Results: tests/bench/README-figures.md.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, default=10)
    parser.add_argument("--agreements", type=int, default=1000)
    parser.add_argument("--registrations", type=int, default=20000)
    parser.add_argument("--projects", type=int, default=300)
    parser.add_argument("--meetings", type=int, default=50000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        build(args)
        report(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


def build(args) -> None:
    from agreements.models import Agreement, Party, Project
    from portal.core.models import City, Organisation, ThematicArea, User
    from programme.models import Edition, Registration

    rng = random.Random(7)
    started = time.perf_counter()
    areas = ThematicArea.objects.bulk_create(
        ThematicArea(slug=f"area-{i}", name_en=f"Area {i}", order=i) for i in range(8)
    )
    city = City.objects.create(
        slug="naples", name_en="Naples", country="IT", time_zone="Europe/Rome"
    )
    kinds = [k for k, _label in Organisation.Kind.choices]
    orgs = Organisation.objects.bulk_create(
        Organisation(
            slug=f"org-{i}",
            name_en=f"Organisation {i}",
            kind=kinds[i % len(kinds)],
            country=rng.choice(["IT", "CN", "CN", "IT", "DE", "FR"]),
            city=city,
            status=Organisation.Status.APPROVED,
        )
        for i in range(400)
    )
    editions = Edition.objects.bulk_create(
        Edition(
            year=2010 + i,
            ordinal=1 + i,
            host_country="IT" if i % 2 else "CN",
            title_en=f"Edition {i + 1}",
            start_date=dt.date(2010 + i, 10, 25),
            end_date=dt.date(2010 + i, 10, 27),
            time_zone="Europe/Rome",
            reported_participants=1500 + 50 * i,
            reported_participants_italy=900 + 30 * i,
            reported_participants_china=600 + 20 * i,
            reported_b2b_meetings=400 + 20 * i,
            reported_agreements=10 + i,
            reported_projects=60 + 2 * i,
        )
        for i in range(args.editions)
    )
    users = User.objects.bulk_create(
        User(email=f"bench{i}@example.org", password="!") for i in range(args.registrations)
    )
    Registration.objects.bulk_create(
        Registration(
            edition=editions[i % len(editions)],
            person=user,
            organisation=orgs[i % len(orgs)],
            status=Registration.Status.CONFIRMED,
        )
        for i, user in enumerate(users)
    )
    agreement_kinds = [k for k, _label in Agreement.Kind.choices]
    agreements = Agreement.objects.bulk_create(
        Agreement(
            slug=f"agreement-{i}",
            title_en=f"Agreement {i}",
            kind=agreement_kinds[i % len(agreement_kinds)],
            edition=editions[i % len(editions)] if i % 3 else None,
            signed_on=dt.date(2010 + i % args.editions, 10, 26),
            visibility="parties" if i % 10 == 0 else "public",
        )
        for i in range(args.agreements)
    )
    Party.objects.bulk_create(
        Party(agreement=a, organisation=org, order=n)
        for a in agreements
        for n, org in enumerate(rng.sample(orgs, 2))
    )
    through = Agreement.areas.through
    through.objects.bulk_create(
        through(agreement=a, thematicarea=area) for a in agreements for area in rng.sample(areas, 2)
    )
    projects = Project.objects.bulk_create(
        Project(slug=f"project-{i}", title_en=f"Project {i}", country=rng.choice(["CN", "IT"]))
        for i in range(args.projects)
    )
    Project.agreements.through.objects.bulk_create(
        Project.agreements.through(project=p, agreement=agreements[i % len(agreements)])
        for i, p in enumerate(projects)
    )
    print(f"data built in {time.perf_counter() - started:.1f} s")


def report(args) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from portal.shell import figures

    client = Client()
    b2b = figures.b2b_counts()
    from django.conf import settings

    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"database: {connection.vendor}; cache: {backend}")
    if b2b is None:
        print(f"B2B meetings: skipped ({args.meetings:,} asked) - no matchmaking models here")
    cold, warm = [], []
    for _ in range(args.runs):
        cache.clear()
        t = time.perf_counter()
        response = client.get("/en/figures/")
        cold.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, response.status_code
        t = time.perf_counter()
        client.get("/en/figures/")
        warm.append((time.perf_counter() - t) * 1000)
    with CaptureQueriesContext(connection) as queries:
        t = time.perf_counter()
        figures.compute()
        took = (time.perf_counter() - t) * 1000
    print(f"figures.compute() alone: {took:.1f} ms, {len(queries)} queries")
    if os.environ.get("PROFILE"):
        import cProfile

        cProfile.runctx("figures.compute()", globals(), {"figures": figures}, sort="cumtime")
    for query in queries:
        print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:90]}")
    for name, times in (("cold", cold), ("warm (cached)", warm)):
        print(
            f"{name}: median {statistics.median(times):.1f} ms, "
            f"max {max(times):.1f} ms over {len(times)} runs"
        )


if __name__ == "__main__":
    sys.exit(main())
