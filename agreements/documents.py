"""PDF checks for agreement documents: by content, never by the name or the browser's type."""

import logging
import re

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal.core.services.common import Refused

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "AGREEMENT_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def validate_pdf(upload: UploadedFile) -> int:
    """Raise ValidationError unless `upload` is a PDF within the size limit; return its page count.

    The header must be `%PDF-` and pypdf must open the file and find at least one page, so a
    renamed executable or a truncated file is refused.
    """
    limit = max_bytes()
    if upload.size is None or upload.size > limit:
        raise Refused(
            _("The file is too large: the limit is %(limit)s."),
            code="too_large",
            params={"limit": filesizeformat(limit)},
        )
    upload.seek(0)
    header = upload.read(5)
    if header != b"%PDF-":
        raise Refused(_("The file is not a PDF document."), code="not_pdf")
    upload.seek(0)
    # Imported here: pypdf is only needed when a document is uploaded.
    from pypdf import PdfReader

    try:
        reader = PdfReader(upload, strict=False)
        pages = len(reader.pages)
    except Exception as exc:  # pypdf raises many types on malformed input; all mean "unreadable"
        logger.info("Refused an unreadable PDF: %s", exc)
        raise Refused(
            _("The file could not be read as a PDF document."), code="unreadable"
        ) from exc
    finally:
        upload.seek(0)
    if pages < 1:
        raise Refused(_("The PDF document has no pages."), code="empty")
    return pages


def download_name(*, original: str, fallback: str) -> str:
    """The name a document is downloaded under: the uploader's name without its folders and
    extension, always ending in `.pdf` (a PDF sent as `poly.html` would open as a page)."""
    base = re.split(r"[/\\]", original)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    # Quotes and control characters would break the Content-Disposition header.
    stem = "".join(c for c in stem if c.isprintable() and c not in '"\\').strip(" .")
    return f"{stem or fallback}.pdf"
