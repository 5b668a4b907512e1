"""Links sent to a person: in their language, on the site's configured address."""

from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import get_urlconf, translate_url
from django.utils import translation
from django.utils.translation import get_language_from_path


def page_in_language(path: str, language: str) -> str:
    """translate_url(path, language) for the active language, remembered per process: every
    page's head and language switcher ask it for each language, and it resolves and reverses
    the path each time (a tenth of what a signed-in page costs once its lists are cached)."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    return _page_in_language(path, active, language, get_urlconf() or settings.ROOT_URLCONF)


@lru_cache(maxsize=4096)
def _page_in_language(path: str, active: str, language: str, urlconf: str) -> str:
    # Keyed by the URLconf too (tests may swap it); neither changes while a process runs.
    with translation.override(active):
        return translate_url(path, language)


def link_in_language(url: str, language: str) -> str:
    """The same page under `language`'s prefix: `/en/partners/x/` → `/zh-hans/partners/x/`.

    Callers reverse links in the language of whoever acted (a staff member approving in
    English); the recipient reads them in their own. A link without a language prefix, or
    one that does not resolve, is returned as given.
    """
    current = get_language_from_path(urlsplit(url).path)
    if current is None or current == language:
        return url
    # translate_url resolves the path in the active language, so it must be the link's own.
    with translation.override(current):
        return translate_url(url, language)


def site_link(url: str, language: str) -> str:
    """`url` (a path or an absolute URL on any host) on SITE_URL, under `language`.

    Links built from a request carry the host the request came in on (127.0.0.1:8000 behind
    a proxy); e-mails must carry the address the site is configured with.
    """
    parts = urlsplit(url)
    path = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    return settings.SITE_URL.rstrip("/") + link_in_language(path, language)
