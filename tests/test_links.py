"""Every link a page shows opens for the person reading it: a crawl of the portal with its
shipped content and the sample B2B edition, as a visitor, a B2B delegate and staff, in the
three languages. A link to a page that refuses its reader (403) or does not exist (404) fails.
"""

import html
import re
from collections import deque
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from portal.core.models import User
from programme import demo
from tests.factories import UserFactory

HREF = re.compile(r'href="(/[^"#]*)')
# Django's admin is its own world; static files are not pages.
SKIP = ("/admin/", "/static/", "/media/")
HOMES = ["/en/", "/it/", "/zh-hans/"]


def page_kind(url: str) -> tuple[str, str, frozenset[str]]:
    # Pages of one route are alike: /partners/1/ tells what /partners/2/ would, and page 2
    # of a list what page 3 would. Two of each kind, per language, are visited.
    parts = urlsplit(url)
    try:
        route = resolve(parts.path).route
    except Resolver404:
        route = parts.path
    language = parts.path.split("/")[1]
    return language, route, frozenset(name for name, _ in parse_qsl(parts.query))


def crawl(
    client: Client,
    starts: list[str],
    pages: dict[str, str] | None = None,
    *,
    every_page: dict[str, str] | None = None,
) -> dict[str, int]:
    """The status of every kind of page reachable from `starts` by following links; the
    HTML of the demonstration edition's pages goes into `pages`, and of every page into
    `every_page`, when given."""
    status: dict[str, int] = {}
    kinds: dict[tuple, int] = {}
    queue = deque(starts)
    while queue:
        url = html.unescape(queue.popleft())
        if any(part in url for part in SKIP) or url in status:
            continue
        kind = page_kind(url)
        if kinds.get(kind, 0) >= 2:
            continue
        kinds[kind] = kinds.get(kind, 0) + 1
        response = client.get(url)
        status[url] = response.status_code
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            body = response.content.decode()
            queue.extend(HREF.findall(body))
            if pages is not None and f"/{demo.YEAR}/" in url:
                pages[url] = body
            if every_page is not None:
                every_page[url] = body
    return status


def refused(status: dict[str, int]) -> dict[str, int]:
    return {url: code for url, code in status.items() if code not in (200, 302)}


@pytest.mark.django_db
def test_no_link_leads_to_a_dead_or_refused_page() -> None:
    # One test for the three readers: the content takes seconds to load.
    call_command("load_content", "--demo", verbosity=0)
    visitor = Client()
    delegate = Client()
    delegate.force_login(User.objects.get(email="b2b.bast.1@example.org"))
    staff = Client()
    staff.force_login(UserFactory(is_staff=True, is_superuser=True))

    b2b = f"/en/b2b/{demo.YEAR}/"
    demo_pages: dict[str, str] = {}
    seen = {
        "visitor": crawl(visitor, HOMES, demo_pages),
        "delegate": crawl(delegate, [*HOMES, b2b], demo_pages),
        "staff": crawl(staff, [*HOMES, f"{b2b}staff/"], demo_pages),
    }

    # Staff have no organisation: the delegation pages tell them so (tests/programme).
    seen["staff"] = {url: code for url, code in seen["staff"].items() if "/delegation/" not in url}
    assert {who: refused(status) for who, status in seen.items()} == {
        "visitor": {},
        "delegate": {},
        "staff": {},
    }
    # The crawl reached the pages each reader has.
    assert len(seen["visitor"]) > 100
    assert f"{b2b}agenda/" in seen["delegate"]
    assert f"{b2b}staff/requests/" in seen["staff"]
    # Every page of the demonstration edition says that it is one (facts are facts).
    assert len(demo_pages) > 20
    assert [url for url, body in demo_pages.items() if "demo-notice" not in body] == []
