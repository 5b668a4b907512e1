"""The public pages of the Week: editions, an edition, its programme and sessions."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.management import call_command

from portal.core import content as portal_content
from portal.core.models import Organisation
from programme import demo
from programme.models import ProgrammeSession, Registration, StartupApplication
from tests.factories import (
    CityFactory,
    EditionCityFactory,
    EditionFactory,
    OrganisationFactory,
    ThematicAreaFactory,
)
from tests.programme.factories import (
    ProgrammeSessionFactory,
    RegistrationFactory,
    SpeakerFactory,
    StartupApplicationFactory,
    VenueFactory,
)


@pytest.fixture
def content(db) -> None:
    call_command("load_content", verbosity=0)


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2031, 1, 10, 12, tzinfo=dt.UTC), tick=False)
def test_editions_lists_upcoming_first_then_past(client) -> None:
    EditionFactory(year=2030, ordinal=30, title_en="Past one")
    EditionFactory(year=2032, ordinal=32, title_en="Later one")
    EditionFactory(year=2031, ordinal=31, title_en="Next one")
    EditionFactory(year=2029, ordinal=29, title_en="Older one")
    page = client.get("/en/week/").content.decode()
    order = [page.index(t) for t in ["Next one", "Later one", "Past one", "Older one"]]
    assert order == sorted(order)
    assert page.index("Coming editions") < page.index("Next one")
    assert page.index("Past editions") < page.index("Past one")


@pytest.mark.parametrize(
    ("prefix", "title", "cities"),
    [
        (
            "en",
            "7th China–Italy Science, Technology &amp; Innovation Week",
            ["Bergamo</strong> — Advanced manufacturing", "Bologna</strong> — Agrifood", "Naples"],
        ),
        (
            "it",
            "7ª Settimana Italia-Cina della Scienza, della Tecnologia e dell&#x27;Innovazione",
            [
                "Bergamo</strong> — Manifattura avanzata",
                "Bologna</strong> — Agroalimentare",
                "Napoli",
            ],
        ),
        (
            "zh-hans",
            "第七届中意科技创新合作周",
            ["贝加莫</strong> — 先进制造", "博洛尼亚</strong> — 农业食品", "那不勒斯"],
        ),
    ],
)
def test_edition_2016_shows_cities_and_focus_in_each_language(
    client, content, prefix: str, title: str, cities: list[str]
) -> None:
    page = client.get(f"/{prefix}/week/2016/").content.decode()
    assert f"<h1>{title}</h1>" in page
    for city in cities:
        assert city in page


@pytest.fixture
def demo_programme(db) -> None:
    portal_content.load()
    demo.load()


@pytest.mark.parametrize(
    ("prefix", "headings", "session"),
    [
        ("en", ["Bergamo — Advanced manufacturing", "Bologna — Agrifood", "Place to be confirmed"],
         "China–Italy Innovation Forum"),
        ("it",
         ["Bergamo — Manifattura avanzata", "Bologna — Agroalimentare", "Luogo da confermare"],
         "Forum Italia-Cina per l&#x27;innovazione"),
        ("zh-hans", ["贝加莫 — 先进制造", "博洛尼亚 — 农业食品", "地点待定"], "中意创新论坛"),
    ],
)  # fmt: skip
def test_programme_2016_shows_what_the_seeds_give_and_no_time(
    client, content, prefix: str, headings: list[str], session: str
) -> None:
    page = client.get(f"/{prefix}/week/2016/programme/").content.decode()
    positions = [page.index(f"<h3>{h}</h3>") for h in headings]
    assert positions == sorted(positions)
    assert session in page
    # No day, time or calendar file is offered where the sources give none.
    assert "<time" not in page
    assert "programme.ics" not in page


def test_programme_2016_says_day_and_time_are_to_be_confirmed(client, content) -> None:
    page = client.get("/en/week/2016/programme/").content.decode()
    assert "<h2>Day and time to be confirmed</h2>" in page
    assert page.count("Time to be confirmed") == 8
    assert "All times are" not in page


def test_programme_shows_times_in_the_editions_zone(client, demo_programme) -> None:
    page = client.get(f"/en/week/{demo.YEAR}/programme/").content.decode()
    assert "All times are Italy time." in page
    # The opening, 09:30 in Bergamo, is 08:30 UTC at the end of October.
    assert '<time datetime="2099-10-27T08:30:00+00:00">09:30 CET</time>' in page


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("day=2099-10-28", ["conference-agrifood", "seminars-agrifood", "b2b-bologna"]),
        ("city=bologna&kind=seminar", ["seminars-agrifood"]),
        ("area=agrifood", ["conference-agrifood", "seminars-agrifood", "b2b-bologna"]),
        ("day=2099-10-29&kind=signing", ["signing-ceremony"]),
        ("kind=visit", []),
    ],
)
def test_programme_filters(client, demo_programme, query: str, slugs: list[str]) -> None:
    response = client.get(f"/en/week/{demo.YEAR}/programme/?{query}")
    shown = [row["sessions"] for day in response.context["days"] for row in day["cities"]]
    assert [s.slug for group in shown for s in group] == slugs


@pytest.mark.parametrize("query", ["day=2016-13-45", "city=atlantis", "kind=party", "area=9"])
def test_programme_bad_filter_is_a_form_error_not_a_500(client, content, query: str) -> None:
    response = client.get(f"/en/week/2016/programme/?{query}")
    assert response.status_code == 200
    assert response.context["days"] == []
    assert "Select a valid choice." in response.content.decode()


def test_session_page_names_zone_speakers_and_linked_organisation(client, db) -> None:
    edition = EditionFactory(year=2033, ordinal=33, time_zone="Asia/Shanghai", host_country="CN")
    org = OrganisationFactory(slug="bmstc-test", name_en="BMSTC")
    session = ProgrammeSessionFactory(
        edition=edition,
        title_en="China–Italy Innovation Forum",
        start=dt.datetime(2033, 10, 25, 9, 0, tzinfo=edition.zone),
        end=dt.datetime(2033, 10, 25, 11, 0, tzinfo=edition.zone),
        venue=VenueFactory(edition=edition, name_en="Great Hall"),
        interpretation=True,
    )
    SpeakerFactory(session=session, name="Ma Lin", role_en="President", organisation=org)
    SpeakerFactory(session=session, name="Guest", organisation=None, organisation_name="Elsewhere")
    page = client.get(f"/en/week/2033/sessions/{session.pk}/").content.decode()
    assert "25 October 2033, 09:00 (China time, CST)" in page
    assert (
        '<strong>Ma Lin</strong>, President — <a href="/en/partners/bmstc-test/">BMSTC</a>' in page
    )
    assert "<strong>Guest</strong> — Elsewhere" in page
    assert "Great Hall" in page
    assert f'href="/en/week/2033/sessions/{session.pk}.ics"' in page


def test_edition_shows_live_counts_when_run_on_the_portal(client, db) -> None:
    edition = EditionFactory(year=2034, ordinal=34)
    italian = OrganisationFactory(country="IT")
    chinese = OrganisationFactory(country="CN")
    RegistrationFactory(edition=edition, organisation=italian, status=Registration.Status.CONFIRMED)
    RegistrationFactory(edition=edition, organisation=chinese, status=Registration.Status.CONFIRMED)
    RegistrationFactory(edition=edition, organisation=chinese, status=Registration.Status.CONFIRMED)
    RegistrationFactory(edition=edition, organisation=chinese)  # pending: not counted
    ProgrammeSessionFactory(edition=edition, kind=ProgrammeSession.Kind.SEMINAR)
    response = client.get("/en/week/2034/")
    assert response.context["figures"] == {
        "participants": 3, "italy": 1, "china": 2, "organisations": 2, "conferences": 0,
        "seminars": 1,
    }  # fmt: skip
    assert "Figures so far" in response.content.decode()


def test_edition_2016_shows_reported_figures(client, content) -> None:
    response = client.get("/en/week/2016/")
    page = response.content.decode()
    assert response.context["figures"] is None
    assert "<dd>2,000</dd>" in page
    assert "<dd>650</dd>" in page
    assert "<dd>27</dd>" in page


def test_edition_shows_only_shortlisted_startups(client, db) -> None:
    edition = EditionFactory(year=2035, ordinal=35)
    StartupApplicationFactory(
        edition=edition,
        organisation__name_en="Shortlisted Startup",
        status=StartupApplication.Status.SHORTLISTED,
    )
    StartupApplicationFactory(edition=edition, organisation__name_en="Waiting Startup")
    page = client.get("/en/week/2035/").content.decode()
    assert "Shortlisted Startup" in page
    assert "Waiting Startup" not in page
    assert Organisation.objects.filter(kind="startup").count() == 2


def _many_sessions(edition, count: int) -> None:
    cities = [CityFactory(), CityFactory()]
    areas = [ThematicAreaFactory() for _ in range(3)]
    for city in cities:
        EditionCityFactory(edition=edition, city=city, focus_en="Focus")
    for n in range(count):
        session = ProgrammeSessionFactory(
            edition=edition,
            city=cities[n % 2],
            venue=VenueFactory(edition=edition, city=cities[n % 2]),
            start=dt.datetime(edition.year, 10, 25 + n % 3, 9 + n % 5, tzinfo=edition.zone),
            end=dt.datetime(edition.year, 10, 25 + n % 3, 10 + n % 5, tzinfo=edition.zone),
        )
        session.areas.set(areas[: 1 + n % 3])
        for _ in range(1 + n % 3):
            SpeakerFactory(session=session)


@pytest.mark.parametrize("count", [1, 12])
def test_programme_page_query_count_is_constant(
    client, db, django_assert_num_queries, count: int
) -> None:
    edition = EditionFactory(year=2036, ordinal=36)
    _many_sessions(edition, count)
    # edition, its cities, sessions (with venue and city), their areas, their speakers (with
    # organisation), whether any session has a time (for the calendar link), then the
    # filter's city and area choices.
    with django_assert_num_queries(8):
        response = client.get("/en/week/2036/programme/")
    assert sum(len(c["sessions"]) for d in response.context["days"] for c in d["cities"]) == count


@pytest.mark.parametrize("count", [1, 9])
def test_edition_page_query_count_is_constant(
    client, db, django_assert_num_queries, count: int
) -> None:
    edition = EditionFactory(year=2037, ordinal=37)
    _many_sessions(edition, count)
    for _ in range(count):
        RegistrationFactory(edition=edition, status=Registration.Status.CONFIRMED)
        StartupApplicationFactory(edition=edition, status=StartupApplication.Status.SHORTLISTED)
    # edition, its cities, the two live counts, whether any session has a time (for the
    # calendar link), the shortlisted startups.
    with django_assert_num_queries(6):
        response = client.get("/en/week/2037/")
    assert len(response.context["startups"]) == count


def test_speaker_of_an_unlisted_organisation_is_not_linked(client, db) -> None:
    pending = OrganisationFactory(name_en="Hidden Lab", status=Organisation.Status.PENDING)
    session = SpeakerFactory(name="Someone", organisation=pending).session
    page = client.get(f"/en/week/{session.edition.year}/sessions/{session.pk}/").content.decode()
    assert "<strong>Someone</strong> — Hidden Lab" in page
    assert pending.get_absolute_url() not in page


@pytest.mark.parametrize(
    ("prefix", "dates"),
    [
        ("en", "25–27 October 2016"),
        ("it", "25–27 ottobre 2016"),
        ("zh-hans", "2016年10月25日至27日"),
    ],
)
def test_edition_dates_as_a_range_in_the_pages_language(client, content, prefix, dates) -> None:
    page = client.get(f"/{prefix}/week/2016/").content.decode()
    meta = re.search(r'<p class="meta">\s*(.*?)\s*·', page)
    assert meta and meta.group(1) == dates


@pytest.mark.parametrize(
    ("prefix", "opening", "closing"),
    [
        ("en", "Tuesday, 25 October 2016", "Thursday, 27 October 2016"),
        ("it", "martedì 25 ottobre 2016", "giovedì 27 ottobre 2016"),
        ("zh-hans", "2016年10月25日星期二", "2016年10月27日星期四"),
    ],
)
def test_edition_names_the_weekday_of_its_first_and_last_day(
    client, content, prefix, opening, closing
) -> None:
    page = client.get(f"/{prefix}/week/2016/").content.decode()
    days = re.findall(r'<time datetime="(2016-10-2\d)">([^<]+)</time>', page)
    assert days == [("2016-10-25", opening), ("2016-10-27", closing)]
