"""Accounts that know who you are: the language signed up in, e-mails from the programme on the
configured address, what next after confirming, My account, names others see."""

import re

import pytest
from django.core import mail
from django.utils import translation

from portal.core.links import link_in_language, site_link
from portal.core.models import Notification, User
from portal.core.notifications.zones import home_zone
from portal.core.privacy import PRIVACY_NOTICE_VERSION
from portal.core.services import organisations as organisation_services
from tests.core.factories import AdminMembershipFactory, VerifiedUserFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

PASSWORD = "a long and unusual passphrase 42"
SITE = "https://ponte.example.org"


@pytest.fixture(autouse=True)
def _site(settings) -> None:
    # As a production site is configured: PONTE_SITE_URL sets both.
    settings.SITE_URL = SITE
    settings.NOTIFICATION_BASE_URL = SITE


def sign_up(client, email: str, language: str = "en", **extra):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "full_name": "Wang Wei",
        "privacy": "on",
        **extra,
    }
    return client.post(f"/{language}/accounts/signup/", data)


def confirmation_link(message) -> str:
    return re.search(re.escape(SITE) + r"(/\S+)", message.body).group(1)


# 1. The language of the account


@pytest.mark.django_db
def test_signup_under_zh_hans_stores_chinese_name_and_privacy_version(client) -> None:
    response = sign_up(client, "wang.wei@example.cn", "zh-hans")
    assert response["Location"] == "/zh-hans/accounts/confirm-email/"
    user = User.objects.get(email="wang.wei@example.cn")
    assert (user.language, user.full_name, user.privacy_version) == (
        "zh-hans",
        "Wang Wei",
        PRIVACY_NOTICE_VERSION,
    )
    assert user.privacy_accepted_at is not None


@pytest.mark.django_db
def test_signup_under_it_stores_italian(client) -> None:
    sign_up(client, "giulia@example.it", "it")
    assert User.objects.get(email="giulia@example.it").language == "it"


