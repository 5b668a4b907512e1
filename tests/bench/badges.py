"""Benchmark of badge printing (not a test): `python -m tests.bench.badges`.

Builds a throw-away test database (SQLite in memory, or `test_<name>` on PostgreSQL when
DATABASE_URL is set) holding one edition with 2,000 confirmed registrations (half of them with
a name and an organisation in Chinese characters), then: draws every badge code
(`badges_issue`), prints every badge as one PDF four to an A4 page (`sheets_pdf`, timed without
memory tracing), prints it again under tracemalloc for the peak of Python's heap, and asks the
staff page for the same PDF through Django's test client. The last line gives the process's
peak resident memory. Goal (issue 23): 2,000 badges in one PDF under 60 s and 500 MB.
"""

import argparse
import os
import random
import resource
import sys
import time
import tracemalloc

CN_FAMILY = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen")]
CN_GIVEN = [("伟", "Wei"), ("芳", "Fang"), ("敏", "Min"), ("静", "Jing"), ("磊", "Lei")]
IT_NAMES = ["Giulia Rossi", "Marco Bianchi", "Francesca Colombo", "Luca Ricci", "Chiara Marino"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--badges", type=int, default=2000)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        edition = build(args.badges)
        report(edition, args.badges)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


def build(count: int):
    import datetime as dt

    from portal.core.models import Organisation, User
    from programme.models import Edition, Registration

    rng = random.Random(23)
    edition = Edition.objects.create(
        year=2030,
        ordinal=21,
        host_country="CN",
        title_en="21st China–Italy Science, Technology & Innovation Week",
        start_date=dt.date(2030, 10, 25),
        end_date=dt.date(2030, 10, 27),
        time_zone="Asia/Shanghai",
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            slug=f"org-{i}",
            name_en=f"Organisation {i} for Advanced Manufacturing",
            native_name=f"先进制造研究院{i}" if i % 2 else "",
            kind=Organisation.Kind.RESEARCH,
            country="CN" if i % 2 else "IT",
            status=Organisation.Status.APPROVED,
        )
        for i in range(200)
    )
    people = []
    for i in range(count):
        if i % 2:
            (family, family_latin), (given, given_latin) = (
                rng.choice(CN_FAMILY),
                rng.choice(CN_GIVEN),
            )
            people.append(
                User(
                    email=f"p{i}@example.org",
                    full_name=f"{family_latin} {given_latin}",
                    native_name=family + given,
                )
            )
        else:
            people.append(User(email=f"p{i}@example.org", full_name=rng.choice(IT_NAMES)))
    people = User.objects.bulk_create(people)
    roles = [role for role, _label in Registration.Role.choices]
    Registration.objects.bulk_create(
        Registration(
            edition=edition,
            person=person,
            organisation=organisations[i % len(organisations)],
            role=roles[i % len(roles)],
            status=Registration.Status.CONFIRMED,
        )
        for i, person in enumerate(people)
    )
    return edition


def report(edition, count: int) -> None:
    from django.test import Client

    from programme.badges import pdf
    from programme.badges.services import badges_issue
    from programme.models import Registration
    from tests.factories import UserFactory, force_login_passing_second_factor

    def rows():
        return (
            Registration.objects.filter(edition=edition, status="confirmed")
            .select_related("person", "organisation", "edition")
            .order_by("organisation__name", "person__full_name", "pk")
            .iterator(chunk_size=500)
        )

    pdf.font()  # parsing the 5 MB font file once per process, as a server would
    table = []
    started = time.perf_counter()
    issued = badges_issue(edition=edition)
    table.append((f"draw the codes ({issued} new)", time.perf_counter() - started, None, None))

    started = time.perf_counter()
    data = pdf.sheets_pdf(rows(), language="en")
    table.append(("one PDF, four to a page", time.perf_counter() - started, None, len(data)))

    tracemalloc.start()
    data = pdf.sheets_pdf(rows(), language="zh-hans")
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    table.append(("the same in Chinese, under tracemalloc", None, peak, len(data)))

    client = Client()
    force_login_passing_second_factor(client, UserFactory(is_staff=True))
    started = time.perf_counter()
    response = client.get(f"/en/week/{edition.year}/staff/badges.pdf")
    assert response.status_code == 200, response.status_code
    table.append(
        ("staff page (test client)", time.perf_counter() - started, None, len(response.content))
    )

    print(f"\n{count:,} badges, {len(data) // 1024:,} KB PDF, {(count + 3) // 4} A4 pages")
    print(f"{'step':<42} {'seconds':>8} {'peak MB':>8} {'PDF MB':>7}")
    for step, seconds, peak, size in table:
        print(
            f"{step:<42} {_or_dash(seconds, '.2f'):>8} {_or_dash(peak and peak / 2**20, '.1f'):>8}"
            f" {_or_dash(size and size / 2**20, '.1f'):>7}"
        )
    # Linux reports ru_maxrss in KB.
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident memory (Django and the test database included): {maxrss:.0f} MB")


def _or_dash(value, spec: str) -> str:
    return "–" if value is None else format(value, spec)


if __name__ == "__main__":
    sys.exit(main())
