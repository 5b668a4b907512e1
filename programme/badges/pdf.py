"""Badges as PDF: A6 badges four to an A4 sheet (with cut marks), or one A6 badge.

Text is drawn with one TrueType font that has Chinese characters (settings.BADGE_FONT), which
reportlab embeds as a subset of the glyphs used, so names stay text: selectable and searchable.
The QR code is drawn as vector rectangles from segno's matrix, sharp at any print size.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import segno
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from portal.core.templatetags.ponte import date_range
from programme.badges.services import badge_token
from programme.badges.tokens import display_code
from programme.models import Edition, Registration

FONT = "PonteBadge"
WIDTH, HEIGHT = A6
MARGIN = 7 * mm
INNER = WIDTH - 2 * MARGIN
QR_SIZE = 30 * mm
BAND = 13 * mm  # the role's coloured band at the foot
INK = HexColor("#1a1a1a")
GREY = HexColor("#555555")
CUT = Color(0.6, 0.6, 0.6)
DEMO = HexColor("#a00000")
# One colour per role, so that a door steward tells a speaker from the press at a glance.
ROLE_COLOURS = {
    Registration.Role.DELEGATE: HexColor("#1f4e79"),
    Registration.Role.SPEAKER: HexColor("#8b1a1a"),
    Registration.Role.EXHIBITOR: HexColor("#2e6b30"),
    Registration.Role.STARTUP_PITCH: HexColor("#a35200"),
    Registration.Role.PRESS: HexColor("#4b4b4b"),
}
STAFF_COLOUR = HexColor("#000000")


class BadgeFontMissing(ImproperlyConfigured):
    """The font the badges need is not on this machine."""


@dataclass(frozen=True)
class Badge:
    """What one badge says, in the language it is printed in."""

    names: tuple[str, ...]  # native script first, then Latin letters; one when they agree
    organisation: tuple[str, ...]  # its name, then its own-script name when it has another
    country: str
    role: str
    colour: Color
    edition: str
    dates: str
    demo: bool
    code: str  # as printed: "K7F2-9QX3"
    token: str  # what the QR code holds


def font() -> str:
    """Register the badge font once per process; BadgeFontMissing says how to get it."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT
    path = Path(settings.BADGE_FONT)
    if not path.is_file():
        raise BadgeFontMissing(
            f"Badges need a TrueType font with Chinese characters, and {path} does not exist: "
            "install Debian's fonts-wqy-microhei (`make install` does, as root) or set "
            "PONTE_BADGE_FONT to such a .ttf or .ttc file."
        )
    # A .ttc holds several faces; the first of wqy-microhei's is the proportional one.
    pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
    return FONT


def badge_of(registration: Registration) -> Badge:
    """The badge of a confirmed registration that has a code, in the active language."""
    person = registration.person
    organisation = registration.organisation
    edition = registration.edition
    role = registration.get_role_display()
    colour = ROLE_COLOURS.get(registration.role, ROLE_COLOURS[Registration.Role.DELEGATE])
    if person.is_staff:  # the programme's own staff, whom delegates ask their way
        colour = STAFF_COLOUR
        if registration.role == Registration.Role.DELEGATE:
            role = _("Staff")
        else:
            role = _("%(role)s · Staff") % {"role": role}
    return Badge(
        # Never the e-mail address in its place: a badge is read by everyone in the hall.
        names=_distinct(person.native_name, person.full_name),
        organisation=_distinct(organisation.name, organisation.native_name),
        country=str(organisation.country.name),
        role=role,
        colour=colour,
        edition=edition.title,
        dates=_dates(edition),
        demo=edition.is_demo,
        code=display_code(registration.badge_code),
        token=badge_token(registration),
    )


def sheets_pdf(registrations: Iterable[Registration], *, language: str) -> bytes:
    """Every badge, four A6 badges to an A4 page with light cut marks between them."""
    with translation.override(language):
        canvas, out = _canvas(A4, _("Badges"))
        # Top left, top right, bottom left, bottom right. A4 is two A6 wide and ½ mm more
        # than two high: the spare ½ mm lies between the rows, where the sheet is cut.
        slots = [(0, HEIGHT + 0.5 * mm), (WIDTH, HEIGHT + 0.5 * mm), (0, 0), (WIDTH, 0)]
        count = 0
        for count, registration in enumerate(registrations, start=1):
            x, y = slots[(count - 1) % 4]
            _draw(canvas, badge_of(registration), x, y)
            if count % 4 == 0:
                _cut_marks(canvas)
                canvas.showPage()
        if count == 0 or count % 4:
            _cut_marks(canvas)
            canvas.showPage()
        canvas.save()
        return out.getvalue()


def badge_pdf(registration: Registration, *, language: str) -> bytes:
    """One badge on an A6 page."""
    with translation.override(language):
        canvas, out = _canvas(A6, _("Badge"))
        _draw(canvas, badge_of(registration), 0, 0)
        canvas.showPage()
        canvas.save()
        return out.getvalue()


def _canvas(size: tuple[float, float], title: str) -> tuple[Canvas, io.BytesIO]:
    font()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size, pageCompression=1, invariant=True, initialFontName=FONT)
    canvas.setTitle(title)
    canvas.setCreator("Ponte")
    return canvas, out


def _distinct(*texts: str) -> tuple[str, ...]:
    seen: list[str] = []
    for text in texts:
        text = (text or "").strip()
        if text and text not in seen:
            seen.append(text)
    return tuple(seen)


def _dates(edition: Edition) -> str:
    if edition.start_date:
        return date_range(edition.start_date, edition.end_date)
    return edition.period


