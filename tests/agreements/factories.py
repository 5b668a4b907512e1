"""Factories of the agreements app (the core ones are in tests/factories.py)."""

import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory

from agreements.models import Document, Project, StatusChange
from tests.factories import AgreementFactory


def pdf_bytes(pages: int = 1) -> bytes:
    """A small, valid PDF made by pypdf."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name: str = "mou.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, "application/pdf")


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    slug = factory.Sequence(lambda n: f"project-{n}")
    title_en = factory.Sequence(lambda n: f"Project {n}")
    country = "CN"


class StatusChangeFactory(DjangoModelFactory):
    class Meta:
        model = StatusChange

    agreement = factory.SubFactory(AgreementFactory)
    to_status = "signed"


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    agreement = factory.SubFactory(AgreementFactory)
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyFunction(lambda: pdf_upload())
    original_name = "mou.pdf"
    size = factory.LazyAttribute(lambda o: o.file.size)
