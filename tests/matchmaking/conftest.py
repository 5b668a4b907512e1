"""A small B2B world: an edition, a session with slots and tables, people from both countries."""

from types import SimpleNamespace

import pytest

from portal.core.models import Membership
from tests.factories import EditionFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.matchmaking.factories import EditionB2BFactory, SessionFactory, participant


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    # Factories hash a password per user; the production hasher makes each test seconds long.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db) -> SimpleNamespace:
    edition = EditionFactory(year=2031, time_zone="Europe/Rome")
    EditionB2BFactory(edition=edition)
    session = SessionFactory(edition=edition, tables=2)
    org_a = OrganisationFactory(name_en="Politecnico di Bergamo", country="IT")
    org_b = OrganisationFactory(name_en="Shenzhen Robotics", country="CN")
    anna = participant(edition, organisation=org_a, full_name="Anna Rossi", language="it")
    li = participant(
        edition, organisation=org_b, country="CN", full_name="Li Wei", language="zh-hans"
    )
    admin_a = UserFactory(full_name="Admin A")
    MembershipFactory(user=admin_a, organisation=org_a, role=Membership.Role.ADMIN)
    MembershipFactory(user=anna.registration.person, organisation=org_a)
    MembershipFactory(user=li.registration.person, organisation=org_b)
    staff = UserFactory(full_name="Staff", is_staff=True)
    return SimpleNamespace(
        edition=edition,
        session=session,
        slots=list(session.slots.order_by("starts_at")),
        tables=list(session.tables.order_by("number")),
        org_a=org_a,
        org_b=org_b,
        anna=anna,
        li=li,
        admin_a=admin_a,
        staff=staff,
    )
