"""Badge pages: staff print and reprint, a delegate prints their own and nobody else's."""

import io

import pytest
from pypdf import PdfReader

from portal.core.services.common import Refused
from programme.badges.services import badge_issue, badge_token, registration_for_badge
from programme.models import Registration
from tests.factories import UserFactory
from tests.programme.badge_font import needs_badge_font
from tests.programme.factories import RegistrationFactory

pytestmark = needs_badge_font


def _pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def _confirm(registration: Registration) -> Registration:
    registration.status = Registration.Status.CONFIRMED
    registration.save(update_fields=["status"])
    return registration


def test_delegate_prints_their_own_badge_once_confirmed(client, world):
    client.force_login(world.delegate)
    url = f"/en/week/{world.edition.year}/badge.pdf"
    assert client.get(url).status_code == 404  # still awaiting confirmation
    assert "Your badge (PDF)" not in client.get(f"/en/week/{world.edition.year}/").text
    _confirm(world.registration)
    assert "Your badge (PDF)" in client.get(f"/en/week/{world.edition.year}/").text
    text = _pdf_text(client.get(url))
    world.registration.refresh_from_db()
    assert "Delegate One" in text and "Università A" in text
    assert f"{world.registration.badge_code[:4]}-{world.registration.badge_code[4:]}" in text
    # A second download is the same badge, not a new code.
    code = world.registration.badge_code
    client.get(url)
    world.registration.refresh_from_db()
    assert world.registration.badge_code == code


def test_own_badge_url_never_shows_someone_elses(client, world):
    _confirm(world.registration)
    # Another organisation's person, confirmed too, gets their own badge only.
    other = _confirm(
        RegistrationFactory(edition=world.edition, person=world.member_b, organisation=world.org_b)
    )
    client.force_login(world.member_b)
    text = _pdf_text(client.get(f"/en/week/{world.edition.year}/badge.pdf"))
    assert "Delegate One" not in text and other.person.full_name in text
    # The delegate's organisation's admin has no registration: a 404, not the delegate's badge.
    client.force_login(world.admin_a)
    assert client.get(f"/en/week/{world.edition.year}/badge.pdf").status_code == 404


def test_cancelled_registration_has_no_badge(client, world):
    world.registration.status = Registration.Status.CANCELLED
    world.registration.save()
    client.force_login(world.delegate)
    assert client.get(f"/en/week/{world.edition.year}/badge.pdf").status_code == 404


def test_staff_print_every_confirmed_badge_issuing_codes(client, world):
    _confirm(world.registration)
    for n in range(4):
        _confirm(RegistrationFactory(edition=world.edition, person=UserFactory(full_name=f"P {n}")))
    RegistrationFactory(edition=world.edition, person=UserFactory(full_name="Not Confirmed"))
    client.force_login(world.staff)
    response = client.get(f"/en/week/{world.edition.year}/staff/badges.pdf")
    assert response["Content-Disposition"] == (
        f'attachment; filename="badges-{world.edition.year}.pdf"'
    )
    text = _pdf_text(response)
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 2
    assert "Delegate One" in text and "P 3" in text and "Not Confirmed" not in text
    confirmed = Registration.objects.filter(edition=world.edition, status="confirmed")
    assert not confirmed.filter(badge_code__isnull=True).exists()
    assert Registration.objects.filter(badge_code__isnull=False).count() == 5


def test_staff_print_the_badges_of_the_filtered_list(client, world):
    _confirm(world.registration)
    other = _confirm(
        RegistrationFactory(edition=world.edition, person=world.member_b, organisation=world.org_b)
    )
    client.force_login(world.staff)
    url = f"/en/week/{world.edition.year}/staff/badges.pdf?organisation={world.org_b.slug}"
    text = _pdf_text(client.get(url))
    assert other.person.full_name in text and "Delegate One" not in text
    listing = client.get(f"/en/week/{world.edition.year}/staff/registrations/?role=speaker")
    assert f'href="/en/week/{world.edition.year}/staff/badges.pdf?role=speaker"' in listing.text
    # A filter no registration passes: told so, no empty PDF.
    response = client.get(f"/en/week/{world.edition.year}/staff/badges.pdf?role=press", follow=True)
    assert "No registration shown is confirmed: there is no badge to print." in response.text


