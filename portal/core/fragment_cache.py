"""The parts of signed-in pages that are the same for everyone, cached and shared by every
worker: a directory's filter form and result list, the B2B catalogue's table.

A signed-in page is never served whole from a shared cache (`portal.core.page_cache`): its
header names the person, its forms carry their CSRF token, its messages are theirs. Most of
what it costs, though, is a list that every reader sees alike. A view renders that list with
`fragment()`, under the version tokens (`portal.core.cache_versions`) of what it shows, the
language, the release and the normalised query; the header, forms, messages and per-person
marks are rendered live around it, each time.

Freshness is exact, as for whole pages: the entry records the tokens it was built under, read
in the same round trip as the entry, and is used only while they are all current. The key also
holds the current minute, for what changes by itself with time (an offer that expires).

A fragment's template is rendered with `render_shared()`: a plain context with no context
processors, so `user`, `csrf_token`, `messages` and `perms` are simply not there. A fragment
template that tried to show something personal would show nothing, never someone else's.
"""

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.http import QueryDict
from django.template import Context
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from portal.core import cache_versions, page_cache

logger = logging.getLogger(__name__)

ENTRY_SECONDS = page_cache.ENTRY_SECONDS


class _SharedRequest:
    """What a fragment template may read of the request: the normalised query only (for
    `{% querystring %}` links), never the user, session or cookies."""

    def __init__(self, query: QueryDict) -> None:
        self.GET = query


def render_shared(template_name: str, context: dict[str, Any], query: QueryDict) -> str:
    """Render `template_name` with `context` alone (no context processors, no request)."""
    template = get_template(template_name).template
    shared = Context(context)
    shared.request = _SharedRequest(query)  # type: ignore[attr-defined]
    return template.render(shared)


def _rendered(html: str) -> SafeString:
    # What render() gives is our own templates' output, escaped when it was rendered; the cache
    # keeps it as plain text, so it is marked safe again here, and only here.
    return mark_safe(html)  # nosec B308 B703: our templates' output, escaped when rendered


def fragment(
    name: str,
    tokens: Iterable[str],
    parts: Iterable[object],
    render: Callable[[], tuple[str, bool]],
) -> SafeString:
    """The fragment `name` for `parts` (e.g. the normalised query), from the cache while the
    `tokens` it was built under are current, else from `render()`, which returns the HTML and
    whether it may be stored (False for a query the form refused)."""
    minute = int(time.time() // 60)
    language = translation.get_language() or ""
    raw = "|".join([page_cache.release(), language, name, *map(str, parts), str(minute)])
    key = "fragment:" + hashlib.sha256(raw.encode()).hexdigest()
    try:
        versions, found = cache_versions.tokens_and(tokens, [key])
    except Exception:  # the cache is down: render, just slower
        logger.warning("Fragment cache unavailable", exc_info=True)
        return _rendered(render()[0])
    stored = found.get(key)
    if stored is not None and stored["versions"] == versions:
        return _rendered(stored["html"])
    html, storable = render()
    if storable:
        try:
            cache.set(key, {"versions": versions, "html": str(html)}, ENTRY_SECONDS)
        except Exception:
            logger.warning("Fragment cache unavailable", exc_info=True)
    return _rendered(html)
