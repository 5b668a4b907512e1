"""Logos are accepted by content, within limits, and stored re-encoded without metadata."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.core.logos import clean_logo


def image_bytes(fmt: str, size=(64, 32), mode="RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, 120 if mode == "L" else (200, 30, 30)).save(buffer, fmt, **save)
    return buffer.getvalue()


def upload(data: bytes, name: str = "logo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/png")


def error_code(data: bytes, name: str = "logo.png") -> str:
    with pytest.raises(ValidationError) as caught:
        clean_logo(upload(data, name))
    return caught.value.code


def png_with_header_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims another size: how decompression bombs announce themselves."""
    data = bytearray(image_bytes("PNG", size=(1, 1)))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


@pytest.mark.parametrize(("fmt", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_accepted_formats_are_reencoded_under_a_random_name(fmt, extension) -> None:
    cleaned = clean_logo(upload(image_bytes(fmt), "my logo.png"))
    assert cleaned.name.endswith(f".{extension}")
    assert len(cleaned.name) == 32 + 1 + len(extension)
    assert "my logo" not in cleaned.name
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert (image.format, image.size) == (fmt, (64, 32))


def test_format_is_read_from_the_content_not_the_name() -> None:
    assert clean_logo(upload(image_bytes("JPEG"), "logo.png")).name.endswith(".jpg")


def test_exif_is_dropped() -> None:
    exif = Image.Exif()
    exif[0x010F] = "Secret Camera Maker"  # Make
    exif[0x8825] = {2: (41.0, 54.0, 0.0)}  # GPS
    data = image_bytes("JPEG", exif=exif.tobytes())
    assert b"Secret Camera Maker" in data
    cleaned = clean_logo(upload(data, "photo.jpg")).read()
    assert b"Secret Camera Maker" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as image:
        assert dict(image.getexif()) == {}


def test_png_text_chunks_are_dropped() -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "private note")
    cleaned = clean_logo(upload(image_bytes("PNG", pnginfo=info))).read()
    assert b"private note" not in cleaned


def test_svg_is_refused_with_a_clear_message() -> None:
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'
    with pytest.raises(ValidationError) as caught:
        clean_logo(upload(svg, "logo.svg"))
    assert caught.value.messages == [
        "SVG logos are not accepted: upload a PNG, JPEG or WebP image."
    ]


def test_svg_disguised_as_png_is_refused() -> None:
    assert error_code(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "logo.png") == "svg"


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_refused(fmt) -> None:
    assert error_code(image_bytes(fmt)) == "format"


def test_html_is_refused() -> None:
    assert error_code(b"<!doctype html><html><body>hi</body></html>", "logo.jpg") == "polyglot"


def test_more_than_five_megabytes_is_refused() -> None:
    assert error_code(image_bytes("PNG") + b"\0" * (5 * 1024 * 1024)) == "too_large"


def test_more_than_4000_pixels_a_side_is_refused() -> None:
    assert error_code(image_bytes("PNG", size=(4001, 10), mode="L")) == "too_many_pixels"


def test_exactly_4000_pixels_a_side_is_accepted() -> None:
    assert clean_logo(upload(image_bytes("PNG", size=(4000, 4000), mode="L"))).name.endswith(".png")


def test_decompression_bomb_is_refused_before_decoding() -> None:
    assert error_code(png_with_header_size(50_000, 50_000)) == "too_many_pixels"


def test_pillow_bomb_guard_is_turned_into_a_form_error(monkeypatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    assert error_code(image_bytes("PNG", size=(20, 20))) == "too_many_pixels"


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_truncated_files_are_refused(fmt) -> None:
    from PIL import ImageFile

    noisy = Image.effect_noise((300, 300), 80).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, fmt)
    data = buffer.getvalue()
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    assert error_code(data[: len(data) // 2]) in {"damaged", "polyglot"}


def test_png_with_an_archive_appended_is_refused() -> None:
    archive = b"PK\x03\x04" + b"\x00" * 26 + b"evil.jar"
    assert error_code(image_bytes("PNG") + archive) == "polyglot"


def test_jpeg_with_a_script_in_a_comment_is_refused() -> None:
    data = image_bytes("JPEG")
    comment = b"<script>alert(1)</script>"
    segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    assert error_code(data[:2] + segment + data[2:]) == "polyglot"


def test_jpeg_with_php_after_the_end_is_refused() -> None:
    assert error_code(image_bytes("JPEG") + b"<?php system($_GET['c']); ?>") == "polyglot"


def test_garbage_is_refused() -> None:
    assert error_code(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100) == "damaged"
