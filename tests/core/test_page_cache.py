"""The whole-page cache's rules (portal.core.page_cache): what makes a key, what is never
stored, what a hit carries, and what a burst of misses costs."""

import re
import threading
import time

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from portal.core import page_cache
from tests.factories import EditionFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _states(client: Client, *paths: str) -> list[str]:
    return [client.get(path).get("X-Page-Cache", "") for path in paths]


@pytest.fixture
def fixed_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key's minute stays put, so that a hit is never a coincidence of the clock."""
    now = time.time()
    monkeypatch.setattr(page_cache.time, "time", lambda: now)


def test_unknown_parameters_make_no_key_of_their_own(client: Client, fixed_minute) -> None:
    OrganisationFactory()
    states = _states(
        client,
        "/en/partners/?kind=university",
        "/en/partners/?utm_source=mail&kind=university",
        "/en/partners/?kind=university&x=1&y=2",
    )
    assert states == ["stored", "hit", "hit"]


def test_the_view_sees_only_the_page_s_own_parameters(client: Client) -> None:
    OrganisationFactory()
    response = client.get("/en/partners/?zzz=<b>&kind=university&page=abc")
    assert response.wsgi_request.GET.dict() == {"kind": "university"}
    assert response.wsgi_request.META["QUERY_STRING"] == "kind=university"


def test_parameters_in_another_order_share_a_key(client: Client, fixed_minute) -> None:
    OrganisationFactory()
    assert _states(
        client,
        "/en/partners/?kind=university&sort=newest",
        "/en/partners/?sort=newest&kind=university",
    ) == ["stored", "hit"]


def test_huge_page_numbers_are_capped(client: Client, fixed_minute) -> None:
    OrganisationFactory()
    assert _states(
        client,
        f"/en/partners/?page={page_cache.PAGE_CAP}",
        "/en/partners/?page=99999999999999999999",
        "/en/partners/?page=123456789",
    ) == ["stored", "hit", "hit"]


def test_a_page_number_that_is_no_number_is_page_one(client: Client, fixed_minute) -> None:
    OrganisationFactory()
    assert _states(client, "/en/partners/", "/en/partners/?page=abc", "/en/partners/?page=-3") == [
        "stored",
        "hit",
        "hit",
    ]


def test_a_refused_filter_value_is_never_stored(client: Client, fixed_minute) -> None:
    OrganisationFactory()
    paths = ["/en/partners/?kind=bogus"] * 2 + ["/en/partners/?city=nowhere"] * 2
    assert _states(client, *paths) == ["miss"] * 4
    EditionFactory(year=2050)
    assert _states(client, *["/en/week/2050/programme/?day=1999-01-01"] * 2) == ["miss", "miss"]
    assert _states(client, *["/en/figures/?edition=1234"] * 2) == ["miss", "miss"]


def test_free_text_is_stored_on_its_second_request(client: Client, fixed_minute) -> None:
    OrganisationFactory(name_en="Robot Lab")
    states = _states(client, *["/en/partners/?q=robot"] * 3, "/en/partners/?q=%20robot%20%20")
    assert states == ["miss", "stored", "hit", "hit"]


def test_signed_in_people_are_never_served_nor_stored(client: Client, fixed_minute) -> None:
    OrganisationFactory()
    client.force_login(UserFactory())
    anonymous = Client()
    anonymous.get("/en/partners/")
    response = client.get("/en/partners/")
    assert "X-Page-Cache" not in response
    assert "My account" in response.content.decode()
    # Their page (with its CSRF token) was not stored for anyone else either.
    hit = anonymous.get("/en/partners/")
    assert hit["X-Page-Cache"] == "hit"
    assert "My account" not in hit.content.decode()
    assert "csrfmiddlewaretoken" not in hit.content.decode()


def test_a_visitor_with_a_message_waiting_is_not_served_from_the_cache(client: Client) -> None:
    OrganisationFactory()
    client.get("/en/partners/")
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get("/en/partners/")


def _middleware(monkeypatch: pytest.MonkeyPatch, view) -> page_cache.PageCacheMiddleware:
    spec = page_cache.PageSpec(tokens=["directory"], parameters=[], free_text=[])
    monkeypatch.setattr(page_cache, "_spec_for", lambda request, language: spec)
    return page_cache.PageCacheMiddleware(view)


def test_a_page_that_carries_the_csrf_token_is_never_stored(monkeypatch) -> None:
    def view(request):
        return HttpResponse(f"<input value='{get_token(request)}'>")

    middleware = _middleware(monkeypatch, view)
    states = [middleware(RequestFactory().get("/en/x/"))[page_cache.HEADER] for _ in range(2)]
    assert states == ["miss", "miss"]


