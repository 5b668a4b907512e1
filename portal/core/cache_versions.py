"""Version tokens of cached data, shared by every process through the cache.

A service that changes some data bumps that data's token after commit; every cache key built
from the data includes its token, so the very next request, on any worker, reads fresh data
instead of waiting for an expiry. Apps bump the token of what they own ("agreements"); pages
that cache combine the tokens of what they show, so no app needs to know who caches it.
"""

import uuid

from django.core.cache import cache


def _key(name: str) -> str:
    return f"version:{name}"


def token(name: str) -> str:
    """The current token of `name` (created on first use)."""
    value = cache.get(_key(name))
    if value is None:
        # add() never overwrites a token another process has just set.
        cache.add(_key(name), uuid.uuid4().hex, None)
        value = cache.get(_key(name)) or "0"
    return value


def bump(name: str) -> None:
    """Make every cache entry built from `name` stale, in every process."""
    cache.set(_key(name), uuid.uuid4().hex, None)
