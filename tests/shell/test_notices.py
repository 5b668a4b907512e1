"""Contact, privacy notice and legal notice: true, in three languages, linked from every page
and from the sign-up form; the privacy notice is versioned and read once by everyone."""

import pytest

from portal.core.models import User
from portal.core.privacy import PRIVACY_NOTICE_VERSION
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _contact(settings) -> None:
    settings.PONTE_CONTACT_EMAIL = "Ponte <info@ponte.example.org>"


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/en/contact/", "Contact"),
        ("/it/contact/", "Contatti"),
        ("/zh-hans/contact/", "联系我们"),
        ("/en/privacy/", "Privacy notice"),
        ("/it/privacy/", "Informativa sulla privacy"),
        ("/zh-hans/privacy/", "隐私声明"),
        ("/en/legal/", "Legal notice"),
        ("/it/legal/", "Note legali"),
        ("/zh-hans/legal/", "法律声明"),
    ],
)
@pytest.mark.django_db
def test_notice_pages_in_three_languages_give_the_configured_address(client, path, heading):
    page = client.get(path).content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert '<a href="mailto:info@ponte.example.org">info@ponte.example.org</a>' in page


@pytest.mark.django_db
def test_contact_address_defaults_to_the_sender_address(client, settings) -> None:
    settings.PONTE_CONTACT_EMAIL = settings.DEFAULT_FROM_EMAIL = "Ponte <noreply@ponte.example>"
    page = client.get("/en/contact/").content.decode()
    assert '<a href="mailto:noreply@ponte.example">noreply@ponte.example</a>' in page


@pytest.mark.django_db
def test_privacy_notice_names_the_controller_the_transfer_and_its_version(client) -> None:
    page = client.get("/en/privacy/").content.decode()
    assert f"Version {PRIVACY_NOTICE_VERSION}, in force since 1 December 2026." in page
    assert "The controller of the personal data held by Ponte is Città della Scienza" in page
    assert "<h2>Data between Italy and China</h2>" in page
    assert "Articles 44–47\n  PIPL" in page or "Articles 44–47 PIPL" in " ".join(page.split())
    zh = client.get("/zh-hans/privacy/").content.decode()
    assert "<h2>意大利与中国之间的数据传输</h2>" in zh


@pytest.mark.django_db
def test_footer_links_the_three_pages(client) -> None:
    page = client.get("/it/").content.decode()
    assert '<li><a href="/it/contact/">Contatti</a></li>' in page
    assert '<li><a href="/it/privacy/">Informativa sulla privacy</a></li>' in page
    assert '<li><a href="/it/legal/">Note legali</a></li>' in page


@pytest.mark.django_db
def test_signup_form_links_the_notices_and_asks_to_accept_the_privacy_notice(client) -> None:
    page = client.get("/zh-hans/accounts/signup/").content.decode()
    assert (
        '<label for="id_privacy">我已阅读<a href="/zh-hans/privacy/">隐私声明</a>。</label>' in page
    )
    assert '<li><a href="/zh-hans/legal/">法律声明</a></li>' in page
    assert '<li><a href="/zh-hans/contact/">联系我们</a></li>' in page


@pytest.mark.django_db
def test_new_notice_version_asks_once_then_stops(client) -> None:
    user = UserFactory(privacy_version="2020-01-01")
    client.force_login(user)
    page = client.get("/en/partners/").content.decode()
    assert "Our privacy notice has changed" in page
    assert '<input type="hidden" name="next" value="/en/partners/">' in page
    response = client.post("/en/my/privacy-notice/read/", {"next": "/en/partners/"})
    assert response["Location"] == "/en/partners/"
    user.refresh_from_db()
    assert user.privacy_version == PRIVACY_NOTICE_VERSION
    assert user.privacy_accepted_at is not None
    assert "Our privacy notice has changed" not in client.get("/en/partners/").content.decode()


@pytest.mark.django_db
def test_people_who_read_the_current_notice_and_visitors_see_no_banner(client) -> None:
    assert "Our privacy notice has changed" not in client.get("/en/").content.decode()
    client.force_login(UserFactory())
    assert "Our privacy notice has changed" not in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_reading_the_notice_never_redirects_off_site(client) -> None:
    client.force_login(UserFactory(privacy_version=""))
    response = client.post("/en/my/privacy-notice/read/", {"next": "https://evil.example/"})
    assert response["Location"] == "/en/"
    assert User.objects.get().privacy_version == PRIVACY_NOTICE_VERSION
