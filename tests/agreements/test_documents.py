"""Agreement documents: PDFs checked by content and size, served only to those who may see them."""

import re

import pytest
from django.core.exceptions import ValidationError

from agreements import services
from agreements.documents import download_name
from agreements.models import Agreement, Document
from portal.core.models import Membership
from tests.agreements.factories import DocumentFactory, pdf_bytes, pdf_upload
from tests.factories import AgreementFactory, MembershipFactory, PartyFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_document_add_stores_a_valid_pdf_privately(settings) -> None:
    agreement = AgreementFactory()
    document = services.document_add(
        agreement=agreement, upload=pdf_upload("Signed MoU.pdf"), title="Signed text"
    )
    assert (document.original_name, document.published, document.size) == (
        "Signed MoU.pdf",
        False,
        len(pdf_bytes()),
    )
    assert document.file.name.startswith(f"agreements/{agreement.pk}/")
    path = document.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00 not a pdf at all", "The file is not a PDF document."),
        (b"%PDF-1.7\nthis is not really a pdf", "The file could not be read as a PDF document."),
        (b"", "The file is not a PDF document."),
    ],
)
def test_document_add_refuses_what_is_not_a_pdf(content: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        services.document_add(
            agreement=AgreementFactory(), upload=pdf_upload("fake.pdf", content), title="Fake"
        )
    assert info.value.messages == [message]
    assert Document.objects.count() == 0


def test_document_add_refuses_an_oversized_file(settings) -> None:
    settings.AGREEMENT_DOCUMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as info:
        services.document_add(agreement=AgreementFactory(), upload=pdf_upload(), title="Big")
    assert info.value.messages == ["The file is too large: the limit is 100\xa0bytes."]


def test_document_download_has_safe_headers(client) -> None:
    document = DocumentFactory(published=True, original_name="mou.pdf")
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="mou.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_private_document_only_for_parties_and_staff(client) -> None:
    party = PartyFactory()
    document = DocumentFactory(agreement=party.agreement, published=False)
    url = document.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(MembershipFactory(organisation=party.organisation).user)
    assert client.get(url).status_code == 200
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 200


def test_published_document_of_a_restricted_agreement_stays_hidden(client) -> None:
    party = PartyFactory(agreement=AgreementFactory(visibility=Agreement.Visibility.PARTIES))
    document = DocumentFactory(agreement=party.agreement, published=True)
    assert client.get(document.get_absolute_url()).status_code == 404
    member = MembershipFactory(organisation=party.organisation, role=Membership.Role.ADMIN)
    client.force_login(member.user)
    assert client.get(document.get_absolute_url()).status_code == 200


def test_staff_upload_form_shows_clear_errors(client) -> None:
    agreement = AgreementFactory()
    client.force_login(UserFactory(is_staff=True))
    url = f"/en/agreements/{agreement.slug}/documents/add/"
    response = client.post(url, {"title": "Fake", "file": pdf_upload("fake.pdf", b"GIF89a")})
    assert response.status_code == 200
    assert "The file is not a PDF document." in response.content.decode()
    response = client.post(url, {"title": "Real", "file": pdf_upload(), "published": "on"})
    assert response.status_code == 302
    assert list(agreement.documents.values_list("title", "published")) == [("Real", True)]


def test_staff_publish_and_unpublish(client) -> None:
    document = DocumentFactory(published=False)
    client.force_login(UserFactory(is_staff=True))
    url = f"{document.get_absolute_url()}publish/"
    assert client.post(url, {"published": "1"}).status_code == 302
    document.refresh_from_db()
    assert document.published is True
    client.post(url, {"published": "0"})
    document.refresh_from_db()
    assert document.published is False


def test_document_whose_file_is_gone_is_404(client) -> None:
    document = DocumentFactory(published=True)
    document.file.storage.delete(document.file.name)
    assert client.get(document.get_absolute_url()).status_code == 404


def test_an_upload_keeps_no_extension_of_the_uploader(client) -> None:
    # A real PDF named as a page: stored and served as a PDF, never under the uploader's name.
    agreement = AgreementFactory()
    client.force_login(UserFactory(is_staff=True))
    url = f"/en/agreements/{agreement.slug}/documents/add/"
    response = client.post(
        url, {"title": "Poly", "file": pdf_upload("poly.html"), "published": "on"}
    )
    assert response.status_code == 302
    document = agreement.documents.get()
    assert re.fullmatch(rf"agreements/{agreement.pk}/[0-9a-f]{{32}}\.pdf", document.file.name)
    response = client.get(document.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="poly.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("original", "served"),
    [
        ("Signed MoU.pdf", "Signed MoU.pdf"),
        ("poly.html", "poly.pdf"),
        ("SCAN.PDF", "SCAN.pdf"),
        ("archive.tar.gz", "archive.tar.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\li\\协议.docx", "协议.pdf"),
        (".htaccess", "agreement-x.pdf"),
        ('a"b\r\n.svg', "ab.pdf"),
        ("", "agreement-x.pdf"),
        ("...", "agreement-x.pdf"),
    ],
)
def test_download_name_always_ends_in_pdf(original: str, served: str) -> None:
    assert download_name(original=original, fallback="agreement-x") == served
