"""Logo uploads: accepted by content (PNG, JPEG, WebP), re-encoded without metadata.

Everything a browser could be tricked into reading as something else (SVG, HTML or a ZIP
glued to an image, a truncated file, a decompression bomb) is refused before it is stored.
"""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 4000
FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
# Markup that would make the file readable as a page or script by a careless client.
MARKERS = (b"<script", b"<html", b"<svg", b"<?php", b"<!doctype", b"<?xml", b"<body", b"<iframe")

INVALID = _("Upload a PNG, JPEG or WebP image.")


def _ends_where_the_image_ends(data: bytes, fmt: str) -> bool:
    """No bytes hidden after the image's own end (the trick behind image+archive polyglots)."""
    if fmt == "PNG":
        end = data.rfind(b"IEND")
        return end != -1 and end + 8 == len(data)
    if fmt == "JPEG":
        return data.rstrip(b"\x00").endswith(b"\xff\xd9")
    if fmt == "WEBP":
        declared = int.from_bytes(data[4:8], "little") + 8
        return declared in (len(data), len(data) - 1)
    return False


def clean_logo(upload: UploadedFile) -> ContentFile:
    """The upload re-encoded under a random name, or a ValidationError saying why not."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(_("The logo is larger than 5 MB."), code="too_large")
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The logo is larger than 5 MB."), code="too_large")
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) or b"<svg" in head:
        raise ValidationError(
            _("SVG logos are not accepted: upload a PNG, JPEG or WebP image."), code="svg"
        )
    if any(marker in data.lower() for marker in MARKERS):
        raise ValidationError(INVALID, code="polyglot")
    try:
        with warnings.catch_warnings():
            # Pillow warns, then raises, on images meant to exhaust memory: refuse both.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt = probe.format
                width, height = probe.size
                if fmt not in FORMATS:
                    raise ValidationError(INVALID, code="format")
                if width > MAX_SIDE or height > MAX_SIDE:
                    raise ValidationError(
                        _("The logo is larger than 4000 × 4000 pixels."), code="too_many_pixels"
                    )
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                if not _ends_where_the_image_ends(data, fmt):
                    raise ValidationError(INVALID, code="polyglot")
                return _reencode(image, fmt)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("The logo is larger than 4000 × 4000 pixels."), code="too_many_pixels"
        ) from error
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        # Truncated or corrupt files land here: Pillow raises OSError/SyntaxError on them.
        raise ValidationError(
            _("The image file is damaged or incomplete: upload a PNG, JPEG or WebP image."),
            code="damaged",
        ) from error


def _reencode(image: Image.Image, fmt: str) -> ContentFile:
    if fmt == "JPEG":
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA"):
        # Palette transparency is applied here, before `info` (which holds it) is dropped.
        image = image.convert("RGBA")
    # Only pixels are written: EXIF, XMP, ICC profiles and text chunks stay behind.
    image.info = {}
    output = io.BytesIO()
    if fmt == "JPEG":
        image.save(output, "JPEG", quality=88, optimize=True)
    elif fmt == "PNG":
        image.save(output, "PNG", optimize=True)
    else:
        image.save(output, "WEBP", quality=88)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{FORMATS[fmt]}")
