"""Whole public pages, cached for anonymous visitors and shared by every worker.

A view marked `@cached_page("directory", filters=OrganisationFilter, paged=True)` declares the
version tokens (portal.core.cache_versions) of what it shows and the query parameters it reads.
`PageCacheMiddleware`, near the top of the stack, answers a visitor without a session from the
cache when the page is there, before sessions, authentication, CSRF or the database are touched.

The key is the release (the code and templates deployed), the language, the address, the query
string reduced to the page's own parameters (sorted; a page number capped) and the current
minute; the entry records the tokens it was built under, read in the same round trip as the
entry itself, and is served only while they are all current. Freshness is exact: every change
bumps a token and the next request, on any worker, renders the page again. The minute is there
for what changes by itself with time (a registration window that closes, "upcoming" becoming
"past"); it also bounds how long an entry can live.

Never stored: anything for a request with a session or messages cookie, a response that sets a
cookie, used the CSRF token or a message, a status other than 200, a filter value the page's
form refused, and free text (`q`) before its second request within a few minutes, so random
searches cannot push the useful pages out of the cache.

On a miss, one worker renders the page while the others asking for it wait for its copy (a
short lock taken with `cache.add`), so a burst after a change costs the database one render.
They never get a copy built under older tokens: that would break exact freshness. When only
the minute turned, they answer meanwhile with the previous minute's copy, built under the same
tokens (nothing it shows has changed; only what time alone changes, such as a registration
window closing, may lag by the length of that one render): otherwise every page of the site
would make its visitors wait at the turn of each minute.
"""

import base64
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation
from django_filters import CharFilter, FilterSet

from portal.core import cache_versions

logger = logging.getLogger(__name__)

# An entry is never read after its minute; two minutes leave room for clocks a little apart.
ENTRY_SECONDS = 120
# Past this, a page number is this: at most this many pages of any list make keys.
PAGE_CAP = 1000
# How long a worker waits for another one that renders the same page, and how often it looks.
FILL_WAIT_SECONDS = 2.0
FILL_POLL_SECONDS = 0.02
LOCK_SECONDS = 10
# Free text is stored on its second request within this window.
SEEN_SECONDS = 600
HEADER = "X-Page-Cache"


class PageSpec:
    """What a cached view depends on: its tokens and the query parameters it reads."""

    def __init__(
        self, tokens: Iterable[str], parameters: Iterable[str], free_text: Iterable[str]
    ) -> None:
        self.tokens = tuple(sorted(set(tokens)))
        for name in self.tokens:
            cache_versions._check(name)
        self.parameters = frozenset(parameters)
        self.free_text = frozenset(free_text)


def cached_page(
    *tokens: str,
    filters: type[FilterSet] | None = None,
    paged: bool = False,
    parameters: Iterable[str] = (),
) -> Callable:
    """Mark a public view as cached for anonymous visitors under `tokens`.

    `filters`: the FilterSet whose parameters the page reads (any other parameter is dropped
    before the view sees it); `paged`: the page reads `page`; `parameters`: any other it reads.
    A view that reads a parameter must `refuse()` a value it does not accept, or every junk
    value would get an entry of its own. The view itself runs unchanged.
    """
    spec = page_spec(*tokens, filters=filters, paged=paged, parameters=parameters)

    def mark(view: Callable) -> Callable:
        view.page_cache = spec  # type: ignore[attr-defined]
        return view

    return mark


def page_spec(
    *tokens: str,
    filters: type[FilterSet] | None = None,
    paged: bool = False,
    parameters: Iterable[str] = (),
) -> PageSpec:
    """The tokens and query parameters of a page (see `cached_page`); also what a signed-in
    page's shared fragment is keyed by (portal.core.fragment_cache)."""
    parameters = set(parameters)
    free_text: set[str] = set()
    if filters is not None:
        for name, field in filters.base_filters.items():
            parameters.add(name)
            if isinstance(field, CharFilter):
                free_text.add(name)
    if paged:
        parameters.add("page")
    return PageSpec(tokens, parameters, free_text)


def refuse(request: HttpRequest) -> None:
    """This answer must not be stored (e.g. the filter form refused a value)."""
    request._page_cache_refused = True  # type: ignore[attr-defined]


def _normal_page(value: str) -> str | None:
    """A page number as the paginator would read it, capped; None for page 1 or junk."""
    if not value.isascii() or not value.isdigit():
        return None
    number = min(int(value), PAGE_CAP)
    return None if number <= 1 else str(number)


def normal_query(query: QueryDict, spec: PageSpec) -> list[tuple[str, str]]:
    """The page's own parameters, sorted, each with its values in order; empty ones dropped."""
    pairs = []
    for name in sorted(spec.parameters & set(query.keys())):
        for value in query.getlist(name):
            if name == "page":
                value = _normal_page(value.strip()) or ""
            elif name in spec.free_text:
                value = " ".join(value.split())
            if value != "":
                pairs.append((name, value))
    return pairs


