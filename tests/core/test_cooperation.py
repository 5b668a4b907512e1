"""The public list of cooperation offers and requests."""

import datetime as dt

import pytest

from tests.core.factories import CooperationProfileFactory
from tests.factories import OrganisationFactory, ThematicAreaFactory


def titles(response) -> list[str]:
    return [profile.title for profile in response.context["page"]]


@pytest.fixture
def profiles(db) -> None:
    health = ThematicAreaFactory(slug="health")
    italian = OrganisationFactory(name_en="Robotics Lab", country="IT")
    chinese = OrganisationFactory(
        name_en="Sichuan University", native_name="四川大学", country="CN"
    )
    CooperationProfileFactory(
        organisation=italian, title_en="Surgical robots", kind="technology_offer",
        keywords="robotics, surgery",
    ).areas.add(health)  # fmt: skip
    CooperationProfileFactory(
        organisation=chinese, title_en="Biomaterials partner wanted", kind="research",
        title_zh_hans="寻求生物材料合作伙伴", keywords="biomaterials",
    )  # fmt: skip
    CooperationProfileFactory(organisation=italian, title_en="Pending", status="pending")
    CooperationProfileFactory(
        organisation=italian, title_en="Expired", expires_on=dt.date.today() - dt.timedelta(1)
    )
    CooperationProfileFactory(
        organisation=OrganisationFactory(status="pending"), title_en="Of a pending organisation"
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Biomaterials partner wanted", "Surgical robots"]),
        ("kind=research", ["Biomaterials partner wanted"]),
        ("area=health", ["Surgical robots"]),
        ("country=CN", ["Biomaterials partner wanted"]),
        ("q=surgery", ["Surgical robots"]),
        ("q=四川", ["Biomaterials partner wanted"]),
        ("q=生物材料", ["Biomaterials partner wanted"]),
        ("country=FR", []),
        ("kind=gift", ["Biomaterials partner wanted", "Surgical robots"]),
    ],
)
def test_cooperation_filters(client, profiles, query, expected) -> None:
    response = client.get(f"/en/cooperation/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize("rows", [1, 30])
def test_cooperation_query_count(client, db, django_assert_num_queries, rows) -> None:
    area = ThematicAreaFactory()
    for _ in range(rows):
        CooperationProfileFactory().areas.add(area)
    # area choices, the count, the page with organisations, their areas
    with django_assert_num_queries(4):
        assert client.get("/en/cooperation/").status_code == 200
