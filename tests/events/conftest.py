from collections.abc import Callable

import pytest

from portal.core.models import Membership, Organisation, User
from tests.factories import MembershipFactory, OrganisationFactory


def _user(**fields) -> User:
    # An unusable password: hashing a real one per visitor would dominate the matrix's time.
    count = User.objects.count()
    return User.objects.create(email=f"visitor{count}@example.org", password="!", **fields)


@pytest.fixture
def orgs(db) -> tuple[Organisation, Organisation]:
    return OrganisationFactory(), OrganisationFactory()


@pytest.fixture
def login_as(client, orgs) -> Callable[[str], None]:
    """Sign the test client in as one of the five visitors of the rights matrix."""
    org_a, org_b = orgs

    def login(visitor: str) -> None:
        if visitor == "anonymous":
            return
        if visitor == "staff":
            user = _user(is_staff=True)
        else:
            role = Membership.Role.ADMIN if visitor == "admin_a" else Membership.Role.MEMBER
            org = org_b if visitor == "member_b" else org_a
            user = MembershipFactory(user=_user(), organisation=org, role=role).user
        client.force_login(user)

    return login


@pytest.fixture
def staff_client(client, db):
    client.force_login(_user(is_staff=True))
    return client