@lru_cache(maxsize=1)
def release() -> str:
    """What is deployed: a digest of the code, templates, translations and static files, so
    a page cached by one release is never served by another (as in a rolling restart)."""
    configured = os.environ.get("PONTE_RELEASE", "")
    if configured:
        return configured
    digest = hashlib.sha1(usedforsecurity=False)
    root = Path(settings.BASE_DIR)
    folders = ["portal", "programme", "events", "matchmaking", "agreements", "templates"]
    folders += ["locale", "static"]
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in {".py", ".html", ".txt", ".mo", ".css", ".js", ".svg", ".png"}:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _anonymous(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _spec_for(request: HttpRequest, language: str) -> PageSpec | None:
    return _spec_at(request.path_info, language, settings.ROOT_URLCONF)


@lru_cache(maxsize=4096)
def _spec_at(path_info: str, language: str, urlconf: str) -> PageSpec | None:
    # Remembered per process and URLconf (tests may swap it), which do not change as it runs.
    with translation.override(language):
        try:
            match = resolve(path_info)
        except Resolver404:
            return None
    return getattr(match.func, "page_cache", None)


class PageCacheMiddleware:
    """Serve and store whole anonymous pages of views marked with `cached_page`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        release()  # read the files when the worker starts, not during its first request

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or not _anonymous(request):
            return self.get_response(request)
        language = translation.get_language_from_path(request.path_info)
        if language is None:
            return self.get_response(request)
        spec = _spec_for(request, language)
        if spec is None:
            return self.get_response(request)
        pairs = normal_query(request.GET, spec)
        query = urlencode(pairs)
        if query != request.META.get("QUERY_STRING", ""):
            # The view sees exactly what the key says, so the copy stored under the key is the
            # page every request with that key would get (canonical links included).
            request.META["QUERY_STRING"] = query
            request.GET = QueryDict(query)
        minute = int(time.time() // 60)
        key = self._key(request, language, query, minute)
        try:
            # One round trip: the entry and the tokens it must have been built with.
            versions, found = cache_versions.tokens_and(spec.tokens, [key])
        except Exception:  # the cache is down: the page is still served, just slower
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        stored = found.get(key)
        if stored is not None and stored["versions"] == versions:
            return self._answer(stored, "hit")
        previous = self._key(request, language, query, minute - 1)
        return self._fill(request, key, previous, versions, pairs, spec)

    @staticmethod
    def _key(request: HttpRequest, language: str, query: str, minute: int) -> str:
        # The host and scheme too: calendar files carry absolute links built from them.
        where = f"{request.scheme}://{request.get_host()}{request.path}"
        raw = "|".join([release(), language, where, query, str(minute)])
        return "page:" + hashlib.sha256(raw.encode()).hexdigest()

    def _fill(
        self,
        request: HttpRequest,
        key: str,
        previous: str,
        versions: list[str],
        pairs: list[tuple[str, str]],
        spec: PageSpec,
    ) -> HttpResponse:
        # Per version: a burst after a change waits for the new page, not an older render.
        lock = f"{key}:lock:" + hashlib.sha256("|".join(versions).encode()).hexdigest()[:16]
        try:
            leader = cache.add(lock, 1, LOCK_SECONDS)
            if not leader:
                stored = cache.get(previous)
                if stored is not None and stored["versions"] == versions:
                    return self._answer(stored, "previous-minute")
                deadline = time.monotonic() + FILL_WAIT_SECONDS
                while time.monotonic() < deadline:
                    time.sleep(FILL_POLL_SECONDS)
                    stored = cache.get(key)
                    if stored is not None and stored["versions"] == versions:
                        return self._answer(stored, "hit")
                # The other worker is slow or gone: render, as if there were no cache.
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        try:
            response = self.get_response(request)
            if self._storable(request, response) and self._admitted(key, pairs, spec):
                cache.set(key, self._snapshot(request, response, versions), ENTRY_SECONDS)
                response[HEADER] = "stored"
            else:
                response[HEADER] = "miss"
            return response
        finally:
            if leader:
                try:
                    cache.delete(lock)
                except Exception:
                    logger.warning("Page cache unavailable", exc_info=True)

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if getattr(request, "_page_cache_refused", False):
            return False
        # The CSRF token was put in the page (or its cookie must be renewed): it is this
        # visitor's, not everyone's.
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        messages = getattr(request, "_messages", None)
        if messages is not None and (messages.used or getattr(messages, "_queued_messages", [])):
            return False
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False
        cache_control = response.get("Cache-Control", "")
        return "private" not in cache_control and "no-store" not in cache_control

    @staticmethod
    def _admitted(key: str, pairs: list[tuple[str, str]], spec: PageSpec) -> bool:
        """Free text is stored only once asked for twice: a flood of random searches each
        costs a render (as without a cache) but cannot evict the pages people share."""
        if not any(name in spec.free_text for name, _value in pairs):
            return True
        # add() succeeds only for the first request of the window.
        return not cache.add(f"{key}:seen", 1, SEEN_SECONDS)

    @staticmethod
    def _snapshot(request: HttpRequest, response: HttpResponse, versions: list[str]) -> dict:
        return {
            # The tokens the page was built under: a hit needs them all still current.
            "versions": versions,
            "content": response.content,
            "headers": list(response.items()),
            # django-csp's nonce, when the page used one: replaced by a fresh one on each hit.
            "nonce": getattr(request, "_csp_nonce", None),
        }

    @staticmethod
    def _answer(stored: dict, state: str) -> HttpResponse:
        content: bytes = stored["content"]
        headers = stored["headers"]
        old_nonce = stored.get("nonce")
        if old_nonce:
            nonce = base64.b64encode(os.urandom(16)).decode("ascii")
            content = content.replace(old_nonce.encode(), nonce.encode())
            headers = [
                (name, value.replace(old_nonce, nonce))
                if name == "Content-Security-Policy"
                # Same length: the stored Content-Length stays right.
                else (name, value)
                for name, value in headers
            ]
        response = HttpResponse(content, headers=dict(headers))
        response.headers[HEADER] = state
        return response
