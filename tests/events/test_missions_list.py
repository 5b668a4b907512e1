"""The public list of missions: upcoming and past, filtered by country, kind and year."""

import datetime as dt

import pytest
import time_machine

from events.models import Mission
from tests.factories import MissionFactory, StopFactory


def titles(items) -> list[str]:
    return [m.title for m in items]


@pytest.fixture
def three(db) -> None:
    MissionFactory(
        title_en="Roadshow 2016",
        start_date=dt.date(2016, 4, 16),
        end_date=dt.date(2016, 4, 29),
        countries=["CN"],
        kind=Mission.Kind.ROADSHOW,
    )
    MissionFactory(
        title_en="Beijing 2017",
        start_date=dt.date(2017, 1, 12),
        end_date=dt.date(2017, 1, 18),
        countries=["CN"],
        kind=Mission.Kind.INSTITUTIONAL,
    )
    MissionFactory(
        title_en="Rome 2017", start_date=dt.date(2017, 5, 2), end_date=dt.date(2017, 5, 4),
        countries=["IT"], kind=Mission.Kind.DELEGATION_VISIT,
    )  # fmt: skip


@time_machine.travel(dt.datetime(2017, 1, 15, 12, tzinfo=dt.UTC), tick=False)
def test_missions_splits_upcoming_and_past(client, three) -> None:
    response = client.get("/en/missions/")
    assert response.status_code == 200
    # Under way counts as upcoming, the soonest first; past missions the latest first.
    assert titles(response.context["upcoming"]) == ["Beijing 2017", "Rome 2017"]
    assert titles(response.context["page"]) == ["Roadshow 2016"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=CN", ["Beijing 2017", "Roadshow 2016"]),
        ("country=IT", ["Rome 2017"]),
        ("kind=roadshow", ["Roadshow 2016"]),
        ("year=2017", ["Rome 2017", "Beijing 2017"]),
        ("year=2017&country=CN", ["Beijing 2017"]),
        ("", ["Rome 2017", "Beijing 2017", "Roadshow 2016"]),
    ],
)
@time_machine.travel(dt.datetime(2020, 1, 1, tzinfo=dt.UTC), tick=False)
def test_missions_filters(client, three, query: str, expected: list[str]) -> None:
    response = client.get(f"/en/missions/?{query}")
    assert titles(response.context["page"]) == expected


def test_missions_filter_offers_only_countries_and_years_in_use(client, three) -> None:
    form = client.get("/en/missions/").context["filters"].form
    assert [c[0] for c in form.fields["country"].choices] == ["", "IT", "CN"]
    assert [c[0] for c in form.fields["year"].choices] == ["", 2017, 2016]


@pytest.mark.parametrize("query", ["year=abc", "country=ZZ", "kind=party", "page=x", "page=99"])
def test_missions_bad_filter_answers_in_the_page(client, three, query: str) -> None:
    response = client.get(f"/en/missions/?{query}")
    assert response.status_code == 200


def test_missions_bad_filter_shows_the_error_in_italian(client, three) -> None:
    response = client.get("/it/missions/?year=abc")
    assert "Scegli un&#x27;opzione valida" in response.content.decode()
    assert list(response.context["page"]) == []


def test_missions_card_shows_the_itinerary(client, db) -> None:
    mission = MissionFactory(start_date=dt.date(2016, 4, 1), end_date=dt.date(2016, 4, 9))
    StopFactory(mission=mission, city__name_en="Chengdu", order=2)
    StopFactory(mission=mission, city__name_en="Shanghai", order=1)
    assert "Shanghai → Chengdu" in client.get("/en/missions/").content.decode()


@pytest.mark.parametrize("count", [1, 6])
def test_missions_query_count_is_constant(
    client, db, django_assert_num_queries, count: int
) -> None:
    for n in range(count):
        StopFactory(
            mission=MissionFactory(start_date=dt.date(2015, 1, 1 + n), end_date=dt.date(2015, 2, 1))
        )
        StopFactory(
            mission=MissionFactory(start_date=dt.date(2099, 1, 1 + n), end_date=dt.date(2099, 2, 1))
        )
    # filter choices, upcoming, their stops, past count, past page, their stops
    with django_assert_num_queries(6):
        response = client.get("/en/missions/")
    assert len(response.context["page"]) == count
