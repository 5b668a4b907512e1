"""Every URL of the site shell × every kind of visitor gets the expected answer."""

import pytest

from portal.shell import urls as shell_urls
from tests.factories import UserFactory

ROLES = ["anonymous", "member", "staff"]
LOGIN = "login"  # a redirect to the sign-in page

# name: (path, expected answer per role, in ROLES order)
MATRIX = {
    "figures": ("/en/figures/", (200, 200, 200)),
    "figures_csv": ("/en/figures/agreements-by-kind.csv", (LOGIN, 403, 200)),
    "contact": ("/en/contact/", (200, 200, 200)),
    "privacy": ("/en/privacy/", (200, 200, 200)),
    "legal": ("/en/legal/", (200, 200, 200)),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_rights(client, name: str, role: str) -> None:
    path, answers = MATRIX[name]
    expected = answers[ROLES.index(role)]
    if role != "anonymous":
        client.force_login(UserFactory(is_staff=role == "staff"))
    response = client.get(path)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/?next=")
    else:
        assert response.status_code == expected


def test_every_url_of_the_shell_is_in_the_matrix() -> None:
    assert {pattern.name for pattern in shell_urls.urlpatterns} == set(MATRIX)
