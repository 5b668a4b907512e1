"""The public partner directory: search, filters, sorting, pagination, constant queries."""

import datetime as dt

import pytest
from django.core.management import call_command

from portal.core.content import ORGANISATIONS
from tests.core.factories import CooperationProfileFactory
from tests.factories import CityFactory, OrganisationFactory, ThematicAreaFactory


def names(response) -> list[str]:
    return [org.name for org in response.context["page"]]


@pytest.fixture
def orgs(db) -> dict:
    naples = CityFactory(slug="naples", name_en="Naples", name_it="Napoli", country="IT")
    beijing = CityFactory(
        slug="beijing", name_en="Beijing", country="CN", time_zone="Asia/Shanghai"
    )
    health = ThematicAreaFactory(slug="health", name_en="Health")
    aerospace = ThematicAreaFactory(slug="aerospace", name_en="Aerospace")
    federico = OrganisationFactory(
        name_en="University of Naples Federico II",
        name_it="Università degli Studi di Napoli Federico II",
        kind="university", country="IT", city=naples, acronym="UNINA",
        description_en="Engineering and medicine.",
    )  # fmt: skip
    bmstc = OrganisationFactory(
        name_en="Beijing Municipal Science & Technology Commission",
        name_zh_hans="北京市科学技术委员会",
        native_name="北京市科学技术委员会",
        kind="public_body", country="CN", city=beijing,
        description_it="Politica industriale della capitale.",
    )  # fmt: skip
    startup = OrganisationFactory(name_en="Aerobotics", kind="startup", country="IT", city=naples)
    federico.areas.set([health])
    startup.areas.set([aerospace])
    OrganisationFactory(name_en="Pending Lab", status="pending", country="IT", city=naples)
    OrganisationFactory(name_en="Rejected Lab", status="rejected", country="IT", city=naples)
    return {"federico": federico, "bmstc": bmstc, "startup": startup}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Aerobotics", "Beijing Municipal Science & Technology Commission",
              "University of Naples Federico II"]),
        ("q=naples", ["University of Naples Federico II"]),
        ("q=Napoli", ["University of Naples Federico II"]),  # Italian name
        ("q=北京市科学", ["Beijing Municipal Science & Technology Commission"]),  # native name
        ("q=unina", ["University of Naples Federico II"]),  # acronym
        ("q=medicine", ["University of Naples Federico II"]),  # English description
        ("q=industriale", ["Beijing Municipal Science & Technology Commission"]),  # Italian
        ("country=CN", ["Beijing Municipal Science & Technology Commission"]),
        ("kind=startup", ["Aerobotics"]),
        ("area=health", ["University of Naples Federico II"]),
        ("city=naples", ["Aerobotics", "University of Naples Federico II"]),
        ("city=naples&kind=university&area=health&country=IT&q=federico",
         ["University of Naples Federico II"]),
        ("q=pending", []),
        ("country=FR", []),
    ],
)  # fmt: skip
def test_directory_filters(client, orgs, query: str, expected: list[str]) -> None:
    response = client.get(f"/en/partners/?{query}")
    assert response.status_code == 200
    assert names(response) == expected
    assert response.context["page"].paginator.count == len(expected)


@pytest.mark.parametrize("country", ["ZZ", "²", "³"])  # "²" passes str.isdigit(): no ISO code
def test_unknown_country_is_a_form_error_not_a_server_error(client, orgs, country: str) -> None:
    response = client.get("/en/partners/", {"country": country})
    assert response.status_code == 200
    assert "country" in response.context["filter"].form.errors
    assert response.context["page"].paginator.count == 3


def test_search_finds_cooperation_profile_keywords(client, orgs) -> None:
    CooperationProfileFactory(organisation=orgs["startup"], keywords="drones, lidar")
    CooperationProfileFactory(organisation=orgs["startup"], keywords="lidar mapping")
    CooperationProfileFactory(
        organisation=orgs["bmstc"],
        keywords="lidar",
        expires_on=dt.date.today() - dt.timedelta(days=1),
    )
    assert names(client.get("/en/partners/?q=lidar")) == ["Aerobotics"]


