"""The header bell's count of unread notifications, kept in the cache per person.

Every signed-in page shows it; counting costs a database query on each of them. The count is
stored with the person's version token, read in the same round trip as the token, and used
only while the token is current; creating, reading or deleting one of the person's
notifications gives them a new token (now and again after commit, as
cache_versions.bump_on_commit does). A count made while a notification was being created is
stored under the old token, so it is never shown: freshness is exact, as for the pages.
Writers that send no signal (`update()`, `bulk_create()`) call `forget()` themselves.
"""

import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from portal.core.models import Notification

# Only bounds what the cache holds: every change makes the stored count unused at once.
SECONDS = 3600


def _version_key(user_id: int) -> str:
    return f"notifications:unread-version:{user_id}"


def _count_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def count(user_id: int) -> int:
    version_key, count_key = _version_key(user_id), _count_key(user_id)
    try:
        found = cache.get_many([version_key, count_key])
        version = found.get(version_key)
        if version is None:
            cache.add(version_key, uuid.uuid4().hex, SECONDS)
            version = cache.get(version_key)
        stored = found.get(count_key)
        if version is not None and stored is not None and stored[0] == version:
            return stored[1]
    except Exception:  # the cache is down: count in the database
        version = None
    number = Notification.objects.unread().filter(recipient_id=user_id).count()
    if version is not None:
        try:
            cache.set(count_key, (version, number), SECONDS)
        except Exception:  # the count is shown all the same
            return number
    return number


def forget(user_ids: Iterable[int]) -> None:
    """The people's stored counts are no longer used, in every process."""
    ids = set(user_ids)
    if not ids:
        return

    def renew() -> None:
        cache.set_many({_version_key(pk): uuid.uuid4().hex for pk in ids}, SECONDS)

    renew()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(renew)


def _changed(sender, instance, **kwargs) -> None:
    forget([instance.recipient_id])


def connect() -> None:
    """Called once from the portal app's ready()."""
    post_save.connect(_changed, sender=Notification, dispatch_uid="unread-count-save")
    post_delete.connect(_changed, sender=Notification, dispatch_uid="unread-count-delete")
