"""Template context shared by every page."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from portal.core.notifications import unread


def unread_notifications(request: HttpRequest) -> dict[str, object]:
    """The header bell's count: from the cache, else one COUNT query, and only on pages that
    show the bell (portal.core.notifications.unread)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread.count(user.pk))}
