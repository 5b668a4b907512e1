"""Signed-in pages' shared fragments (portal.core.fragment_cache): fresh after every change,
and never carrying one person's header, token or links to another."""

import re
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from portal.core import fragment_cache
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixed_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key's minute stays put, so that a hit is never a coincidence of the clock."""
    now = time.time()
    monkeypatch.setattr(fragment_cache.time, "time", lambda: now)


def signed_in(**fields) -> Client:
    client = Client()
    client.force_login(UserFactory(**fields))
    return client


def test_the_directory_fragment_is_read_again_without_the_list_s_queries(
    fixed_minute, django_assert_num_queries
) -> None:
    OrganisationFactory(name_en="Alpha Lab")
    client = signed_in()
    assert "Alpha Lab" in client.get("/en/partners/").content.decode()
    # The user alone (the session and the bell's count are in the cache): none of the
    # directory's five.
    with django_assert_num_queries(1):
        assert "Alpha Lab" in client.get("/en/partners/").content.decode()


def test_the_directory_fragment_is_fresh_after_a_change(fixed_minute) -> None:
    org = OrganisationFactory(name_en="Alpha Lab")
    client = signed_in()
    assert "Alpha Lab" in client.get("/en/partners/?kind=" + org.kind).content.decode()
    org.name_en = "Beta Works"
    org.save()
    page = client.get("/en/partners/?kind=" + org.kind).content.decode()
    assert "Beta Works" in page
    assert "Alpha Lab" not in page


def test_each_reader_gets_their_own_header_and_token_around_the_shared_list(
    fixed_minute,
) -> None:
    OrganisationFactory(name_en="Alpha Lab")
    staff = signed_in(is_staff=True)
    first = staff.get("/en/partners/").content.decode()
    assert ">Review<" in first
    member = signed_in()
    second = member.get("/en/partners/").content.decode()
    anonymous = Client().get("/en/partners/").content.decode()
    assert "Alpha Lab" in second and "Alpha Lab" in anonymous
    assert ">Review<" not in second
    assert "Sign out" in second and "Sign out" not in anonymous
    assert "Register your organisation" in second
    assert "Register your organisation" not in anonymous
    tokens = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        for page in (first, second)
    ]
    assert staff.cookies["csrftoken"].value != member.cookies["csrftoken"].value
    assert tokens[0] != tokens[1]


def test_a_refused_filter_value_is_not_stored(fixed_minute) -> None:
    OrganisationFactory()
    client = signed_in()
    client.get("/en/partners/?country=ZZ")
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/partners/?country=ZZ")
    # Rendered again: the session, the user, the notifications and the directory's own.
    assert len(queries) > 3


def test_the_fragment_follows_the_language(fixed_minute) -> None:
    OrganisationFactory(name_en="Alpha Lab", name_it="Laboratorio Alfa")
    client = signed_in()
    assert "Alpha Lab" in client.get("/en/partners/").content.decode()
    assert "Laboratorio Alfa" in client.get("/it/partners/").content.decode()
