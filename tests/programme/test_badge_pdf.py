"""Badge PDFs: names as embedded text in both scripts, the QR code drawn module by module."""

import io

import pytest
import segno
from pypdf import PdfReader
from pypdf.generic import ContentStream

from programme.badges import pdf
from programme.badges.services import badge_issue, badge_token
from programme.badges.tokens import display_code
from programme.models import Edition, Registration
from tests.factories import EditionFactory, OrganisationFactory, UserFactory
from tests.programme.badge_font import needs_badge_font
from tests.programme.factories import RegistrationFactory

pytestmark = [pytest.mark.django_db, needs_badge_font]


def _registration(**person) -> Registration:
    person = {"full_name": "Wang Wei", "native_name": "王伟", **person}
    edition = Edition.objects.filter(year=2041).first() or EditionFactory(
        year=2041, ordinal=41, title_en="41st China–Italy Week"
    )
    return badge_issue(
        registration=RegistrationFactory(
            edition=edition,
            person=UserFactory(**person),
            organisation=OrganisationFactory(
                name_en="Tsinghua University",
                name_it="Università Tsinghua",
                native_name="清华大学",
                country="CN",
            ),
            role=Registration.Role.SPEAKER,
            status=Registration.Status.CONFIRMED,
        )
    )


def _text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_badge_has_both_names_organisation_country_role_and_code_as_text():
    registration = _registration()
    data = pdf.badge_pdf(registration, language="en")
    (text,) = _text(data)
    lines = text.splitlines()
    assert lines[:4] == [
        "41st China–Italy Week",
        "25–27 October 2041",
        "王伟",
        "Wang Wei",
    ]
    assert "Tsinghua University" in lines and "清华大学" in lines and "China" in lines
    assert "Speaker" in lines
    assert display_code(registration.badge_code) in text


def test_badge_is_printed_in_the_language_asked_for():
    registration = _registration()
    (italian,) = _text(pdf.badge_pdf(registration, language="it"))
    assert {"Università Tsinghua", "Cina", "Relatore"} <= set(italian.splitlines())
    (chinese,) = _text(pdf.badge_pdf(registration, language="zh-hans"))
    assert "中国" in chinese.splitlines()


def test_one_name_when_both_forms_agree_or_one_is_missing():
    assert pdf.badge_of(_registration(native_name="")).names == ("Wang Wei",)
    same = _registration(email="same@example.org", native_name="Marco Rossi", full_name="Marco R")
    same.person.full_name = "Marco Rossi"
    assert pdf.badge_of(same).names == ("Marco Rossi",)


def test_the_font_is_embedded_as_a_truetype_subset():
    data = pdf.badge_pdf(_registration(), language="en")
    fonts = PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font["/FontDescriptor"].get_object()
        # A subset: "ABCDEF+WenQuanYiMicroHei-0", its glyphs in the file (FontFile2: TrueType).
        name = str(font["/BaseFont"]).split("+")[1]
        embedded.append((name.rsplit("-", 1)[0], "/FontFile2" in descriptor))
    assert embedded and set(embedded) == {("WenQuanYiMicroHei", True)}


def _drawn_qr(data: bytes) -> list[list[bool]]:
    """The QR code read back from the page: its rectangles, drawn in module units."""
    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    operations = ContentStream(page.get_contents(), reader).operations
    scale = next(
        operands
        for operands, operator in operations
        if operator == b"cm" and float(operands[0]) != 1
    )
    size = round(pdf.QR_SIZE / float(scale[0]))
    grid = [[False] * size for _ in range(size)]
    for operands, operator in operations:
        if operator == b"re" and float(operands[3]) == 1:
            x, y, width, _height = (int(float(v)) for v in operands)
            for column in range(x, x + width):
                grid[size - 1 - y][column] = True
    return grid


def test_the_qr_code_drawn_is_the_token_module_by_module():
    registration = _registration()
    token = badge_token(registration)
    expected = [[bool(cell) for cell in row] for row in segno.make_qr(token, error="m").matrix]
    assert _drawn_qr(pdf.badge_pdf(registration, language="en")) == expected
    # Printed 30 mm wide, a module is at least 0.9 mm: well above what phone cameras read.
    assert pdf.QR_SIZE / len(expected) >= 0.9 * pdf.mm


def test_staff_and_demonstration_badges_say_so():
    registration = _registration(is_staff=True)
    registration.role = Registration.Role.DELEGATE
    registration.edition.is_demo = True
    badge = pdf.badge_of(registration)
    assert badge.role == "Staff"
    assert badge.demo is True
    (text,) = _text(pdf.badge_pdf(registration, language="en"))
    assert "Demonstration badge: invented data, not valid for entry." in text
    registration.role = Registration.Role.PRESS
    assert pdf.badge_of(registration).role == "Press · Staff"


def test_sheets_hold_four_badges_a_page():
    edition = EditionFactory(year=2042, ordinal=42)
    registrations = [
        badge_issue(
            registration=RegistrationFactory(
                edition=edition,
                person=UserFactory(full_name=f"Person {n}", native_name=""),
                status=Registration.Status.CONFIRMED,
            )
        )
        for n in range(5)
    ]
    reader = PdfReader(io.BytesIO(pdf.sheets_pdf(registrations, language="en")))
    assert len(reader.pages) == 2
    assert [round(float(v) / pdf.mm) for v in reader.pages[0].mediabox[2:]] == [210, 297]
    first, second = (page.extract_text().splitlines() for page in reader.pages)
    names = [line for line in first if line.startswith("Person ")]
    assert names == [f"Person {n}" for n in range(4)]
    assert [line for line in second if line.startswith("Person ")] == ["Person 4"]


def test_missing_font_says_how_to_install_it(settings, monkeypatch):
    monkeypatch.setattr(pdf.pdfmetrics, "getRegisteredFontNames", lambda: [])
    settings.BADGE_FONT = "/nonexistent/font.ttc"
    with pytest.raises(pdf.BadgeFontMissing, match="fonts-wqy-microhei"):
        pdf.font()
