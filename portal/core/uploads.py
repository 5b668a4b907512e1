"""Request bodies are refused by their declared size before anything reads them.

Django reads a whole multipart body (files into temporary files) the first time anything looks
at `request.POST`, and the CSRF check does so before any view runs. So the limit is checked in
`process_view`, by a middleware placed before the CSRF one: views that take a file set their
own limit with `upload_limit`, every other request has the site's `REQUEST_MAX_BYTES`.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Room for the form's other fields and the multipart boundaries around the file.
FORM_OVERHEAD = 256 * 1024

Limit = int | Callable[[], int]


def upload_limit(max_file_bytes: Limit) -> Callable[[Callable], Callable]:
    """Mark a view as taking one file of at most `max_file_bytes` (a number, or a function
    read on each request so that a setting can change it)."""

    def mark(view: Callable) -> Callable:
        view.upload_max_file_bytes = max_file_bytes  # type: ignore[attr-defined]
        return view

    return mark


def _limits(view: Callable) -> tuple[int, int]:
    """The body size allowed, and the size to name in the refusal."""
    limit = getattr(view, "upload_max_file_bytes", None)
    if limit is None:
        return settings.REQUEST_MAX_BYTES, settings.REQUEST_MAX_BYTES
    file_bytes = limit() if callable(limit) else limit
    # The view's limit is for its file: the rest of the form comes on top.
    return file_bytes + FORM_OVERHEAD, file_bytes


class UploadSizeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            # Django reads a malformed length as an empty body.
            return None
        allowed, limit = _limits(view)
        if length <= allowed:
            return None
        message = _("The file is too large: the limit is %(limit)s.") % {
            "limit": filesizeformat(limit)
        }
        return render(request, "413.html", {"message": message}, status=413)
