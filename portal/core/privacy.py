"""The privacy notice's version: who accepted or read which one, and when.

A new notice is published by changing PRIVACY_NOTICE_VERSION (and the text in
templates/portal/privacy.html): every signed-in person whose stored version differs is asked,
once, to read it (a banner until they press "I have read it").
"""

import datetime as dt

from django.http import HttpRequest

PRIVACY_NOTICE_VERSION = "2026-12-01"
PRIVACY_NOTICE_DATE = dt.date(2026, 12, 1)


def notice_outdated(user) -> bool:
    return bool(user.is_authenticated and user.privacy_version != PRIVACY_NOTICE_VERSION)


def privacy_notice(request: HttpRequest) -> dict:
    """Context processor: `privacy_notice_outdated` shows the banner in the base layout."""
    user = getattr(request, "user", None)
    return {"privacy_notice_outdated": user is not None and notice_outdated(user)}
