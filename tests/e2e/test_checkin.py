"""Staff check people in at a venue's door from a phone: a badge's QR code from a photo, a
name, a scan made offline; the figures page then counts who came."""

import re

import pytest
import segno
from playwright.sync_api import expect

from programme.badges.services import badge_issue, badge_token
from programme.checkin.models import CheckIn
from tests.core.factories import VerifiedUserFactory
from tests.e2e.conftest import PHONE, axe_violations, screenshot, sign_in_with_totp
from tests.factories import EditionFactory, OrganisationFactory
from tests.programme.factories import RegistrationFactory, VenueFactory

FLOW = "checkin"
YEAR = 2031


def confirmed(edition, organisation, email: str, full_name: str, native_name: str = ""):
    person = VerifiedUserFactory(email=email, full_name=full_name, native_name=native_name)
    registration = RegistrationFactory(
        edition=edition, organisation=organisation, person=person, status="confirmed"
    )
    return badge_issue(registration=registration)


@pytest.fixture
def door(live_server, transactional_db, fast_passwords, tmp_path):
    """An edition in Bergamo (not the demonstration: it never counts in the figures) with one
    venue and three confirmed delegates with badges; a photo of Anna's badge's QR code."""
    edition = EditionFactory(year=YEAR, ordinal=21, title_en="21st China–Italy Week")
    VenueFactory(edition=edition, name_en="Kilometro Rosso")
    bergamo = OrganisationFactory(name_en="Politecnico di Bergamo", country="IT")
    shenzhen = OrganisationFactory(name_en="Shenzhen Robotics", country="CN")
    anna = confirmed(edition, bergamo, "anna.rossi@polibg.example", "Anna Rossi")
    li = confirmed(edition, shenzhen, "li.wei@szrobotics.example", "Li Wei", "李伟")
    chen = confirmed(edition, shenzhen, "chen.jing@szrobotics.example", "Chen Jing", "陈静")
    photo = tmp_path / "badge.png"
    segno.make(badge_token(anna), error="m").save(str(photo), scale=8, border=4)
    return {"url": live_server.url, "photo": photo, "li": li, "chen": chen}


def test_staff_check_people_in_at_the_door(new_page, door, staff_with_totp) -> None:
    staff, secret = staff_with_totp
    page = new_page(PHONE)
    sign_in_with_totp(page, door["url"], staff.email, secret)
    page.goto(f"{door['url']}/en/week/{YEAR}/staff/check-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check-in at the 21st China–Italy Week"
    )
    status = page.locator("#checkin-status")

    # A photo of the badge: decoded in the page (jsQR: Chromium on Linux has no BarcodeDetector).
    page.locator("#checkin-photo").set_input_files(door["photo"])
    expect(status).to_have_text("Checked in")
    card = page.locator("#checkin-person")
    expect(card).to_contain_text("Anna Rossi")
    expect(card).to_contain_text("Politecnico di Bergamo")
    expect(card).to_contain_text("Italy")
    expect(card).to_contain_text("Delegate")
    expect(page.locator("main")).not_to_contain_text("@")
    screenshot(page, FLOW, "1-checked-in")

    # The same badge again: one row, and the door is told when and by whom.
    page.locator("#checkin-photo").set_input_files(door["photo"])
    expect(status).to_have_text(re.compile(r"^Already checked in at \d\d:\d\d by Chiara Staff$"))
    assert CheckIn.objects.count() == 1

    # The figures page counts one person checked in.
    figures = new_page()
    figures.goto(f"{door['url']}/en/figures/?edition={YEAR}")
    by_country = figures.locator(f"section[aria-labelledby='{YEAR}-checked-in-by-country-heading']")
    expect(by_country.locator("tbody tr").last).to_have_text(re.compile(r"All\s*–\s*3\s*1"))

    # By name: part of it, then one tap.
    page.get_by_label("Name:", exact=True).fill("li w")
    found = page.locator("#checkin-found li")
    expect(found).to_have_count(1)
    expect(found).to_contain_text("Li Wei 李伟 · Shenzhen Robotics")
    found.get_by_role("button", name="Check in").click()
    expect(status).to_have_text("Checked in")
    expect(card).to_contain_text("李伟")
    assert axe_violations(page) == []

    # Offline: the typed code waits on the phone, and is sent once the connection is back.
    page.context.set_offline(True)
    page.get_by_label("Badge code", exact=True).fill(door["chen"].badge_code.lower())
    page.get_by_role("button", name="Check in", exact=True).first.click()
    expect(status).to_have_text(re.compile("^No connection"))
    expect(page.locator("#checkin-queue")).to_have_text("Scans waiting to be sent: 1")
    screenshot(page, FLOW, "2-offline")
    page.context.set_offline(False)
    expect(page.locator("#checkin-queue")).to_be_hidden(timeout=20_000)
    assert sorted(CheckIn.objects.values_list("registration__person__full_name", flat=True)) == [
        "Anna Rossi", "Chen Jing", "Li Wei",
    ]  # fmt: skip


def test_staff_try_check_in_on_the_demonstration(
    live_server, transactional_db, new_page, staff_with_totp
) -> None:
    """The demonstration edition (load_content --demo) has venues and confirmed delegates:
    check-in can be tried there, by name; it never reaches the figures."""
    from django.core.management import call_command

    from programme import demo

    call_command("load_content", "--demo", verbosity=0)
    staff, secret = staff_with_totp
    page = new_page(PHONE)
    sign_in_with_totp(page, live_server.url, staff.email, secret)
    page.goto(f"{live_server.url}/en/week/{demo.YEAR}/")
    page.get_by_role("link", name="Check-in", exact=True).click()
    expect(page.get_by_label("Venue:")).to_have_value(re.compile(r"\d+"))
    expect(page.locator("#id_venue option").first).to_have_text("Demo congress hall, Bergamo")
    person = (
        CheckIn._meta.get_field("registration")
        .related_model.objects.filter(edition__year=demo.YEAR, status="confirmed")
        .select_related("person")
        .first()
    )
    page.get_by_label("Name:", exact=True).fill(person.person.full_name)
    page.locator("#checkin-found li").first.get_by_role("button", name="Check in").click()
    expect(page.locator("#checkin-status")).to_have_text("Checked in")
    assert CheckIn.objects.filter(registration__edition__year=demo.YEAR).count() == 1
    # The figures page shows the one person apart, under the demonstration notice, and the
    # programme's figures never name the demonstration edition.
    page.goto(f"{live_server.url}/en/figures/")
    years = page.locator("section", has=page.locator("#years-heading"))
    expect(years).not_to_contain_text("Demo Week")
    by_day = page.locator(
        "section.figure-block", has=page.locator('[id="2099-checked-in-by-day-heading"]')
    )
    expect(by_day.locator("h3")).to_contain_text("People checked in at Demo Week")
    expect(by_day.locator("tbody td")).to_have_text(["1"])
    expect(page.locator("#demo-heading + .demo-notice")).to_contain_text("invented people")
