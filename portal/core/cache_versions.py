"""Version tokens of cached data, shared by every process through the cache.

A change to some data bumps that data's token; every cache key built from the data includes
its token, so the very next request, on any worker, reads fresh data instead of waiting for an
expiry. Apps bump the token of what they own; pages that cache combine the tokens of what they
show (`portal.core.page_cache.cached_page`), so no app needs to know who caches it.

The tokens are a small fixed set, `NAMES`; use one of them, or add one here with its meaning:

- "directory": organisations, their members shown in public, cities, thematic areas,
  cooperation offers and requests (portal.core);
- "programme": editions, their cities, venues, sessions, speakers, registrations, startup
  applications (programme);
- "missions": missions, stops, activities and the people in them, delegations (events);
- "b2b": B2B sessions, requests and meetings (matchmaking);
- "agreements": agreements, parties, projects, documents, status changes (agreements);
- "checkins": people checked in at an edition's doors (programme.checkin, counted on the
  figures page);
- "figures": whatever else the figures page shows that none of the above covers.

Each app lists its models with `watch()` in its AppConfig.ready(): every save or delete of one,
whoever makes it (a service, the admin, a management command), bumps the model's token. Writes
that send no signal (`QuerySet.update()`, `bulk_create()`) call `bump_on_commit()` themselves.
"""

import uuid
from collections.abc import Iterable

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

NAMES = frozenset(
    {"directory", "programme", "missions", "b2b", "agreements", "checkins", "figures"}
)


def _key(name: str) -> str:
    return f"version:{name}"


def _check(name: str) -> None:
    if name not in NAMES:
        raise ValueError(f"Unknown cache version token {name!r}; the set is {sorted(NAMES)}.")


def token(name: str) -> str:
    """The current token of `name` (created on first use)."""
    return tokens([name])[0]


def tokens(names: Iterable[str]) -> list[str]:
    """The current tokens of `names`, in order, in one round trip to the cache when all exist."""
    return tokens_and(names, [])[0]


def tokens_and(names: Iterable[str], keys: list[str]) -> tuple[list[str], dict]:
    """The tokens of `names` and the cache entries at `keys`, read in the same round trip
    (what a page cache needs on every request: its entry and the tokens to check it with)."""
    names = list(names)
    for name in names:
        _check(name)
    found = _get_many([_key(name) for name in names] + keys)
    values = []
    for name in names:
        value = found.get(_key(name))
        if value is None:
            # add() never overwrites a token another process has just set.
            cache.add(_key(name), uuid.uuid4().hex, None)
            value = cache.get(_key(name)) or "0"
        values.append(value)
    return values, {key: found[key] for key in keys if key in found}


def _get_many(keys: list[str]) -> dict:
    """cache.get_many(), without Django's Redis backend making a new client for each call:
    on every anonymous page view that is a tenth of what the cached page costs."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return backend.get_many(keys)
    client = getattr(backend, "_ponte_reader", None)
    if client is None:
        # A client only holds the connection pool, which is safe to share (one per backend
        # instance, and Django keeps one of those per thread).
        client = backend._cache.get_client(write=False)
        backend._ponte_reader = client
    values = client.mget([backend.make_and_validate_key(key) for key in keys])
    loads = backend._cache._serializer.loads
    return {key: loads(value) for key, value in zip(keys, values, strict=True) if value is not None}


def bump(name: str) -> None:
    """Make every cache entry built from `name` stale, in every process."""
    _check(name)
    cache.set(_key(name), uuid.uuid4().hex, None)


def bump_on_commit(*names: str) -> None:
    """Bump `names` now and again once the current transaction commits.

    The bump after commit is what makes the change visible: a request that read the old rows
    while the transaction was open may have cached them under the token of the moment, and the
    second bump leaves that entry behind. The bump now costs one write and keeps tests, which
    run inside a transaction that never commits, seeing the same freshness as production.
    """
    for name in names:
        bump(name)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: [bump(name) for name in names])


def watch(*watched: type[models.Model], name: str, ignore_fields: Iterable[str] = ()) -> None:
    """Bump `name` whenever a row of one of `watched` (or one of their many-to-many links) is
    saved or deleted. A save that only writes `ignore_fields` (e.g. a user's `last_login`)
    changes nothing a page shows and bumps nothing."""
    _check(name)
    ignored = frozenset(ignore_fields)

    def saved(sender, update_fields=None, **kwargs) -> None:
        if update_fields and ignored and set(update_fields) <= ignored:
            return
        bump_on_commit(name)

    def changed(sender, **kwargs) -> None:
        bump_on_commit(name)

    for model in watched:
        uid = f"cache_versions:{model._meta.label}:{name}"
        post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                changed, sender=field.remote_field.through, weak=False, dispatch_uid=uid
            )
