"""Accounts with allauth: sign-up, verification, reset, e-mail change, limits, no enumeration."""

import re

import pytest
from django.core import mail

from portal.core.models import User
from tests.core.factories import VerifiedUserFactory

PASSWORD = "a long and unusual passphrase 42"


def link_in(message) -> str:
    # Links in e-mails are on SITE_URL (127.0.0.1:8000 in tests), not the request's host.
    return re.search(r"https?://127\.0\.0\.1:8000(/\S+)", message.body).group(1)


def sign_up(client, email: str):
    return client.post(
        "/en/accounts/signup/",
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "full_name": "New Person",
            "privacy": "on",
        },
    )


@pytest.mark.django_db
def test_signup_sends_a_verification_link_that_verifies_the_address(client) -> None:
    response = sign_up(client, "new@example.org")
    assert (response.status_code, response["Location"]) == (302, "/en/accounts/confirm-email/")
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    link = link_in(mail.outbox[0])
    assert link.startswith("/en/accounts/confirm-email/")
    page = client.get(link)
    assert page.status_code == 200
    assert client.post(link).status_code == 302
    user = User.objects.get(email="new@example.org")
    assert user.emailaddress_set.get().verified is True


@pytest.mark.django_db
def test_login_is_refused_until_the_address_is_verified(client) -> None:
    sign_up(client, "new@example.org")
    client.logout()
    response = client.post(
        "/en/accounts/login/", {"login": "new@example.org", "password": PASSWORD}
    )
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signup_gives_the_same_answer_for_a_known_address(client) -> None:
    VerifiedUserFactory(email="known@example.org")
    known = sign_up(client, "known@example.org")
    client.logout()
    unknown = sign_up(client, "unknown@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    # Both get one e-mail: the known address is told an account exists, nothing on the page.
    assert sorted(m.to[0] for m in mail.outbox) == ["known@example.org", "unknown@example.org"]
    assert User.objects.filter(email__iexact="known@example.org").count() == 1


@pytest.mark.django_db
def test_password_reset_gives_the_same_answer_for_known_and_unknown(client) -> None:
    VerifiedUserFactory(email="known@example.org")
    known = client.post("/en/accounts/password/reset/", {"email": "known@example.org"})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (302, "/en/accounts/password/reset/done/")
    assert (unknown.status_code, unknown["Location"]) == (302, "/en/accounts/password/reset/done/")
    assert client.get(known["Location"]).content == client.get(unknown["Location"]).content


@pytest.mark.django_db
def test_password_reset_link_sets_a_new_password(client) -> None:
    VerifiedUserFactory(email="known@example.org")
    client.post("/en/accounts/password/reset/", {"email": "known@example.org"})
    link = link_in(mail.outbox[0])
    form_url = client.get(link)["Location"]
    new = "another long passphrase 77"
    response = client.post(form_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    assert User.objects.get(email="known@example.org").check_password(new)


@pytest.mark.django_db
def test_sixth_failed_login_for_one_address_in_five_minutes_is_refused(client) -> None:
    VerifiedUserFactory(email="target@example.org")
    for _attempt in range(5):
        response = client.post(
            "/en/accounts/login/", {"login": "target@example.org", "password": "wrong"}
        )
        assert "The email address and/or password you specified are not correct." in (
            response.content.decode()
        )
    # Even the right password is refused now: the address is locked for a while.
    response = client.post(
        "/en/accounts/login/",
        {"login": "target@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_verified_user_signs_in(client) -> None:
    user = VerifiedUserFactory(email="known@example.org")
    response = client.post(
        "/en/accounts/login/",
        {"login": "known@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_email_change_sends_a_verification_to_the_new_address(client) -> None:
    user = VerifiedUserFactory(email="old@example.org")
    client.force_login(user)
    response = client.post("/en/accounts/email/", {"action_add": "", "email": "new@example.org"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    assert list(user.emailaddress_set.order_by("email").values_list("email", "verified")) == [
        ("new@example.org", False),
        ("old@example.org", True),
    ]


@pytest.mark.parametrize(
    ("prefix", "heading"),
    [("en", "Sign In"), ("it", "Accedi"), ("zh-hans", "登录")],
)
@pytest.mark.django_db
def test_account_pages_use_the_site_layout_in_each_language(client, prefix, heading) -> None:
    page = client.get(f"/{prefix}/accounts/login/").content.decode()
    assert 'class="site-header"' in page
    assert f'<html lang="{prefix}">' in page
    assert heading in page


@pytest.mark.django_db
def test_account_management_pages_have_the_account_menu(client) -> None:
    client.force_login(VerifiedUserFactory())
    page = client.get("/en/accounts/email/").content.decode()
    assert 'aria-label="My account"' in page
    assert 'href="/en/accounts/2fa/"' in page
    assert 'class="site-header"' in page


@pytest.mark.django_db
def test_login_gives_the_same_answer_for_unknown_address_and_wrong_password(client) -> None:
    VerifiedUserFactory(email="known@example.org")
    wrong = client.post("/en/accounts/login/", {"login": "known@example.org", "password": "nope"})
    unknown = client.post(
        "/en/accounts/login/", {"login": "nobody@example.org", "password": "nope"}
    )
    message = "The email address and/or password you specified are not correct."
    assert message in wrong.content.decode()
    assert message in unknown.content.decode()


@pytest.mark.parametrize(
    ("path", "signed_in"),
    [
        ("/en/accounts/signup/", False),
        ("/en/accounts/password/reset/", False),
        ("/en/accounts/confirm-email/", False),
        ("/en/accounts/email/", True),
        ("/en/accounts/password/change/", True),
        ("/en/accounts/2fa/", True),
        ("/zh-hans/accounts/2fa/", True),
        ("/it/accounts/logout/", True),
    ],
)
@pytest.mark.django_db
def test_account_pages_render_in_the_layout(client, path, signed_in) -> None:
    if signed_in:
        client.force_login(VerifiedUserFactory())
    response = client.get(path)
    assert response.status_code == 200
    assert 'class="site-header"' in response.content.decode()