def _draw(canvas: Canvas, badge: Badge, x: float, y: float) -> None:
    canvas.saveState()
    canvas.translate(x, y)
    top = HEIGHT - MARGIN
    canvas.setFillColor(INK)
    # The edition, its dates, and on the demonstration edition a warning no one can miss.
    top = _lines(canvas, badge.edition, top, size=11, max_lines=2)
    canvas.setFillColor(GREY)
    top = _lines(canvas, badge.dates, top, size=8.5, max_lines=1)
    if badge.demo:
        canvas.setFillColor(DEMO)
        top = _lines(
            canvas,
            _("Demonstration badge: invented data, not valid for entry."),
            top - 1 * mm,
            size=8,
            max_lines=2,
        )
    # The person: the largest text, native script first.
    top -= 7 * mm
    canvas.setFillColor(INK)
    for index, name in enumerate(badge.names[:2]):
        top = _fitted(canvas, name, top, size=26 if index == 0 else 20)
    top -= 3 * mm
    for index, name in enumerate(badge.organisation):
        top = _lines(canvas, name, top, size=11 if index == 0 else 10, max_lines=2)
    canvas.setFillColor(GREY)
    _lines(canvas, badge.country, top - 1 * mm, size=10, max_lines=1)
    # The QR code and the code to type when the QR code cannot be read.
    qr_bottom = BAND + 4 * mm
    _qr(canvas, badge.token, MARGIN, qr_bottom, QR_SIZE)
    text_x = MARGIN + QR_SIZE + 5 * mm
    canvas.setFillColor(GREY)
    canvas.setFont(FONT, 7)
    canvas.drawString(text_x, qr_bottom + QR_SIZE / 2 + 3 * mm, _("Badge code"))
    canvas.setFillColor(INK)
    canvas.setFont(FONT, 14)
    canvas.drawString(text_x, qr_bottom + QR_SIZE / 2 - 4 * mm, badge.code)
    # The role on a coloured band across the foot.
    canvas.setFillColor(badge.colour)
    canvas.rect(0, 0, WIDTH, BAND, stroke=0, fill=1)
    canvas.setFillColor(white)
    size = _fit_size(badge.role, 14, INNER)
    canvas.setFont(FONT, size)
    canvas.drawCentredString(WIDTH / 2, BAND / 2 - size * 0.35, badge.role)
    canvas.restoreState()


def _fit_size(text: str, size: float, width: float, smallest: float = 9) -> float:
    """The largest size up to `size` at which the text fits on one line (at least `smallest`)."""
    measured = pdfmetrics.stringWidth(text, FONT, size)
    if measured <= width:
        return size
    return max(smallest, size * width / measured)


def _fitted(canvas: Canvas, text: str, top: float, *, size: float) -> float:
    """A name on one line, made smaller to fit; a very long one wraps onto a second."""
    size = _fit_size(text, size, INNER, smallest=12)
    return _lines(canvas, text, top, size=size, max_lines=2)


def _lines(canvas: Canvas, text: str, top: float, *, size: float, max_lines: int) -> float:
    """Draw text left-aligned under `top`, wrapped to the badge's width; the new top."""
    if not text:
        return top
    canvas.setFont(FONT, size)
    lines = simpleSplit(text, FONT, size, INNER)
    if not lines:  # a word wider than the badge: simpleSplit keeps it whole, so do we
        lines = [text]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
        last = lines[-1]
        while len(last) > 1 and pdfmetrics.stringWidth(last + "…", FONT, size) > INNER:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    for line in lines:
        top -= size * 1.2
        canvas.drawString(MARGIN, top, line)
    return top


def qr_matrix(token: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code's modules, dark as True, without the quiet zone (tests compare it)."""
    code = segno.make_qr(token, error="m")
    return tuple(tuple(bool(cell) for cell in row) for row in code.matrix)


def _qr(canvas: Canvas, token: str, x: float, y: float, size: float) -> None:
    """Dark modules as rectangles, one per horizontal run, filled as one path.

    Written as PDF operators in module units under one scaling (integers, not the thousands of
    decimals reportlab's path would format: a third of the time of a 2,000-badge sheet). The
    badge keeps four modules of white around the code (the quiet zone scanners need): nothing
    is drawn within MARGIN of the edge nor between the code and the text beside it.
    """
    matrix = qr_matrix(token)
    count = len(matrix)
    module = size / count
    ops = [f"q {module:.4f} 0 0 {module:.4f} {x:.3f} {y:.3f} cm"]
    for row_index, row in enumerate(matrix):
        row_y = count - 1 - row_index  # PDF's y goes up, the matrix's rows go down
        start = None
        for column, dark in enumerate((*row, False)):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                ops.append(f"{start} {row_y} {column - start} 1 re")
                start = None
    ops.append("f Q")
    canvas.setFillColor(INK)
    canvas.addLiteral("\n".join(ops))


def _cut_marks(canvas: Canvas) -> None:
    """Short light lines where the sheet is cut: the middle of each edge, and a small cross."""
    page_width, page_height = A4
    middle_y = page_height / 2
    length = 6 * mm
    canvas.saveState()
    canvas.setStrokeColor(CUT)
    canvas.setLineWidth(0.3)
    canvas.line(WIDTH, page_height, WIDTH, page_height - length)
    canvas.line(WIDTH, 0, WIDTH, length)
    canvas.line(0, middle_y, length, middle_y)
    canvas.line(page_width, middle_y, page_width - length, middle_y)
    cross = 2.5 * mm
    canvas.line(WIDTH - cross, middle_y, WIDTH + cross, middle_y)
    canvas.line(WIDTH, middle_y - cross, WIDTH, middle_y + cross)
    canvas.restoreState()
