"""The admin pages of the programme app open, and its actions go through the services."""

import pytest

from programme.models import Registration, StartupApplication

PAGES = [
    "edition", "programmesession", "registration", "startupapplication",
]  # fmt: skip


@pytest.fixture
def superuser(world):
    world.staff.is_superuser = True
    world.staff.save()
    return world.staff


@pytest.mark.parametrize("model", PAGES)
def test_admin_list_and_add_pages_open(client, superuser, model: str) -> None:
    client.force_login(superuser)
    assert client.get(f"/en/admin/programme/{model}/").status_code == 200
    assert client.get(f"/en/admin/programme/{model}/add/").status_code == 200


def test_admin_change_pages_open(client, world, superuser) -> None:
    client.force_login(superuser)
    assert client.get(f"/en/admin/programme/edition/{world.edition.pk}/change/").status_code == 200
    url = f"/en/admin/programme/programmesession/{world.session.pk}/change/"
    assert client.get(url).status_code == 200


def test_admin_actions_confirm_and_shortlist(client, world, superuser) -> None:
    client.force_login(superuser)
    client.post(
        "/en/admin/programme/registration/",
        {"action": "confirm", "_selected_action": [world.registration.pk]},
    )
    client.post(
        "/en/admin/programme/startupapplication/",
        {"action": "shortlist", "_selected_action": [world.application.pk]},
    )
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    assert StartupApplication.objects.get().status == StartupApplication.Status.SHORTLISTED
