"""The rights matrix of two-factor: every staff URL of the site, with staff who skipped it.

Staff URLs are found by walking the URL resolver, as tests/security/test_headers.py does:
every view wrapped in portal.core.staff.staff_required, plus the admin. Each is asked for by a
staff session that passed only the password step (sent to enter a code) and by a staff account
without an authenticator (sent to set one up). A new staff URL fails
`test_every_staff_url_is_known` until it is added to STAFF_URLS below, and the walk then checks
it like the others.
"""

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from portal.core.mfa import EXEMPT
from tests.factories import UserFactory, force_login_without_second_factor, give_totp
from tests.security.test_headers import PATHS, _piece

SET_UP = "/en/accounts/2fa/totp/activate/"

STAFF_URLS = {
    "agreements:ceremony",
    "agreements:document_add",
    "agreements:document_publish",
    "agreements:project_add",
    "agreements:status",
    "events:activity_create",
    "events:activity_delete",
    "events:activity_edit",
    "events:activity_host_to_directory",
    "events:mission_create",
    "events:staff_mission",
    "events:staff_missions",
    "events:stop_create",
    "events:stop_delete",
    "events:stop_edit",
    "matchmaking:cancel",
    "matchmaking:feedback_overview",
    "matchmaking:grid",
    "matchmaking:grid_csv",
    "matchmaking:grid_print",
    "matchmaking:lock",
    "matchmaking:move",
    "matchmaking:on_behalf",
    "matchmaking:run",
    "matchmaking:run_confirm",
    "matchmaking:run_start",
    "matchmaking:staff",
    "matchmaking:staff_requests",
    "matchmaking:swap",
    "notifications:retry",
    "notifications:staff",
    "portal:review",
    "portal:staff_personal_data",
    "programme:attendance_csv",
    "programme:checkin",
    "programme:checkin_scan",
    "programme:checkin_search",
    "portal:review_change_approve",
    "portal:review_change_reject",
    "shell:figures_csv",
    "portal:review_organisation_approve",
    "portal:review_organisation_reject",
    "portal:review_profile_approve",
    "portal:review_profile_reject",
    "programme:staff_badge",
    "programme:staff_badge_reprint",
    "programme:staff_badges",
    "programme:staff_edition_copy",
    "programme:staff_registration_cancel",
    "programme:staff_registration_confirm",
    "programme:staff_registrations",
    "programme:staff_registrations_csv",
    "programme:staff_showcase",
    "programme:staff_showcase_decline",
    "programme:staff_showcase_shortlist",
}


def walk(
    resolver: URLResolver | None = None, prefix: str = "/", namespace: str = ""
) -> Iterator[tuple[str, str, object]]:
    """(path with sample arguments, namespaced name, view) for every URL pattern."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        path = prefix + _piece(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            yield from walk(entry, path, ":".join(n for n in (namespace, inner) if n))
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
            yield path, name, entry.callback


URLS = list(walk())
STAFF = sorted(
    {
        (path, name)
        for path, name, view in URLS
        if getattr(view, "staff_required", False) or name.startswith("admin:")
    }
)


def test_every_staff_url_is_known() -> None:
    decorated = {name for _path, name, view in URLS if getattr(view, "staff_required", False)}
    assert decorated == STAFF_URLS
    # The admin is in the walk: its index, its sign-in and the pages of every model.
    admin = {path for path, name in STAFF if name.startswith("admin:")}
    assert {"/en/admin/", "/en/admin/login/", "/en/admin/portal/user/"} <= admin


def test_pages_that_look_like_staff_pages_are_staff_pages() -> None:
    # A staff view written without the decorator would escape the walk: no such path may exist.
    for path, name, view in URLS:
        if "/staff/" in path or path.endswith(".csv"):
            assert getattr(view, "staff_required", False), (path, name)


@pytest.fixture
def staff_with_authenticator(db):
    staff = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    give_totp(staff)
    return staff


def reauthenticate(path: str) -> str:
    return f"/en/accounts/2fa/reauthenticate/?next={quote(path, safe='')}"


# One test walks every staff URL (a test per URL would hash a password per URL: minutes).
def test_every_staff_url_asks_a_password_only_session_for_the_code(
    client, staff_with_authenticator
) -> None:
    force_login_without_second_factor(client, staff_with_authenticator)
    for path, name in STAFF:
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, reauthenticate(path)), name
        # A form sent without the code is not replayed after it: back to the home page.
        response = client.post(path)
        assert (response.status_code, response["Location"]) == (302, reauthenticate("/en/")), name


@pytest.mark.django_db
def test_every_staff_url_sends_staff_without_an_authenticator_to_set_one_up(client) -> None:
    force_login_without_second_factor(client, UserFactory(is_staff=True))
    for path, name in STAFF:
        for response in (client.get(path), client.post(path)):
            assert (response.status_code, response["Location"]) == (302, SET_UP), name


@pytest.mark.django_db
def test_the_staff_decorator_holds_without_the_middleware(
    client, settings, staff_with_authenticator
) -> None:
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "portal.core.mfa.RequireMFAMiddleware"
    ]
    force_login_without_second_factor(client, staff_with_authenticator)
    for path, name in STAFF:
        response = client.get(path)
        assert response.status_code == 302, name
        if name == "admin:logout":
            assert response["Location"] == "/en/admin/"
        elif name.startswith("admin:") and name != "admin:login":
            # The admin sends to its sign-in first, which sends on to the code.
            assert response["Location"].startswith("/en/admin/login/?next="), name
        else:
            assert response["Location"] == reauthenticate(path), name


@pytest.mark.django_db
def test_no_page_of_the_site_opens_to_staff_who_skipped_the_code(
    client, staff_with_authenticator
) -> None:
    # Pages that are not staff pages show staff more (restricted agreements, any delegation):
    # a staff session that skipped the code gets none of them.
    force_login_without_second_factor(client, staff_with_authenticator)
    for path in PATHS:
        if EXEMPT.match(path):
            continue
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/en/accounts/2fa/reauthenticate/?next="), path
