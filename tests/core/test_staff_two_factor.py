"""Staff reach staff pages and the admin only with an authenticator, from a session that used it."""

import re
import time
from urllib.parse import quote

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.core.management import call_command

from portal.core.models import User
from tests.core.factories import VerifiedUserFactory
from tests.factories import (
    force_login_without_second_factor,
    give_totp,
    totp_code,
)

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
SET_UP = "/en/accounts/2fa/totp/activate/"
# A staff page of each kind: review, the admin, B2B staff pages, CSV exports.
STAFF_PAGES = [
    "/en/staff/review/",
    "/en/admin/",
    "/en/admin/portal/user/",
    "/en/b2b/2016/staff/",
    "/en/b2b/2016/staff/sessions/1/schedule.csv",
    "/en/week/2016/staff/registrations.csv",
    "/en/figures/agreements-by-kind.csv",
    "/en/missions/staff/",
    "/en/agreements/record/",
    "/en/inbox/staff/",
]


def reauthenticate_url(path: str) -> str:
    return f"/en/accounts/2fa/reauthenticate/?next={quote(path, safe='')}"


@pytest.fixture
def staff(db) -> User:
    user = VerifiedUserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    give_totp(user)
    return user


def test_admin_login_with_the_password_alone_signs_nobody_in(client, staff) -> None:
    response = client.post(
        "/en/admin/login/?next=/en/admin/",
        {"username": staff.email, "password": PASSWORD, "next": "/en/admin/"},
    )
    assert (response.status_code, response["Location"]) == (
        302,
        "/en/accounts/login/?next=%2Fen%2Fadmin%2F",
    )
    assert "_auth_user_id" not in client.session
    for path in STAFF_PAGES:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].split("?")[0] in {"/en/accounts/login/", "/en/admin/login/"}


def test_the_admin_signs_staff_in_through_allauth_with_the_code(client, staff) -> None:
    response = client.get("/en/admin/")
    assert response["Location"] == "/en/admin/login/?next=/en/admin/"
    assert (
        client.get(response["Location"])["Location"] == "/en/accounts/login/?next=%2Fen%2Fadmin%2F"
    )
    response = client.post(
        "/en/accounts/login/?next=/en/admin/", {"login": staff.email, "password": PASSWORD}
    )
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    response = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code()})
    assert (response.status_code, response["Location"]) == (302, "/en/admin/")
    page = client.get("/en/admin/")
    assert page.status_code == 200
    assert "Site administration" in page.content.decode()


def test_admin_login_is_rate_limited_as_the_sign_in_is(client, staff) -> None:
    # The admin's own form is gone: wrong passwords count against allauth's limits.
    for _attempt in range(5):
        client.post("/en/accounts/login/", {"login": staff.email, "password": "wrong"})
    response = client.post("/en/admin/login/", {"username": staff.email, "password": PASSWORD})
    assert response["Location"] == "/en/accounts/login/?next=%2Fen%2Fadmin%2Flogin%2F"
    response = client.post("/en/accounts/login/", {"login": staff.email, "password": PASSWORD})
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_session_without_the_second_step_is_sent_to_enter_the_code(client, staff) -> None:
    force_login_without_second_factor(client, staff)
    for path in STAFF_PAGES:
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, reauthenticate_url(path))
    # A state change is refused as well, and sends to the same step.
    response = client.post("/en/staff/review/organisations/1/approve/")
    assert (response.status_code, response["Location"]) == (302, reauthenticate_url("/en/"))

    response = client.post(reauthenticate_url("/en/staff/review/"), {"code": totp_code()})
    assert (response.status_code, response["Location"]) == (302, "/en/staff/review/")
    page = client.get("/en/staff/review/")
    assert page.status_code == 200
    assert "Waiting for review" in page.content.decode()


def test_a_wrong_code_does_not_open_staff_pages(client, staff) -> None:
    force_login_without_second_factor(client, staff)
    response = client.post(reauthenticate_url("/en/staff/review/"), {"code": "000000"})
    assert response.status_code == 200
    assert client.get("/en/staff/review/")["Location"] == reauthenticate_url("/en/staff/review/")


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client) -> None:
    staff = VerifiedUserFactory(email="new-staff@example.org", is_staff=True)
    force_login_without_second_factor(client, staff)
    for path in STAFF_PAGES:
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, SET_UP), path
    page = client.get("/en/staff/review/", follow=True).content.decode()
    assert (
        "Staff accounts must use two-factor authentication: "
        "set up an authenticator app to continue."
    ) in page
    # Public pages too: a staff account is never used without its second factor.
    assert client.get("/en/partners/")["Location"] == SET_UP


def test_createsuperuser_accounts_must_set_up_an_authenticator(client, monkeypatch) -> None:
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", interactive=False, email="root@example.org", verbosity=0)
    root = User.objects.get(email="root@example.org")
    assert (root.is_staff, root.is_superuser, root.mfa_required) == (True, True, False)
    force_login_without_second_factor(client, root)
    assert client.get("/en/admin/")["Location"] == SET_UP
    assert client.get("/en/staff/review/")["Location"] == SET_UP


def test_staff_set_up_an_authenticator_then_enter_a_code_once(client) -> None:
    staff = VerifiedUserFactory(email="new-staff@example.org", is_staff=True)
    client.post("/en/accounts/login/", {"login": staff.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/en/staff/review/")["Location"] == SET_UP
    # allauth asks for the password again before an authenticator is added.
    client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get(SET_UP).content.decode()
    secret = re.search(r'value="([A-Z2-7]{16,})"', page).group(1)
    response = client.post(SET_UP, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff, type="totp").count() == 1
    # The set-up proved the app, not this session: the code is asked for once, then never again.
    assert client.get("/en/staff/review/")["Location"] == reauthenticate_url("/en/staff/review/")
    with time_machine.travel(time.time() + 31):
        response = client.post(reauthenticate_url("/en/staff/review/"), {"code": totp_code(secret)})
    assert response["Location"] == "/en/staff/review/"
    assert client.get("/en/staff/review/").status_code == 200
    assert client.get("/en/admin/").status_code == 200


def test_staff_cannot_remove_their_authenticator(client, staff) -> None:
    client.force_login(staff)
    client.post("/en/accounts/2fa/reauthenticate/", {"code": totp_code()})
    response = client.post("/en/accounts/2fa/totp/deactivate/")
    assert response.status_code == 200
    assert "You cannot deactivate two-factor authentication." in response.content.decode()
    assert Authenticator.objects.filter(user=staff, type="totp").count() == 1