@pytest.mark.parametrize("count", [1, 9])
def test_edition_badges_query_count_is_constant(
    client, world, django_assert_num_queries, count: int
):
    for n in range(count):
        badge_issue(
            registration=_confirm(
                RegistrationFactory(edition=world.edition, person=UserFactory(full_name=f"P {n}"))
            )
        )
    client.force_login(world.staff)
    # user, edition and its cities, registrations without a code, whether any is
    # confirmed, the registrations with their person, organisation and edition.
    with django_assert_num_queries(6):
        response = client.get(f"/en/week/{world.edition.year}/staff/badges.pdf")
    assert response.status_code == 200


def test_staff_with_nothing_confirmed_are_told_so(client, world):
    client.force_login(world.staff)
    response = client.get(f"/en/week/{world.edition.year}/staff/badges.pdf", follow=True)
    assert "No registration shown is confirmed: there is no badge to print." in response.text


def test_staff_print_one_badge_of_a_confirmed_registration_only(client, world):
    client.force_login(world.staff)
    url = f"/en/week/{world.edition.year}/staff/registrations/{world.registration.pk}/badge.pdf"
    assert client.get(url).status_code == 404
    _confirm(world.registration)
    assert "Delegate One" in _pdf_text(client.get(url))


def test_reprint_asks_then_revokes_the_old_badge(client, world):
    registration = badge_issue(registration=_confirm(world.registration))
    old_token, old_code = badge_token(registration), registration.badge_code
    client.force_login(world.staff)
    url = f"/en/week/{world.edition.year}/staff/registrations/{registration.pk}/badge/reprint/"
    page = client.get(url)
    assert "Give a new code and revoke the old badge" in page.text
    registration.refresh_from_db()
    assert registration.badge_code == old_code  # asking changes nothing
    response = client.post(url, follow=True)
    assert response.redirect_chain == [(f"/en/week/{world.edition.year}/staff/registrations/", 302)]
    assert "Delegate One has a new badge code" in response.text
    registration.refresh_from_db()
    assert registration.badge_code != old_code
    with pytest.raises(Refused):
        registration_for_badge(edition=world.edition, token=old_token)
    assert registration_for_badge(edition=world.edition, token=badge_token(registration)) == (
        registration
    )


def test_reprint_is_for_staff_only(client, world):
    registration = badge_issue(registration=_confirm(world.registration))
    url = f"/en/week/{world.edition.year}/staff/registrations/{registration.pk}/badge/reprint/"
    client.force_login(world.admin_a)
    assert client.post(url).status_code == 403
    registration.refresh_from_db()
    assert registration.badge_code == badge_issue(registration=registration).badge_code


def test_staff_registrations_page_links_the_badges(client, world):
    badge_issue(registration=_confirm(world.registration))
    client.force_login(world.staff)
    text = client.get(f"/en/week/{world.edition.year}/staff/registrations/").text
    year, pk = world.edition.year, world.registration.pk
    assert f'href="/en/week/{year}/staff/badges.pdf"' in text
    assert f'href="/en/week/{year}/staff/registrations/{pk}/badge.pdf"' in text
    assert f'href="/en/week/{year}/staff/registrations/{pk}/badge/reprint/"' in text


def test_badge_is_printed_in_the_language_of_the_request(client, world):
    _confirm(world.registration)
    client.force_login(world.delegate)
    text = _pdf_text(client.get(f"/zh-hans/week/{world.edition.year}/badge.pdf"))
    assert "代表" in text.splitlines()  # Delegate


def test_missing_font_is_said_to_staff_not_a_server_error(client, world, settings, monkeypatch):
    from programme.badges import pdf

    monkeypatch.setattr(pdf.pdfmetrics, "getRegisteredFontNames", lambda: [])
    settings.BADGE_FONT = "/nonexistent/font.ttc"
    _confirm(world.registration)
    client.force_login(world.staff)
    response = client.get(f"/en/week/{world.edition.year}/staff/badges.pdf", follow=True)
    assert "install Debian&#x27;s fonts-wqy-microhei" in response.text
