"""A real browser (Debian's Chromium, driven by Playwright) against the live site."""

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.conftest import CHROMIUM

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# fixtures in that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def site(live_server, transactional_db, settings) -> str:
    """The live site with the programme's content loaded; e-mails link to it."""
    call_command("load_content", verbosity=0)
    settings.SITE_URL = settings.NOTIFICATION_BASE_URL = live_server.url
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, flow: str, name: str) -> Path:
    """Save a full-page screenshot under var/screenshots/<flow>/."""
    folder = SCREENSHOTS / flow
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """Run axe-core in the page; the CSP blocks injected tags, so evaluate the source."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in impacts
    ]


PASSWORD = "correct horse battery staple"  # the one tests.factories.UserFactory sets


@pytest.fixture
def fast_passwords(settings) -> None:
    # Sign-ups and factories hash passwords; the production hasher makes each one slow.
    # The live server runs in this process, so it sees the override too.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def new_page(browser) -> Iterator:
    """Open a desktop page in a browser context of its own: one person, one set of cookies."""
    contexts = []

    def open_page(viewport: dict = DESKTOP):
        phone = viewport == PHONE
        context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def staff_with_totp(db, settings, fast_passwords):
    """A staff member whom the portal requires to sign in with an authenticator app.

    Returns (user, secret). A code is valid for one 30-second step; one step of tolerance on
    each side keeps a sign-in that straddles a step boundary from failing at random.
    """
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.core.factories import VerifiedUserFactory

    settings.MFA_TOTP_TOLERANCE = 1
    user = VerifiedUserFactory(
        email="staff@ponte.example", full_name="Chiara Staff", is_staff=True, mfa_required=True
    )
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return user, secret


def _submit_login(page, site: str, email: str, password: str) -> None:
    page.goto(f"{site}/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def _signed_in(page) -> None:
    # Wait for the page after the sign-in: a goto() right after the click could cancel it.
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_in(page, site: str, email: str, password: str = PASSWORD) -> None:
    """Sign in through allauth's form, as a person would."""
    _submit_login(page, site, email, password)
    _signed_in(page)


def sign_in_with_totp(page, site: str, email: str, secret: str) -> None:
    """Sign in with the password, then the authenticator code allauth asks for next."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    _submit_login(page, site, email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-Factor Authentication")
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Sign In").click()
    _signed_in(page)


def tab_to(page, condition: str, limit: int = 60) -> None:
    """Press Tab until the focused element meets `condition` (JavaScript on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {condition})(document.activeElement)"):
            return
    pytest.fail(f"Tab never reached an element where {condition}")


def named(text: str) -> str:
    """A `tab_to` condition: the focused element's text is `text`."""
    return f"el.textContent.trim() === {text!r}"
