"""Two participants request and accept a B2B meeting, staff schedule it, both see it."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from matchmaking.models import Participant
from tests.core.factories import VerifiedUserFactory
from tests.e2e.conftest import (
    PASSWORD,
    PHONE,
    axe_violations,
    named,
    screenshot,
    sign_in,
    sign_in_with_totp,
    tab_to,
)
from tests.factories import EditionFactory, OrganisationFactory
from tests.matchmaking.factories import EditionB2BFactory, ParticipantFactory, SessionFactory
from tests.programme.factories import RegistrationFactory

FLOW = "b2b"
YEAR = 2031
EDITION = "21st China–Italy Science, Technology & Innovation Week"
MESSAGE = "Shall we talk about service robots for vineyards?"


def delegate(edition, organisation, email: str, full_name: str) -> Participant:
    """A confirmed delegate of `organisation` who takes part in the B2B meetings."""
    person = VerifiedUserFactory(email=email, full_name=full_name, country=organisation.country)
    registration = RegistrationFactory(
        edition=edition,
        organisation=organisation,
        person=person,
        languages="en",
        b2b=True,
        status="confirmed",
    )
    return ParticipantFactory(registration=registration, edition=edition)


@pytest.fixture
def b2b(live_server, transactional_db, fast_passwords) -> str:
    """An edition in Bergamo with one B2B session: a single 30-minute slot at one table.

    One slot and one table leave the scheduler a single answer, so the agenda's text is exact.
    """
    edition = EditionFactory(
        year=YEAR, ordinal=21, title_en=EDITION, time_zone="Europe/Rome", host_country="IT"
    )
    EditionB2BFactory(edition=edition)
    SessionFactory(edition=edition, tables=1, start=dt.time(9, 0), end=dt.time(9, 30))
    bergamo = OrganisationFactory(name_en="Politecnico di Bergamo", country="IT")
    shenzhen = OrganisationFactory(name_en="Shenzhen Robotics", country="CN", kind="enterprise")
    delegate(edition, bergamo, "anna.rossi@polibg.example", "Anna Rossi")
    delegate(edition, shenzhen, "li.wei@szrobotics.example", "Li Wei")
    return live_server.url


def b2b_nav(page):
    return page.get_by_role("navigation", name="B2B meetings")


def open_agenda(page, partner: str) -> None:
    b2b_nav(page).get_by_role("link", name="My agenda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My agenda")
    agenda = page.get_by_role("table")
    expect(agenda.locator("caption")).to_have_text("Times in Italy time")
    row = agenda.get_by_role("row").nth(1)
    expect(row.get_by_role("cell")).to_have_text(
        [
            "25 October 2031, 09:00 (Italy time, CEST) – 09:30 CEST",
            "Table 1, Fiera di Bergamo",
            partner,
            "English",
        ]
    )


def phone_copy(new_page, page):
    """The same person, signed in, on a 390 px phone."""
    phone = new_page(PHONE)
    phone.context.add_cookies(page.context.cookies())
    return phone


def test_request_accept_schedule_and_both_agendas(b2b, new_page, staff_with_totp) -> None:
    site = b2b

    # Anna finds Li Wei in the catalogue and asks for a meeting.
    anna = new_page()
    sign_in(anna, site, "anna.rossi@polibg.example")
    anna.goto(f"{site}/en/b2b/{YEAR}/")
    expect(anna.get_by_role("heading", level=1)).to_have_text(f"B2B meetings at {EDITION}")
    b2b_nav(anna).get_by_role("link", name="Find partners").click()
    expect(anna.get_by_role("heading", level=1)).to_have_text("Find partners")
    catalogue = anna.get_by_role("table")
    # Everyone but Anna herself.
    expect(catalogue.locator("caption")).to_have_text("1 participant")
    li_row = catalogue.get_by_role("row").filter(has=anna.get_by_role("link", name="Li Wei"))
    expect(li_row.get_by_role("cell")).to_have_text(
        ["Li Wei, Shenzhen Robotics", "China", "Enterprise", "", "", "en"]
    )
    assert axe_violations(anna) == []
    screenshot(anna, FLOW, "1-catalogue-desktop")
    li_row.get_by_role("link", name="Li Wei").click()
    expect(anna.get_by_role("heading", level=1)).to_have_text("Li Wei")
    expect(anna.locator("p.lead")).to_have_text("Shenzhen Robotics · China · Enterprise")
    anna.get_by_label("Message").fill(MESSAGE)
    screenshot(anna, FLOW, "2-request-desktop")
    anna.get_by_role("button", name="Send the request").click()
    expect(anna.get_by_role("status")).to_have_text("Your request was sent.")
    expect(anna.get_by_role("row").nth(1).get_by_role("cell")).to_have_text(
        ["Li Wei, Shenzhen Robotics", "you", "Awaiting an answer", "Withdraw"]
    )
    screenshot(anna, FLOW, "3-requested-desktop")

    # Li Wei reads it in the inbox and accepts.
    li = new_page()
    sign_in(li, site, "li.wei@szrobotics.example")
    li.get_by_role("link", name="Inbox").click()
    expect(li.get_by_role("heading", level=1)).to_have_text("Inbox")
    notification = li.get_by_role("article").filter(
        has=li.get_by_role("heading", name="Anna Rossi (Politecnico di Bergamo) asks you")
    )
    notification.get_by_role("button", name="Open").click()
    expect(li.get_by_role("heading", level=1)).to_have_text(f"B2B meetings at {EDITION}")
    waiting = li.get_by_role("region", name="Requests awaiting your answer")
    request = waiting.get_by_role("article")
    expect(request.get_by_role("heading")).to_have_text("Anna Rossi, Politecnico di Bergamo")
    expect(request.locator("blockquote")).to_have_text(MESSAGE)
    assert axe_violations(li) == []
    screenshot(li, FLOW, "4-incoming-desktop")
    request.get_by_role("button", name="Accept").click()
    expect(li.get_by_role("status")).to_have_text("You accepted the request.")
    expect(waiting).to_contain_text("No request is waiting for you.")
    expect(li.get_by_role("row").nth(1).get_by_role("cell")).to_have_text(
        ["Anna Rossi, Politecnico di Bergamo", "them", "Accepted", ""]
    )
    screenshot(li, FLOW, "5-accepted-desktop")

    # Staff run the scheduler for the whole edition.
    staff, secret = staff_with_totp
    desk = new_page()
    sign_in_with_totp(desk, site, staff.email, secret)
    desk.goto(f"{site}/en/b2b/{YEAR}/")
    b2b_nav(desk).get_by_role("link", name="Staff: schedule").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(f"B2B schedule of {EDITION}")
    scope = desk.get_by_role("combobox", name="Session")
    expect(scope.locator("option:checked")).to_have_text("The whole edition")
    assert axe_violations(desk) == []
    screenshot(desk, FLOW, "6-staff-desktop")
    desk.get_by_role("button", name="Run the scheduler").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Scheduling run")
    run = desk.locator("#run-status")
    expect(run.locator("strong")).to_have_text("Done")
    expect(run.locator("dl > div")).to_have_text(
        # With the project's lower bound: no schedule of this meeting has fewer breaks.
        [
            "Accepted requests1",
            "Placed1",
            "Unplaced0",
            "Breaks0",
            "Lower boundoptimal",
            "Break spread0",
        ]
    )
    screenshot(desk, FLOW, "7-run-desktop")
    # Staff's list of requests shows the accepted one, with its meeting to cancel if need be.
    b2b_nav(desk).get_by_role("link", name="Staff: requests").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(f"B2B requests of {EDITION}")
    listed = desk.get_by_role("table").get_by_role("row").nth(1)
    expect(listed).to_contain_text("Anna Rossi, Politecnico di Bergamo")
    expect(listed).to_contain_text("Accepted")
    expect(listed.get_by_role("button", name="Cancel the meeting")).to_be_visible()
    assert axe_violations(desk) == []
    screenshot(desk, FLOW, "7-requests-desktop")
    # The grid, then the meeting's page where staff move, cancel or lock it.
    b2b_nav(desk).get_by_role("link", name="Staff: schedule").click()
    desk.get_by_role("link", name="B2B morning").click()
    grid = desk.get_by_role("table")
    expect(grid.locator("caption")).to_have_text("Slots × tables; times in Italy time")
    assert axe_violations(desk) == []
    grid.get_by_role("link", name="Anna Rossi – Li Wei").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Meeting of Anna Rossi and Li Wei")
    desk.get_by_role("button", name="Lock in place").click()
    expect(desk.get_by_role("status")).to_have_text(
        "The meeting is locked: scheduling runs leave it here."
    )
    assert axe_violations(desk) == []
    screenshot(desk, FLOW, "7-meeting-desktop")

    # Both open their agenda: partner, time in the edition's zone, table.
    for person, partner, name in (
        (anna, "Li Wei, Shenzhen Robotics", "anna"),
        (li, "Anna Rossi, Politecnico di Bergamo", "li"),
    ):
        open_agenda(person, partner)
        assert axe_violations(person) == []
        screenshot(person, FLOW, f"8-agenda-{name}-desktop")
        phone = phone_copy(new_page, person)
        phone.goto(f"{site}/en/b2b/{YEAR}/agenda/")
        expect(phone.get_by_role("row").nth(1)).to_contain_text(partner)
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(phone, FLOW, f"8-agenda-{name}-phone")


def keyboard_sign_in(page, address: str, email: str) -> None:
    """Open the B2B page (which asks to sign in first) and sign in with the keyboard alone."""
    page.goto(f"{address}/en/b2b/{YEAR}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign In")
    tab_to(page, "el.name === 'login'")
    page.keyboard.type(email)
    tab_to(page, "el.name === 'password'")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"B2B meetings at {EDITION}")


def test_request_and_accept_with_the_keyboard_alone(b2b, new_page) -> None:
    anna = new_page()
    keyboard_sign_in(anna, b2b, "anna.rossi@polibg.example")
    tab_to(anna, named("Find partners"))
    anna.keyboard.press("Enter")
    expect(anna.get_by_role("heading", level=1)).to_have_text("Find partners")
    tab_to(anna, named("Li Wei"))
    anna.keyboard.press("Enter")
    expect(anna.get_by_role("heading", level=1)).to_have_text("Li Wei")
    tab_to(anna, "el.name === 'message'")
    anna.keyboard.type(MESSAGE)
    tab_to(anna, named("Send the request"))
    anna.keyboard.press("Enter")
    expect(anna.get_by_role("status")).to_have_text("Your request was sent.")

    li = new_page()
    keyboard_sign_in(li, b2b, "li.wei@szrobotics.example")
    expect(li.locator("blockquote")).to_have_text(MESSAGE)
    tab_to(li, named("Accept"))
    li.keyboard.press("Enter")
    expect(li.get_by_role("status")).to_have_text("You accepted the request.")
