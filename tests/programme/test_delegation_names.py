"""The delegation page names people, never by their e-mail address."""

from tests.factories import UserFactory
from tests.programme.factories import RegistrationFactory


def test_a_delegate_without_a_name_is_not_shown_by_address(client, world) -> None:
    nameless = UserFactory(email="nameless@example.org", full_name="")
    RegistrationFactory(
        edition=world.edition,
        person=nameless,
        organisation=world.org_a,
        registered_by=world.admin_a,
    )
    client.force_login(world.admin_a)
    page = client.get(f"/en/week/{world.edition.year}/delegation/").content.decode()
    assert '<th scope="row">A delegate</th>' in page
    assert '<th scope="row">Delegate One</th>' in page
    assert "nameless@example.org" not in page
