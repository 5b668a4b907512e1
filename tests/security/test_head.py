"""HEAD answers wherever GET does: monitoring and link checkers ask with HEAD."""

import pytest
from django.core.management import call_command

from tests.factories import UserFactory
from tests.security.test_headers import PATHS

# Pages a link checker finds on the public site once the seeds' content is loaded.
PUBLIC = [
    "/healthz",
    "/en/",
    "/en/figures/",
    "/en/partners/",
    "/en/cooperation/",
    "/en/week/",
    "/en/week/2016/",
    "/en/week/2016/programme/",
    "/en/missions/",
    "/en/agreements/",
    "/it/partners/",
    "/zh-hans/missions/",
]


@pytest.fixture
def content(db) -> None:
    call_command("load_content", verbosity=0)


def _statuses(client, paths: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    gets = {path: client.get(path).status_code for path in paths}
    heads = {path: client.head(path).status_code for path in paths}
    return gets, heads


def _refused_head(gets: dict[str, int], heads: dict[str, int]) -> dict[str, tuple[int, int]]:
    # Not head == get: the admin's login page redirects a signed-in GET only (Django's choice).
    return {p: (gets[p], heads[p]) for p in gets if heads[p] == 405 and gets[p] != 405}


def test_head_answers_200_on_public_pages(client, content) -> None:
    gets, heads = _statuses(client, PUBLIC)
    assert gets == dict.fromkeys(PUBLIC, 200)
    assert heads == dict.fromkeys(PUBLIC, 200)
    assert client.head("/en/partners/").content == b""


def test_head_answers_as_get_on_every_url(client, content) -> None:
    gets, heads = _statuses(client, PATHS)
    assert _refused_head(gets, heads) == {}
    # The walk reaches real pages, not only 404s and redirects.
    assert sum(1 for s in gets.values() if s == 200) >= 10


def test_head_answers_as_get_on_every_url_for_staff(client, content) -> None:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    gets, heads = _statuses(client, PATHS)
    assert _refused_head(gets, heads) == {}
