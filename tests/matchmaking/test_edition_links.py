"""The edition's page leads delegates to their B2B meetings and staff to the schedule."""

import pytest
from django.urls import reverse

B2B = '<a href="/en/b2b/2031/">B2B meetings</a>'
SCHEDULE = '<a href="/en/b2b/2031/staff/">B2B schedule</a>'


@pytest.mark.parametrize(
    ("who", "shown", "hidden"),
    [
        ("anonymous", [], [B2B, SCHEDULE]),
        ("delegate", [B2B], [SCHEDULE]),
        ("staff", [B2B, SCHEDULE], []),
    ],
)
def test_edition_page_b2b_links(client, world, who, shown, hidden) -> None:
    if who != "anonymous":
        client.force_login(world.staff if who == "staff" else world.anna.registration.person)

    page = client.get(reverse("programme:edition", kwargs={"year": 2031})).content.decode()

    assert [link for link in shown + hidden if link in page] == shown
