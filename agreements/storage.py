"""Where agreement documents live: the core's private storage, under the name the
agreements' migrations record."""

from django.utils.deconstruct import deconstructible

from portal.core.storage import PrivateStorage as CorePrivateStorage


@deconstructible
class PrivateStorage(CorePrivateStorage):
    """Files reachable only through views that check rights (see portal.core.storage)."""
