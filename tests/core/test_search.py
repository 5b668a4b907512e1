"""Search as people type it: accents and case ignored on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.core.models import CooperationProfile, Organisation
from portal.core.search import fold
from tests.core.factories import CooperationProfileFactory
from tests.factories import OrganisationFactory, UserFactory


def names(response) -> list[str]:
    return [org.name for org in response.context["page"]]


@pytest.fixture
def orgs(db) -> None:
    OrganisationFactory(name_en="Città della Scienza", native_name="Città della Scienza")
    OrganisationFactory(name_en="Università di Bologna", country="IT")
    OrganisationFactory(
        name_en="University of Naples Federico II",
        name_it="Università degli Studi di Napoli Federico II",
    )
    OrganisationFactory(
        name_en="Beijing Municipal Science & Technology Commission",
        native_name="北京市科学技术委员会",
    )
    OrganisationFactory(name_en="Aerobotics", description_en="Drones for the city.")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Università", "universita"),
        ("CITTÀ", "citta"),
        ("Ærø Straße", "aero strasse"),
        ("Łódź", "lodz"),
        ("北京市科学技术委员会", "北京市科学技术委员会"),
        ("", ""),
    ],
)
def test_fold_lowers_and_drops_accents(text: str, folded: str) -> None:
    assert fold(text) == folded


def _directory(client, query: str) -> list[str]:
    # Sorted here: the order of "Università" and "University" is the database's collation.
    return sorted(names(client.get("/en/partners/", {"q": query})))


def _same_rows_everywhere(client) -> None:
    assert _directory(client, "Citta della Scienza") == ["Città della Scienza"]
    assert _directory(client, "citta della scienza") == ["Città della Scienza"]
    # Federico II by its Italian name, "Università degli Studi di Napoli Federico II".
    universities = sorted(["Università di Bologna", "University of Naples Federico II"])
    assert _directory(client, "universita") == universities
    assert _directory(client, "Università") == universities
    assert _directory(client, "UNIVERSITÀ DEGLI") == ["University of Naples Federico II"]
    # Chinese substring search keeps working.
    assert _directory(client, "科学技术") == ["Beijing Municipal Science & Technology Commission"]
    # LIKE's own characters are searched as typed.
    assert _directory(client, "%") == []
    assert _directory(client, "_") == []


def test_directory_ignores_accents_and_case(client, orgs) -> None:
    _same_rows_everywhere(client)


@pytest.mark.postgres
def test_directory_ignores_accents_and_case_on_postgres(client, orgs) -> None:
    _same_rows_everywhere(client)


@pytest.mark.postgres
def test_postgres_searches_the_folded_trigram_index(orgs) -> None:
    with connection.cursor() as cursor:
        # On a table this small the planner may prefer any scan; with only bitmap scans left,
        # the one index that can answer '%citta%' on the folded name is the trigram index.
        for scan in ("seqscan", "indexscan", "indexonlyscan"):
            cursor.execute(f"SET LOCAL enable_{scan} = off")
        sql, params = (
            Organisation.objects.filter(name_en__folded="citta")
            .values("pk")
            .query.sql_with_params()
        )
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "organisation_name_en_folded_trgm" in plan


def test_offers_filter_ignores_accents_and_case(client, db) -> None:
    CooperationProfileFactory(
        title_en="Sensori per la qualità dell'aria", status=CooperationProfile.Status.APPROVED
    )
    CooperationProfileFactory(title_en="Robots", status=CooperationProfile.Status.APPROVED)
    response = client.get("/en/cooperation/", {"q": "QUALITA"})
    assert [p.title for p in response.context["page"]] == ["Sensori per la qualità dell'aria"]


@pytest.mark.parametrize("rows", [1, 30])
def test_search_query_count_is_constant(client, db, rows: int) -> None:
    for number in range(rows):
        OrganisationFactory(name_en=f"Università {number:02}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/partners/", {"q": "universita"})
    assert response.context["page"].paginator.count == rows
    # countries present, area choices, city choices, the count, the page
    assert len(queries) == 5


def test_staff_admin_search_ignores_accents(client, orgs) -> None:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/en/admin/portal/organisation/", {"q": "citta"})
    assert [o.name for o in response.context["cl"].result_list] == ["Città della Scienza"]
