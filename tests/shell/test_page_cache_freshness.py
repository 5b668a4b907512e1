"""Freshness of the whole-page cache: after each kind of change, the very next request of every
page that shows it, in every language, is fresh (portal.core.page_cache).

Each test warms the pages first (the second request must come from the cache), makes one
change through the code staff and members use, then asks again. The tests run with real
commits (transaction=True), so the bump after commit is the one they see; in .ci/run's first
pass the cache is Redis and the database PostgreSQL, in the second the embedded default's.
"""

import datetime as dt

import pytest
from django.test import Client

from agreements import services as agreement_services
from portal.core.models import Organisation
from portal.core.services import organisations as organisation_services
from tests.factories import (
    AgreementFactory,
    EditionFactory,
    OrganisationFactory,
    PartyFactory,
    UserFactory,
)
from tests.programme.factories import ProgrammeSessionFactory

LANGUAGES = ["en", "it", "zh-hans"]

pytestmark = pytest.mark.django_db(transaction=True)


def _warm(client: Client, paths: list[str]) -> None:
    for path in paths:
        assert client.get(path).status_code == 200, path
        second = client.get(path)
        if second["X-Page-Cache"] == "stored":
            # The minute in the key turned between the two requests: the third is the hit.
            second = client.get(path)
        assert second.status_code == 200, path
        assert second["X-Page-Cache"] == "hit", path


def _fresh(client: Client, path: str):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["X-Page-Cache"] != "hit", path
    return response


def _shows(client: Client, paths: list[str], text: str) -> None:
    for path in paths:
        assert text in _fresh(client, path).content.decode(), path


def _everywhere(*paths: str) -> list[str]:
    return [f"/{language}{path}" for language in LANGUAGES for path in paths]


def test_an_approval_shows_at_once_in_every_language() -> None:
    client = Client()
    OrganisationFactory(name_en="Already Listed")
    pending = OrganisationFactory(
        slug="new-lab", name_en="Freshly Approved Lab", status=Organisation.Status.PENDING
    )
    pages = _everywhere("/", "/partners/", "/partners/?kind=university")
    _warm(client, pages)
    assert all(client.get(f"/{lang}/partners/new-lab/").status_code == 404 for lang in LANGUAGES)

    organisation_services.organisation_approve(organisation=pending, by=UserFactory(is_staff=True))

    listed = _everywhere("/partners/", "/partners/?kind=university", "/partners/new-lab/")
    _shows(client, listed, "Freshly Approved Lab")
    # The home page counts published organisations: 2 now.
    for language in LANGUAGES:
        assert _fresh(client, f"/{language}/").context["counts"]["organisations"] == 2


def test_an_organisation_edit_shows_at_once_on_its_pages_and_the_agreements_naming_it() -> None:
    client = Client()
    org = OrganisationFactory(slug="lab", name_en="Old Name Lab")
    admin = UserFactory()
    org.memberships.create(user=admin, role="admin")
    agreement = AgreementFactory(slug="mou", title_en="A memorandum")
    PartyFactory(agreement=agreement, organisation=org)
    pages = _everywhere("/partners/", "/partners/lab/", "/agreements/", "/agreements/mou/")
    _warm(client, pages)

    organisation_services.organisation_update(
        organisation=org,
        user=admin,
        data={"description_en": "Robots for olive groves.", "name_en": "New Name Lab"},
        areas=[],
    )
    # The description is live at once; the new name waits for staff.
    _shows(client, _everywhere("/partners/lab/"), "Robots for olive groves.")
    _warm(client, pages)
    org.refresh_from_db()
    organisation_services.organisation_change_approve(
        organisation=org, by=UserFactory(is_staff=True), proposed_at=org.changes_proposed_at
    )

    _shows(client, pages, "New Name Lab")


def test_a_new_programme_session_shows_at_once_in_every_language() -> None:
    client = Client()
    edition = EditionFactory(year=2040)
    ProgrammeSessionFactory(edition=edition, title_en="Opening ceremony")
    pages = _everywhere("/week/2040/programme/", "/week/2040/programme/?kind=conference")
    _warm(client, pages)

    ProgrammeSessionFactory(edition=edition, title_en="Robotics seminar")

    _shows(client, pages, "Robotics seminar")


def test_an_edition_change_shows_at_once_on_every_page_that_shows_the_edition() -> None:
    client = Client()
    edition = EditionFactory(year=2041, title_en="41st Week", ordinal=41)
    pages = _everywhere("/", "/week/", "/week/2041/", "/week/2041/programme/", "/figures/")
    _warm(client, pages)

    edition.title_en = "The Renamed Week"
    edition.start_date = dt.date(2041, 10, 20)
    edition.save()

    _shows(client, pages, "The Renamed Week")


def test_a_recorded_agreement_shows_at_once_in_every_language() -> None:
    client = Client()
    org = OrganisationFactory(slug="signer", name_en="Signing University")
    pages = _everywhere("/", "/agreements/", "/partners/signer/")
    _warm(client, pages)

    agreement_services.agreement_record(
        title_en="Memorandum on photonics",
        kind="mou",
        parties=[
            agreement_services.PartyData(organisation=org),
            agreement_services.PartyData(organisation=OrganisationFactory(country="CN")),
        ],
        signed_on=dt.date(2016, 10, 26),
    )

    _shows(client, _everywhere("/agreements/", "/partners/signer/"), "Memorandum on photonics")
    for language in LANGUAGES:
        assert _fresh(client, f"/{language}/").context["counts"]["agreements"] == 1


def test_a_language_text_shows_at_once_in_its_language_and_nowhere_else() -> None:
    client = Client()
    edition = EditionFactory(year=2042, title_en="42nd Week", title_it="")
    pages = _everywhere("/week/", "/week/2042/")
    _warm(client, pages)

    edition.title_it = "42ª Settimana"
    edition.save()

    _shows(client, ["/it/week/", "/it/week/2042/"], "42ª Settimana")
    # The other languages still fall back to English (rendered afresh: the token moved).
    _shows(client, ["/en/week/2042/", "/zh-hans/week/2042/"], "42nd Week")
