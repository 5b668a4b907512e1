"""Uploads are refused by their declared size before anything reads the body (logos, agreement
documents, and any other request over the site's ceiling)."""

import pytest
from django.test import Client

from portal.core.models import Membership
from tests.factories import AgreementFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
# A body far smaller than it claims: reading it would fail the test client ("Cannot read more
# than the available bytes"), so a 413 proves that nothing read it.
BODY = b'--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--b--\r\n'


def _post(client: Client, url: str, length: int):
    return client.post(
        url, data=BODY, content_type="multipart/form-data; boundary=b", CONTENT_LENGTH=str(length)
    )


def _admin_of_an_organisation(client: Client) -> str:
    member = MembershipFactory(role=Membership.Role.ADMIN)
    client.force_login(member.user)
    return f"/en/my/organisations/{member.organisation.slug}/edit/"


def test_a_logo_over_the_limit_is_refused_before_it_is_read(client) -> None:
    url = _admin_of_an_organisation(client)
    response = _post(client, url, 6 * MB)
    assert response.status_code == 413
    assert "The file is too large: the limit is 5.0\xa0MB." in response.content.decode()


def test_a_new_organisation_logo_over_the_limit_is_refused(client) -> None:
    client.force_login(UserFactory())
    response = _post(client, "/en/my/organisations/new/", 6 * MB)
    assert response.status_code == 413


def test_a_document_over_the_limit_is_refused_before_it_is_read(client) -> None:
    agreement = AgreementFactory()
    client.force_login(UserFactory(is_staff=True))
    response = _post(client, f"/en/agreements/{agreement.slug}/documents/add/", 11 * MB)
    assert response.status_code == 413
    page = response.content.decode()
    assert "The file is too large: the limit is 10.0\xa0MB." in page
    assert agreement.documents.count() == 0


def test_the_document_limit_follows_its_setting(client, settings) -> None:
    settings.AGREEMENT_DOCUMENT_MAX_BYTES = 20 * MB
    agreement = AgreementFactory()
    client.force_login(UserFactory(is_staff=True))
    url = f"/en/agreements/{agreement.slug}/documents/add/"
    assert _post(client, url, 21 * MB).status_code == 413
    # Under the limit the body is read (here a short one, whose form is simply invalid).
    response = client.post(url, {"title": "Signed text"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_the_refusal_is_in_the_user_language(client) -> None:
    url = _admin_of_an_organisation(client).replace("/en/", "/it/")
    response = _post(client, url, 6 * MB)
    assert response.status_code == 413
    assert "Il file è troppo grande: il limite è 5,0\xa0MB." in response.content.decode()


def test_any_request_over_the_site_ceiling_is_refused(client, settings) -> None:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = _post(client, "/en/admin/portal/organisation/add/", settings.REQUEST_MAX_BYTES + 1)
    assert response.status_code == 413
    assert "The file is too large: the limit is 12.0\xa0MB." in response.content.decode()


def test_the_size_is_checked_before_the_csrf_check_reads_the_form() -> None:
    client = Client(enforce_csrf_checks=True)
    url = _admin_of_an_organisation(client)
    assert _post(client, url, 6 * MB).status_code == 413


def test_upload_settings(settings) -> None:
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 1 * MB
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2 * MB
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 10
    assert settings.REQUEST_MAX_BYTES == 12 * MB
