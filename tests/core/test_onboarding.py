"""A newcomer end to end: sign up, verify, register an organisation, approval, found in the
directory."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from portal.core.models import Organisation, ThematicArea
from tests.factories import UserFactory

PASSWORD = "a long and unusual passphrase 42"


def run_scenario(client, verification_link) -> None:
    call_command("load_content", verbosity=0)
    # 1. Sign up, then follow the verification link from the e-mail.
    client.post(
        "/en/accounts/signup/",
        {
            "email": "li.wei@example.cn",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "full_name": "Li Wei",
            "privacy": "on",
        },
    )
    link = verification_link()
    assert client.post(link).status_code == 302
    response = client.post(
        "/en/accounts/login/", {"login": "li.wei@example.cn", "password": PASSWORD}
    )
    assert response.status_code == 302
    # 2. Register an organisation, named only in Chinese.
    response = client.post(
        "/en/my/organisations/new/",
        {
            "native_name": "成都智能制造研究院",
            "name_zh_hans": "成都智能制造研究院",
            "kind": "research",
            "country": "CN",
            # Typed, and linked to the programme's Chengdu (the directory's city filter).
            "city_name": "chengdu",
            "description_en": "Applied research in industrial robotics.",
            "areas": [ThematicArea.objects.get(slug="industry-4-0").pk],
        },
    )
    org = Organisation.objects.get(native_name="成都智能制造研究院")
    assert response["Location"] == f"/en/my/organisations/{org.slug}/"
    assert client.get("/en/partners/?q=成都智能").context["page"].paginator.count == 0
    # 3. Staff approve it on the review page.
    client.force_login(UserFactory(is_staff=True))
    client.post(f"/en/staff/review/organisations/{org.pk}/approve/")
    client.logout()
    # 4. Anyone finds it by filter and by search.
    for query in (
        "q=成都智能",
        "q=robotics",
        "country=CN&city=chengdu&kind=research&area=industry-4-0",
    ):
        found = [o.slug for o in client.get(f"/en/partners/?{query}").context["page"]]
        assert org.slug in found, query
    page = client.get(f"/en/partners/{org.slug}/").content.decode()
    assert "成都智能制造研究院" in page


@pytest.mark.django_db
def test_sign_up_verify_register_approve_find(client) -> None:
    def verification_link() -> str:
        assert [m.to for m in mail.outbox] == [["li.wei@example.cn"]]
        return re.search(r"http://127\.0\.0\.1:8000(/\S+)", mail.outbox[0].body).group(1)

    run_scenario(client, verification_link)


@pytest.mark.django_db
def test_verification_email_is_a_file_on_the_embedded_default(client, settings, tmp_path) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path

    def verification_link() -> str:
        files = list(tmp_path.iterdir())
        assert len(files) == 1
        text = files[0].read_text()
        assert "To: li.wei@example.cn" in text
        return re.search(r"http://127\.0\.0\.1:8000(/\S+)", text).group(1)

    run_scenario(client, verification_link)
