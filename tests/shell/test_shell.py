"""The site shell: language prefixes, the language switcher, the home page."""

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import RequestFactory

from portal.shell.middleware import DatabaseUnavailableMiddleware
from programme.models import Edition
from tests.factories import EditionCityFactory, MissionFactory


@pytest.fixture
def content(db) -> None:
    call_command("load_content", verbosity=0)


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        ("it-IT,it;q=0.9", "/it/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("en-GB", "/en/"),
        ("fr", "/en/"),
    ],
)
@pytest.mark.django_db
def test_root_redirects_by_browser_language(client, accept: str, target: str) -> None:
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize(
    ("prefix", "heading", "naples", "html_lang"),
    [
        (
            "en",
            "A bridge between Italian and Chinese research, innovation and enterprise",
            "Naples",
            "en",
        ),
        ("it", "Un ponte tra ricerca, innovazione e impresa italiane e cinesi", "Napoli", "it"),
        ("zh-hans", "连接中意科研、创新与企业的桥梁", "那不勒斯", "zh-hans"),
    ],
)
def test_pages_follow_the_language(client, content, prefix, heading, naples, html_lang) -> None:
    home = client.get(f"/{prefix}/").content.decode()
    assert f'<html lang="{html_lang}">' in home
    assert heading in home
    edition = client.get(f"/{prefix}/week/2016/").content.decode()
    assert naples in edition


def test_language_switcher_links_to_the_same_page(client, content) -> None:
    page = client.get("/en/week/2016/").content.decode()
    assert 'href="/it/week/2016/" hreflang="it" lang="it"' in page
    assert 'href="/zh-hans/week/2016/" hreflang="zh-hans" lang="zh-hans"' in page
    assert 'href="/en/week/2016/" hreflang="en" lang="en" aria-current="true"' in page


def test_home_shows_edition_missions_and_figures(client, content) -> None:
    page = client.get("/en/").content.decode()
    assert "8th China–Italy Science, Technology &amp; Innovation Week" in page
    assert "Mission to Beijing" in page
    assert "<dd>2,000</dd>" in page
    assert "<dd>600</dd>" in page
    assert "<dd>80</dd>" in page


def test_home_runs_a_constant_number_of_queries(client, content, django_assert_num_queries):
    # Featured edition (2: none upcoming) with its cities (2), reported figures (1),
    # missions (1), counts (4).
    latest = Edition.objects.get(year=2017)
    EditionCityFactory(edition=latest)
    with django_assert_num_queries(10):
        client.get("/en/")
    MissionFactory.create_batch(5)
    EditionCityFactory.create_batch(4, edition=latest)
    with django_assert_num_queries(10):
        client.get("/en/")


def test_database_errors_become_a_plain_503_page() -> None:
    def view(request):
        raise OperationalError("connection refused")

    middleware = DatabaseUnavailableMiddleware(view)
    request = RequestFactory().get("/en/partners/")
    response = middleware.process_exception(request, OperationalError("connection refused"))
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert b"Ponte is briefly unavailable" in response.content
    assert b"Traceback" not in response.content


def test_server_error_handler_answers_503_while_the_database_is_down(rf) -> None:
    from portal.shell.views import server_error

    try:
        raise OperationalError("could not connect to server")
    except OperationalError:
        response = server_error(rf.get("/en/"))
    assert response.status_code == 503
    assert b"Ponte is briefly unavailable" in response.content


def test_server_error_handler_answers_500_otherwise(rf) -> None:
    from portal.shell.views import server_error

    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/en/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b"a bug" not in response.content


def test_organisation_page_lists_its_missions_and_agreements(client, content) -> None:
    page = client.get("/en/partners/citta-della-scienza/").content.decode()
    assert "Roadshow of the 2016 Week: Shenzhen, Shanghai, Chengdu, Chongqing" in page
    assert "Agreement setting up the China–Italy Technology Transfer Centre" in page
    chinese = client.get("/zh-hans/partners/cnr-dsctm/").content.decode()
    assert "中意智能生物材料联合实验室谅解备忘录" in chinese
