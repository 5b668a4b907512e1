"""A newcomer signs up, verifies the e-mail, registers an organisation; staff approve it."""

import re

from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import (
    axe_violations,
    named,
    screenshot,
    sign_in_with_totp,
    tab_to,
)

FLOW = "newcomer"
EMAIL = "giulia.ferri@unisannio.example"
PASSWORD = "a long and unusual passphrase 42"
ORGANISATION = "Università del Sannio Robotics Lab"


def verification_link(site: str) -> str:
    """The link in the one e-mail sent so far: allauth's confirmation for the new address."""
    assert [m.to for m in mail.outbox] == [[EMAIL]]
    return re.search(re.escape(site) + r"/\S+", mail.outbox[0].body).group(0)


def test_newcomer_registers_an_organisation_that_staff_approve(
    site, page, phone_page, new_page, fast_passwords, staff_with_totp
) -> None:
    # Sign up from the header's link.
    page.goto(f"{site}/en/")
    page.get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign Up")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Your name").fill("Giulia Ferri")
    page.get_by_label("I have read the privacy notice.").check()
    screenshot(page, FLOW, "1-signup-desktop")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    screenshot(page, FLOW, "2-verification-sent-desktop")

    # Open the link from the e-mail and confirm.
    page.goto(verification_link(site))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Email Address")
    expect(page.get_by_role("main")).to_contain_text(f"Please confirm that {EMAIL}")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status")).to_contain_text(f"You have confirmed {EMAIL}.")
    # Same browser as the sign-up: signed in, and told what to do next.
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to Ponte")
    screenshot(page, FLOW, "3-email-confirmed-desktop")

    # Register the organisation from the "what next" page.
    page.get_by_role("main").get_by_role("link", name="Register an organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register an organisation")
    assert axe_violations(page) == []
    page.get_by_label("Name in English").fill(ORGANISATION)
    page.get_by_label("Kind").select_option(label="Research institute")
    page.get_by_label("Country").select_option(label="Italy")
    page.get_by_label("Description in English").fill(
        "Service robots for agriculture and cultural heritage."
    )
    screenshot(page, FLOW, "4-register-form-desktop")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ORGANISATION)
    expect(page.get_by_role("status")).to_have_text(
        "Thank you. The programme's staff will review the organisation soon."
    )
    expect(page.locator("p.meta").first).to_have_text("Status: Pending review")
    screenshot(page, FLOW, "5-registered-desktop")

    # Not public yet.
    page.goto(f"{site}/en/partners/?q=Sannio")
    expect(page.get_by_role("main")).to_contain_text("No organisation matches.")

    # Staff sign in with their authenticator code and approve it on the review page.
    staff, secret = staff_with_totp
    staff_page = new_page()
    sign_in_with_totp(staff_page, site, staff.email, secret)
    staff_page.get_by_role("link", name="Review").click()
    expect(staff_page.get_by_role("heading", level=1)).to_have_text("Waiting for review")
    item = staff_page.get_by_role("article").filter(
        has=staff_page.get_by_role("heading", name=ORGANISATION)
    )
    # Staff see what they decide on: kind and country, and each member with a confirmed address.
    expect(item).to_contain_text("Research institute · Italy")
    expect(item).to_contain_text(f"{EMAIL} · unisannio.example: address confirmed")
    assert axe_violations(staff_page) == []
    screenshot(staff_page, FLOW, "6-review-desktop")
    item.get_by_role("button", name="Approve").click()
    expect(staff_page.get_by_role("status")).to_have_text(f"{ORGANISATION} was approved.")
    expect(staff_page.get_by_role("main")).to_contain_text("No organisation is waiting.")
    screenshot(staff_page, FLOW, "7-approved-desktop")

    # The public directory now lists it; anyone can find it.
    page.goto(f"{site}/en/partners/")
    page.get_by_label("Search").fill("Sannio")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("main").get_by_role("status")).to_have_text("1 organisation")
    card = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=ORGANISATION))
    expect(card).to_contain_text("Research institute · Italy")
    screenshot(page, FLOW, "8-directory-desktop")
    card.get_by_role("link", name=ORGANISATION).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(ORGANISATION)
    screenshot(page, FLOW, "9-organisation-desktop")

    phone_page.goto(f"{site}/en/partners/?q=Sannio")
    expect(phone_page.get_by_role("link", name=ORGANISATION)).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone_page, FLOW, "8-directory-phone")
    phone_page.get_by_role("link", name=ORGANISATION).click()
    expect(phone_page.get_by_role("heading", level=1)).to_contain_text(ORGANISATION)
    screenshot(phone_page, FLOW, "9-organisation-phone")


def test_sign_up_with_the_keyboard_alone(site, page, fast_passwords) -> None:
    page.goto(f"{site}/en/")
    tab_to(page, named("Sign up"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign Up")
    tab_to(page, "el.name === 'email'")
    page.keyboard.type(EMAIL)
    tab_to(page, "el.name === 'password1'")
    page.keyboard.type(PASSWORD)
    tab_to(page, "el.name === 'password2'")
    page.keyboard.type(PASSWORD)
    tab_to(page, "el.name === 'full_name'")
    page.keyboard.type("Giulia Ferri")
    tab_to(page, "el.name === 'privacy'")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    assert [m.to for m in mail.outbox] == [[EMAIL]]
