"""Two-factor authentication: optional for everyone, required of staff and of whom staff say."""

import re
import time

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.core.factories import VerifiedUserFactory

PASSWORD = "correct horse battery staple"


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(client, email: str):
    return client.post("/en/accounts/login/", {"login": email, "password": PASSWORD})


def reauthenticate(client) -> None:
    # allauth asks for the password again before an authenticator is added.
    response = client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302


def activate_totp(client) -> str:
    reauthenticate(client)
    page = client.get("/en/accounts/2fa/totp/activate/").content.decode()
    secret = re.search(r'value="([A-Z2-7]{16,})"', page).group(1)
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    return secret


@pytest.mark.django_db
def test_person_required_to_use_2fa_is_sent_to_set_it_up(client) -> None:
    user = VerifiedUserFactory(email="staff@example.org", mfa_required=True)
    sign_in(client, user.email)
    response = client.get("/en/partners/")
    assert (response.status_code, response["Location"]) == (302, "/en/accounts/2fa/totp/activate/")
    assert client.get("/en/my/organisations/")["Location"] == "/en/accounts/2fa/totp/activate/"
    # The set-up pages stay reachable (allauth first asks for the password again).
    assert client.get("/en/accounts/2fa/totp/activate/")["Location"] == (
        "/en/accounts/reauthenticate/?next=%2Fen%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    )
    reauthenticate(client)
    assert client.get("/en/accounts/2fa/totp/activate/").status_code == 200


@pytest.mark.django_db
def test_required_2fa_lets_the_person_through_once_set_up(client) -> None:
    user = VerifiedUserFactory(email="staff@example.org", mfa_required=True)
    sign_in(client, user.email)
    secret = activate_totp(client)
    assert Authenticator.objects.filter(user=user, type="totp").count() == 1
    # Setting the app up proved the app, not this session: one code, then the pages open.
    assert client.get("/en/partners/")["Location"] == (
        "/en/accounts/2fa/reauthenticate/?next=%2Fen%2Fpartners%2F"
    )
    with time_machine.travel(time.time() + 31):
        response = client.post(
            "/en/accounts/2fa/reauthenticate/?next=/en/partners/", {"code": current_code(secret)}
        )
    assert response["Location"] == "/en/partners/"
    assert client.get("/en/partners/").status_code == 200


@pytest.mark.django_db
def test_2fa_is_not_required_of_others(client) -> None:
    user = VerifiedUserFactory(email="person@example.org")
    sign_in(client, user.email)
    assert client.get("/en/partners/").status_code == 200


@pytest.mark.django_db
def test_signing_in_with_totp_asks_for_the_code(client) -> None:
    user = VerifiedUserFactory(email="careful@example.org")
    sign_in(client, user.email)
    secret = activate_totp(client)
    client.logout()
    # A code may be used once: sign in again in the next 30-second window.
    with time_machine.travel(time.time() + 31):
        response = sign_in(client, user.email)
        assert response["Location"] == "/en/accounts/2fa/authenticate/"
        assert "_auth_user_id" not in client.session
        response = client.post("/en/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_staff_require_2fa_from_the_admin(client) -> None:
    staff = VerifiedUserFactory(email="boss@example.org", is_staff=True, is_superuser=True)
    person = VerifiedUserFactory(email="person@example.org")
    client.force_login(staff)
    response = client.post(
        "/en/admin/portal/user/",
        {"action": "require_mfa", "_selected_action": [person.pk]},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.mfa_required is True