@pytest.mark.django_db
def test_signup_without_accepting_the_privacy_notice_is_refused(client) -> None:
    response = client.post(
        "/en/accounts/signup/",
        {"email": "x@example.org", "password1": PASSWORD, "password2": PASSWORD, "full_name": "X"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["privacy"] == ["This field is required."]
    assert not User.objects.filter(email="x@example.org").exists()


@pytest.mark.django_db
def test_zh_hans_account_gets_approval_notification_in_chinese_with_zh_hans_links(
    client, django_capture_on_commit_callbacks
) -> None:
    sign_up(client, "wang.wei@example.cn", "zh-hans")
    client.post(confirmation_link(mail.outbox[0]))
    person = User.objects.get(email="wang.wei@example.cn")
    organisation = OrganisationFactory(slug="zju", name_en="Zhejiang Lab", status="pending")
    AdminMembershipFactory(organisation=organisation, user=person)
    mail.outbox.clear()
    # Staff act in English: the link is reversed under /en/.
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        organisation_services.organisation_approve(
            organisation=organisation, by=UserFactory(is_staff=True)
        )
    notification = Notification.objects.get(recipient=person)
    assert notification.language == "zh-hans"
    assert notification.subject == "Zhejiang Lab 已加入合作伙伴名录"
    assert notification.link == "/zh-hans/partners/zju/"
    [message] = mail.outbox
    assert message.subject == "Zhejiang Lab 已加入合作伙伴名录"
    assert f"{SITE}/zh-hans/partners/zju/" in message.body
    assert "/en/" not in message.body


@pytest.mark.django_db
def test_password_reset_asked_from_an_english_page_arrives_in_the_account_language(
    client,
) -> None:
    VerifiedUserFactory(email="wang.wei@example.cn", language="zh-hans")
    client.post("/en/accounts/password/reset/", {"email": "wang.wei@example.cn"})
    [message] = mail.outbox
    assert message.subject == "[Ponte] 密码重置邮件"
    assert f"{SITE}/zh-hans/accounts/password/reset/key/" in message.body
    assert "Ponte – 中意科技创新合作项目" in message.body
    assert "testserver" not in message.body


@pytest.mark.django_db
def test_invitation_to_an_italian_account_links_under_it(
    client, django_capture_on_commit_callbacks
) -> None:
    organisation = OrganisationFactory(slug="org-a")
    admin = AdminMembershipFactory(organisation=organisation).user
    UserFactory(email="giulia@example.it", language="it")
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/my/organisations/org-a/invite/", {"email": "giulia@example.it", "role": "member"}
        )
    [message] = mail.outbox
    assert re.search(re.escape(SITE) + r"/it/invitations/\S+/", message.body)
    assert "testserver" not in message.body


def test_link_in_language_moves_the_prefix_and_keeps_the_query() -> None:
    assert link_in_language("/en/partners/zju/?tab=1", "zh-hans") == "/zh-hans/partners/zju/?tab=1"
    assert link_in_language("/it/partners/zju/", "it") == "/it/partners/zju/"
    # No language prefix: left alone.
    assert link_in_language("/healthz", "it") == "/healthz"


def test_site_link_puts_any_host_on_the_configured_address() -> None:
    assert (
        site_link("http://127.0.0.1:8000/en/accounts/confirm-email/k/", "it")
        == f"{SITE}/it/accounts/confirm-email/k/"
    )


# 2. The verification e-mail, and after confirming


@pytest.mark.django_db
def test_verification_email_says_who_writes_on_the_configured_address(client) -> None:
    sign_up(client, "wang.wei@example.cn", "zh-hans")
    [message] = mail.outbox
    assert message.subject == "[Ponte] 请确认您的电子邮件地址"
    assert message.body.startswith("此邮件来自 Ponte – 中意科技创新合作项目。")
    assert "有人（可能是您本人）使用此电子邮件地址在 ponte.example.org 上创建账户。" in message.body
    assert confirmation_link(message).startswith("/zh-hans/accounts/confirm-email/")
    for wrong in ("127.0.0.1", "testserver", "example.com"):
        assert wrong not in message.body


@pytest.mark.django_db
def test_confirming_in_the_same_browser_signs_in_and_leads_to_what_next(client) -> None:
    sign_up(client, "wang.wei@example.cn", "zh-hans")
    response = client.post(confirmation_link(mail.outbox[0]))
    assert response["Location"] == "/zh-hans/my/welcome/"
    user = User.objects.get(email="wang.wei@example.cn")
    assert client.session["_auth_user_id"] == str(user.pk)
    page = client.get("/en/my/welcome/").content.decode()
    assert "<h1>Welcome to Ponte</h1>" in page
    assert 'href="/en/partners/">Find your organisation</a>' in page
    assert 'href="/en/my/organisations/new/">Register an organisation</a>' in page


@pytest.mark.django_db
def test_confirming_in_another_browser_asks_to_sign_in_then_what_next(client) -> None:
    sign_up(client, "wang.wei@example.cn")
    link = confirmation_link(mail.outbox[0])
    client.logout()
    response = client.post(link)
    assert response["Location"] == "/en/accounts/login/?next=%2Fen%2Fmy%2Fwelcome%2F"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_verification_sent_page_links_to_contact(client) -> None:
    sign_up(client, "x@example.org")
    page = client.get("/it/accounts/confirm-email/").content.decode()
    assert '<a href="/it/contact/">Contatti</a>' in page


# 3. My account


@pytest.mark.django_db
def test_header_links_my_account(client) -> None:
    client.force_login(UserFactory())
    page = client.get("/en/").content.decode()
    assert '<a href="/en/my/account/">My account</a>' in page


@pytest.mark.django_db
def test_my_account_saves_names_language_zone_and_country(client) -> None:
    user = UserFactory(full_name="", country="")
    client.force_login(user)
    page = client.get("/en/my/account/").content.decode()
    assert 'href="/en/inbox/preferences/"' in page
    response = client.post(
        "/en/my/account/",
        {
            "full_name": "Wang Wei",
            "native_name": "王伟",
            "language": "it",
            "time_zone": "Asia/Shanghai",
            "country": "IT",
        },
    )
    assert response["Location"] == "/it/my/account/"
    user.refresh_from_db()
    assert (user.full_name, user.native_name, user.language, user.time_zone, user.country) == (
        "Wang Wei",
        "王伟",
        "it",
        "Asia/Shanghai",
        "IT",
    )
    assert user.public_name == "Wang Wei (王伟)"


@pytest.mark.django_db
def test_my_account_refuses_an_empty_name_and_an_unknown_zone(client) -> None:
    user = UserFactory(full_name="Giulia Ferri")
    client.force_login(user)
    response = client.post(
        "/en/my/account/",
        {"full_name": " ", "language": "en", "time_zone": "Mars/Olympus", "country": ""},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["full_name"] == ["This field is required."]
    assert errors["time_zone"] == [
        "Select a valid choice. Mars/Olympus is not one of the available choices."
    ]
    user.refresh_from_db()
    assert user.full_name == "Giulia Ferri"


@pytest.mark.django_db
def test_the_chosen_zone_wins_over_the_country() -> None:
    assert home_zone(UserFactory(country="IT", time_zone="")) == "Europe/Rome"
    assert home_zone(UserFactory(country="IT", time_zone="Asia/Shanghai")) == "Asia/Shanghai"


@pytest.mark.django_db
def test_members_list_never_shows_an_email_as_a_name_to_members(client) -> None:
    organisation = OrganisationFactory(slug="org-a")
    MembershipFactory(
        organisation=organisation, user=UserFactory(email="noname@example.org", full_name="")
    )
    member = MembershipFactory(organisation=organisation).user
    client.force_login(member)
    page = client.get("/en/my/organisations/org-a/").content.decode()
    assert "<td>A member</td>" in page
    assert "noname@example.org" not in page


@pytest.mark.django_db
def test_members_list_shows_addresses_to_admins(client) -> None:
    organisation = OrganisationFactory(slug="org-a")
    MembershipFactory(
        organisation=organisation, user=UserFactory(email="noname@example.org", full_name="")
    )
    client.force_login(AdminMembershipFactory(organisation=organisation).user)
    page = client.get("/en/my/organisations/org-a/").content.decode()
    assert 'A member<br><span class="meta">noname@example.org</span>' in page


def test_public_name_forms() -> None:
    assert User(full_name="Wang Wei", native_name="王伟").public_name == "Wang Wei (王伟)"
    assert User(full_name="", native_name="王伟").public_name == "王伟"
    assert User(full_name="Giulia Ferri", native_name="Giulia Ferri").public_name == (
        "Giulia Ferri"
    )
    assert User(email="x@example.org").public_name == ""