def test_a_response_that_sets_a_cookie_is_never_stored(monkeypatch) -> None:
    def view(request):
        response = HttpResponse("hello")
        response.set_cookie("seen", "1")
        return response

    middleware = _middleware(monkeypatch, view)
    states = [middleware(RequestFactory().get("/en/x/"))[page_cache.HEADER] for _ in range(2)]
    assert states == ["miss", "miss"]


def test_only_200s_are_stored(monkeypatch) -> None:
    middleware = _middleware(monkeypatch, lambda request: HttpResponse("gone", status=410))
    states = [middleware(RequestFactory().get("/en/x/"))[page_cache.HEADER] for _ in range(2)]
    assert states == ["miss", "miss"]


@pytest.fixture
def atomic_cache(settings) -> None:
    """Redis (the first pass of .ci/run) as configured; the embedded default's file cache has no
    atomic add(), so its pass takes the in-memory one, which has (the lock needs it)."""
    if settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_a_burst_of_misses_renders_the_page_once(monkeypatch, atomic_cache, fixed_minute) -> None:
    rendered = []

    def view(request):
        rendered.append(1)
        time.sleep(0.3)  # a slow page: the others arrive while it renders
        return HttpResponse("the page")

    middleware = _middleware(monkeypatch, view)
    results: list[HttpResponse] = []
    threads = [
        threading.Thread(target=lambda: results.append(middleware(RequestFactory().get("/en/x/"))))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(rendered) == 1
    assert sorted(r[page_cache.HEADER] for r in results) == ["hit"] * 5 + ["stored"]
    assert {r.content for r in results} == {b"the page"}


def test_a_hit_keeps_the_language_and_vary_headers(client: Client) -> None:
    OrganisationFactory()
    client.get("/it/partners/")
    hit = client.get("/it/partners/")
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Content-Language"] == "it"
    assert "Cookie" in hit["Vary"]
    assert "Content-Security-Policy" in hit
    assert hit["X-Frame-Options"] == "DENY"


def test_a_hit_gets_a_fresh_csp_nonce(client: Client, fixed_minute) -> None:
    EditionFactory(year=2044)
    first = client.get("/en/week/2044/")
    hit = client.get("/en/week/2044/")
    assert hit["X-Page-Cache"] == "hit"

    def nonce(response):
        header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert f'nonce="{header}"' in response.content.decode()
        return header

    assert nonce(first) != nonce(hit)


def test_the_cache_down_still_serves_the_page(client: Client, monkeypatch) -> None:
    OrganisationFactory(name_en="Still Here")

    def down(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(page_cache.cache_versions, "tokens_and", down)
    monkeypatch.setattr(cache, "get", down)
    response = client.get("/en/partners/")
    assert response.status_code == 200
    assert "Still Here" in response.content.decode()


def _another_worker_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fill lock is taken, as while another worker renders the page."""
    add = cache.add
    monkeypatch.setattr(
        cache, "add", lambda key, *args, **kwargs: False if ":lock:" in key else add(key, *args)
    )
    monkeypatch.setattr(page_cache, "FILL_WAIT_SECONDS", 0.1)


def test_at_the_turn_of_a_minute_the_previous_copy_is_served_meanwhile(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    OrganisationFactory(name_en="Minute Lab")
    now = 60 * 29_000_000.0
    monkeypatch.setattr(page_cache.time, "time", lambda: now)
    assert client.get("/en/partners/")["X-Page-Cache"] == "stored"
    monkeypatch.setattr(page_cache.time, "time", lambda: now + 60)
    _another_worker_renders(monkeypatch)

    response = client.get("/en/partners/")

    assert response["X-Page-Cache"] == "previous-minute"
    assert "Minute Lab" in response.content.decode()


def test_after_a_change_the_previous_minute_s_copy_is_never_served(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = OrganisationFactory(name_en="Before Lab")
    now = 60 * 29_000_000.0
    monkeypatch.setattr(page_cache.time, "time", lambda: now)
    client.get("/en/partners/")
    org.name_en = "After Lab"
    org.save()
    monkeypatch.setattr(page_cache.time, "time", lambda: now + 60)
    _another_worker_renders(monkeypatch)

    response = client.get("/en/partners/")

    # It waited for the other worker, then rendered the page itself.
    assert response["X-Page-Cache"] in ("stored", "miss")
    assert "After Lab" in response.content.decode()
