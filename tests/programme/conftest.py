"""A small world for the programme tests: two organisations, their people, an open edition."""

from dataclasses import dataclass

import pytest

from portal.core.models import Membership, Organisation, User
from programme.models import (
    Edition,
    ProgrammeSession,
    Registration,
    RegistrationInvitation,
    StartupApplication,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.programme.factories import (
    OpenEditionFactory,
    ProgrammeSessionFactory,
    RegistrationFactory,
    StartupApplicationFactory,
)


@dataclass
class World:
    edition: Edition
    session: ProgrammeSession
    org_a: Organisation
    org_b: Organisation
    member_a: User
    admin_a: User
    member_b: User
    staff: User
    delegate: User
    registration: Registration
    application: StartupApplication
    invitee: User  # no organisation; A's admin invited them to register
    invitation: RegistrationInvitation


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    # Each world has five accounts: hashing their passwords properly would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db) -> World:
    edition = OpenEditionFactory()
    org_a = OrganisationFactory(name_en="Università A")
    org_b = OrganisationFactory(name_en="Institute B", country="CN")
    member_a = MembershipFactory(
        organisation=org_a, user=UserFactory(email="member-a@example.org")
    ).user
    admin_a = MembershipFactory(
        organisation=org_a,
        user=UserFactory(email="admin-a@example.org"),
        role=Membership.Role.ADMIN,
    ).user
    member_b = MembershipFactory(
        organisation=org_b, user=UserFactory(email="member-b@example.org")
    ).user
    staff = UserFactory(email="staff@example.org", is_staff=True)
    delegate = UserFactory(email="delegate@example.org", full_name="Delegate One")
    invitee = UserFactory(email="invitee@example.org", full_name="Invited Person")
    return World(
        edition=edition,
        session=ProgrammeSessionFactory(edition=edition),
        org_a=org_a,
        org_b=org_b,
        member_a=member_a,
        admin_a=admin_a,
        member_b=member_b,
        staff=staff,
        delegate=delegate,
        registration=RegistrationFactory(
            edition=edition, person=delegate, organisation=org_a, registered_by=admin_a
        ),
        application=StartupApplicationFactory(edition=edition),
        invitee=invitee,
        invitation=RegistrationInvitation.objects.create(
            edition=edition, organisation=org_a, email="invitee@example.org", invited_by=admin_a
        ),
    )
