"""The figures page: reported and live figures, SVG charts with tables, CSV for staff."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command

from agreements import services
from agreements.services import PartyData
from portal.shell import figures
from portal.shell.charts import bar_chart
from programme.models import Registration
from tests.factories import (
    AgreementFactory,
    EditionFactory,
    OrganisationFactory,
    ThematicAreaFactory,
    UserFactory,
)
from tests.matchmaking.factories import accepted, participant


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def content(db) -> None:
    call_command("load_content", verbosity=0)


def table(response, slug: str) -> list[tuple[str, list]]:
    for block in [*response.context["overall"], *response.context["edition"].tables]:
        if block.slug == slug:
            return block.rows
    raise AssertionError(slug)


def test_figures_show_2016_as_reported_beside_live_counts(client, content) -> None:
    response = client.get("/en/figures/?edition=2016")
    assert response.status_code == 200
    assert table(response, "2016-participants-by-country") == [
        ("Italy", [1500, 0]),
        ("China", [650, 0]),
        ("Other countries", [None, 0]),
        ("All", [2000, 0]),
    ]
    assert ("2016", [10, 1]) in table(response, "agreements-by-edition")
    assert table(response, "projects-reported") == [("2016", [80])]
    assert ("China", [1]) in table(response, "projects-by-country")
    assert table(response, "2016-b2b") == [
        ("Meetings requested", [None, 0]),
        ("Meetings scheduled", [600, 0]),
        ("Meetings held", [None, 0]),
    ]
    page = response.content.decode()
    assert '<th scope="col">Participants (reported)</th>' in page
    assert '<th scope="col">Participants (registered, live)</th>' in page
    assert "The B2B meetings of the portal are not available yet" not in page


def test_figures_charts_are_described_images_without_inline_style(client, content) -> None:
    page = client.get("/en/figures/?edition=2016").content.decode()
    charts = re.findall(r'<div class="chart" [^>]*>', page)
    assert len(charts) == 12
    assert all(
        'role="img"' in c and "aria-labelledby" in c and "aria-describedby" in c for c in charts
    )
    assert "style=" not in page
    # Each drawn chart keeps its numbers in a table, folded away: not shown twice.
    assert page.count('<details class="figure-table">') == 12
    assert page.count('<table class="data">') == 12
    # The two tables with nothing recorded yet say so instead of drawing zeros.
    assert page.count('<p class="chart-empty">No data yet.</p>') == 2


def test_a_series_without_data_is_named_not_drawn(client, content) -> None:
    page = client.get("/en/figures/?edition=2016").content.decode()
    block = page.split('id="2016-participants-by-country-heading"')[1].split("</section>")[0]
    assert (
        '<p class="meta chart-missing">Participants (registered, live): no data yet.</p>' in block
    )
    assert block.count('class="chart-bar"') == 4
    assert '<span class="chart-value">1,500</span>' in block


def test_figures_count_live_participants_by_country_and_kind(client, db) -> None:
    edition = EditionFactory(year=2016, ordinal=7, reported_participants=2000)
    cn = OrganisationFactory(country="CN", kind="enterprise")
    it = OrganisationFactory(country="IT", kind="university")
    for org, status in [(cn, "confirmed"), (cn, "pending"), (it, "confirmed"), (it, "cancelled")]:
        Registration.objects.create(
            edition=edition, person=UserFactory(), organisation=org, status=status
        )
    response = client.get("/en/figures/")
    assert table(response, "2016-participants-by-country")[:2] == [
        ("Italy", [None, 1]),
        ("China", [None, 2]),
    ]
    by_kind = dict(table(response, "2016-participants-by-kind"))
    assert (by_kind["University"], by_kind["Enterprise"]) == ([1], [2])


def test_figures_count_agreements_by_kind_and_area(client, db) -> None:
    edition = EditionFactory(year=2016, ordinal=7)
    health = ThematicAreaFactory(name_en="Health")
    AgreementFactory(edition=edition, signed_on=None, kind="mou").areas.add(health)
    AgreementFactory(edition=edition, signed_on=None, kind="mou")
    AgreementFactory(kind="licensing", signed_on=dt.date(2015, 5, 1), visibility="parties")
    response = client.get("/en/figures/?edition=2016")
    assert dict(table(response, "2016-agreements-by-kind"))["Memorandum of understanding"] == [2]
    assert dict(table(response, "2016-agreements-by-area"))["Health"] == [1]
    assert table(response, "agreements-by-year") == [("2015", [1]), ("2016", [2])]
    assert dict(table(response, "agreements-by-kind"))["Licensing"] == [1]


def test_figures_run_a_constant_number_of_queries(client, db, django_assert_num_queries):
    EditionFactory()
    AgreementFactory()
    # editions, registrations, agreements, thematic areas, agreement areas, projects, and
    # B2B requests, meetings, agreements from meetings, check-ins, and the demonstration
    # editions (whose check-ins are shown apart).
    with django_assert_num_queries(11):
        client.get("/en/figures/")
    cache.clear()
    for _ in range(5):
        edition = EditionFactory()
        AgreementFactory().areas.add(ThematicAreaFactory())
        accepted(participant(edition), participant(edition, country="CN"))
    with django_assert_num_queries(11):
        client.get("/en/figures/")
    # Then from the cache.
    with django_assert_num_queries(0):
        client.get("/en/figures/")


def test_figures_cache_is_cleared_when_an_agreement_is_recorded(
    client, db, django_capture_on_commit_callbacks
) -> None:
    edition = EditionFactory(year=2016, ordinal=7)
    assert ("2016", [None, 0]) in table(client.get("/en/figures/"), "agreements-by-edition")
    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_record(
            title_en="New",
            kind="mou",
            parties=[PartyData(organisation=OrganisationFactory()) for _ in range(2)],
            signed_on=None,
            edition=edition,
        )
    assert ("2016", [None, 1]) in table(client.get("/en/figures/"), "agreements-by-edition")


def test_b2b_counts_read_the_live_requests(db) -> None:
    edition = EditionFactory()
    requester, recipient = participant(edition), participant(edition, country="CN")
    accepted(requester, recipient)
    assert figures.b2b_counts() == {
        edition.pk: {
            "requested": 1,
            "accepted": 1,
            "scheduled": 0,
            "held": 0,
            "expected": 0,
            "agreements": 0,
        }
    }


def test_figures_csv_for_staff(client, content) -> None:
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/en/figures/2016-participants-by-country.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="ponte-2016-participants-by-country.csv"'
    )
    assert response.content.decode().splitlines() == [
        "Country,Participants (reported),Participants (registered, live)".replace(
            "Participants (registered, live)", '"Participants (registered, live)"'
        ),
        "Italy,1500,0",
        "China,650,0",
        "Other countries,,0",
        "All,2000,0",
    ]
    assert client.get("/en/figures/nothing.csv").status_code == 404


def test_figures_page_links_every_table_to_csv_for_staff_only(client, content) -> None:
    assert ".csv" not in client.get("/en/figures/").content.decode()
    client.force_login(UserFactory(is_staff=True))
    page = client.get("/en/figures/").content.decode()
    assert page.count('.csv" download>') == 14


def test_figures_follow_the_language(client, content) -> None:
    page = client.get("/it/figures/?edition=2016").content.decode()
    assert "Italia" in page
    assert "<h1>Il programma in numeri</h1>" in page


def test_bar_chart_scales_to_the_largest_value() -> None:
    chart = bar_chart(
        id="c", title="T", desc="D", categories=["a", "b", "c"], series=[("s", [50, None, 20])]
    )
    assert [bar.width for group in chart.groups for bar in group.bars] == [100, 0, 40]
    assert [item.name for item in chart.legend] == ["s"]


def test_bar_chart_of_zeros_is_empty_and_draws_nothing() -> None:
    chart = bar_chart(
        id="c", title="T", desc="D", categories=["a", "b"], series=[("s", [0, None]), ("t", [0, 0])]
    )
    assert chart.empty
    assert chart.html() == ""


def test_funnel_puts_reported_and_live_side_by_side(client, content) -> None:
    response = client.get("/en/figures/?edition=2016")
    assert table(response, "2016-funnel") == [
        ("Meetings requested", [None, 0]),
        ("Meetings scheduled", [600, 0]),
        ("Meetings held", [None, 0]),
        ("Meetings where an agreement is expected", [None, 0]),
        ("Agreements from these meetings", [None, 0]),
        ("Agreements signed at the Week", [10, 1]),
    ]


def test_figures_csv_never_starts_a_cell_with_a_formula(client, db) -> None:
    ThematicAreaFactory(name_en="=HYPERLINK(1)")
    client.force_login(UserFactory(is_staff=True))
    lines = client.get("/en/figures/agreements-by-area.csv").content.decode().splitlines()
    assert lines[1] == "'=HYPERLINK(1),0"


def test_bar_chart_escapes_text_and_names_itself() -> None:
    chart = bar_chart(
        id="c",
        title="A & B",
        desc="<b>",
        categories=["<script>", "x"],
        series=[("one", [3, None]), ("two", [1, 2]), ("none", [None, None])],
    )
    html = chart.html()
    assert html.startswith('<div class="chart" role="img" aria-labelledby="c-title"')
    assert '<p id="c-title" class="visually-hidden">A &amp; B</p>' in html
    assert '<p id="c-desc" class="visually-hidden">&lt;b&gt;</p>' in html
    assert "&lt;script&gt;" in html
    assert "<script>" not in html
    assert '<span class="chart-value">–</span>' in html
    # The second series is hatched (class chart-s1), and both are named in the legend.
    assert 'class="chart-s1"' in html
    assert html.count("<li>") == 2
    assert "none: no data yet." in html
    assert "style=" not in html


def test_reported_participants_carry_the_sources_own_wording(client, content) -> None:
    # 1,500 + 650 is more than 2,000: the source says "over 2,000", and the page says so too.
    page = client.get("/en/figures/?edition=2016").content.decode()
    assert "“over 2,000 players (of which 1,500 Italians and 650 Chinese)”" in page