def test_result_count_is_shown(client, orgs) -> None:
    page = client.get("/en/partners/?city=naples").content.decode()
    assert "2 organisations" in page
    page = client.get("/it/partners/?country=CN").content.decode()
    assert "1 organizzazione" in page


def test_filters_are_kept_in_the_form_and_the_pagination(client, db) -> None:
    city = CityFactory(slug="naples")
    for number in range(30):
        OrganisationFactory(name_en=f"Lab {number:02}", city=city)
    response = client.get("/en/partners/?city=naples&page=2")
    assert names(response) == [f"Lab {n:02}" for n in range(24, 30)]
    page = response.content.decode()
    assert 'href="?city=naples&amp;page=1" rel="prev"' in page
    assert '<option value="naples" selected>' in page


@pytest.mark.parametrize("sort", ["name", "newest", "country"])
def test_sorting(client, orgs, sort: str) -> None:
    expected = {
        "name": ["Aerobotics", "Beijing Municipal Science & Technology Commission",
                 "University of Naples Federico II"],
        "newest": ["University of Naples Federico II",
                   "Beijing Municipal Science & Technology Commission", "Aerobotics"],
        "country": ["Beijing Municipal Science & Technology Commission", "Aerobotics",
                    "University of Naples Federico II"],
    }  # fmt: skip
    ordered = sorted(orgs.values(), key=lambda o: o.pk)
    for day, org in enumerate(reversed(ordered)):
        type(org).objects.filter(pk=org.pk).update(
            created_at=dt.datetime(2030, 1, 1 + day, tzinfo=dt.UTC)
        )
    assert names(client.get(f"/en/partners/?sort={sort}")) == expected[sort]


def test_names_sort_in_the_page_language(client, orgs) -> None:
    assert names(client.get("/it/partners/?country=IT")) == [
        "Aerobotics",
        "Università degli Studi di Napoli Federico II",
    ]


@pytest.mark.parametrize(
    "query",
    [
        "country=XX", "kind=spaceship", "area=nope", "city=atlantis", "sort=evil", "page=999",
        "page=-1", "page=abc", "q=" + "x" * 500, "q=%00", "q=<script>alert(1)</script>",
        "area[]=x", "country=CN&country=IT",
    ],
)  # fmt: skip
def test_bad_parameters_never_give_an_error(client, orgs, query: str) -> None:
    response = client.get(f"/en/partners/?{query}")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_names_are_escaped(client, db) -> None:
    OrganisationFactory(name_en="<b>Bold</b> & Co", description_en="<script>x()</script>")
    page = client.get("/en/partners/").content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; Co" in page
    assert "<b>Bold</b>" not in page


@pytest.mark.parametrize("rows", [1, 30])
def test_directory_query_count_is_constant(client, django_assert_num_queries, db, rows) -> None:
    city = CityFactory(slug="naples")
    area = ThematicAreaFactory(slug="health")
    for _ in range(rows):
        OrganisationFactory(city=city).areas.add(area)
    # countries present, area choices, city choices, the count, the page
    with django_assert_num_queries(5):
        assert client.get("/en/partners/").status_code == 200
    # + the area and city looked up by slug to validate the filters
    with django_assert_num_queries(7):
        assert client.get("/en/partners/?area=health&city=naples&q=org").status_code == 200


def test_the_seeds_organisations_are_in_the_directory(client, db) -> None:
    call_command("load_content", verbosity=0)
    response = client.get("/en/partners/")
    assert response.context["page"].paginator.count == len(ORGANISATIONS)
    assert names(client.get("/en/partners/?q=北京市科学技术委员会")) == [
        "Beijing Municipal Science & Technology Commission"
    ]
    assert names(client.get("/en/partners/?country=IT&city=naples&kind=university")) == [
        "University of Naples Federico II"
    ]
