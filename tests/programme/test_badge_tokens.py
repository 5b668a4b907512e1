"""Badge codes and tokens: forged, altered, revoked and other-edition badges are refused."""

import pytest

from portal.core.services.common import Refused
from programme.badges import tokens
from programme.badges.services import badge_issue, badge_token, registration_for_badge
from programme.models import Registration
from tests.programme.factories import OpenEditionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _confirmed(**kwargs) -> Registration:
    return badge_issue(
        registration=RegistrationFactory(status=Registration.Status.CONFIRMED, **kwargs)
    )


def test_code_is_crockford_and_typed_forms_normalise():
    code = tokens.new_code()
    assert len(code) == 8 and set(code) <= set(tokens.ALPHABET)
    assert tokens.normalise_code("k7f2-9qx3") == "K7F29QX3"
    assert tokens.normalise_code(" K7F2 9QXO ") == "K7F29QX0"  # O typed for zero
    assert tokens.normalise_code("K7F2-9QX") == ""  # too short
    assert tokens.normalise_code("K7F2-9QX!") == ""
    assert tokens.display_code("K7F29QX3") == "K7F2-9QX3"


def test_token_does_not_carry_the_registration_id_and_round_trips():
    registration = _confirmed()
    token = badge_token(registration)
    assert token.startswith(f"{registration.edition_id}.{registration.badge_code}:")
    found = registration_for_badge(edition=registration.edition, token=token)
    assert found == registration
    typed = registration_for_badge(
        edition=registration.edition, code=tokens.display_code(registration.badge_code).lower()
    )
    assert typed == registration


@pytest.mark.parametrize(
    "alter",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # signature altered
        lambda t: t.replace(".", ".X", 1),  # code altered
        lambda t: "9" + t,  # edition altered
        lambda t: t.split(":")[0],  # unsigned
        lambda t: "",
    ],
)
def test_forged_or_altered_token_is_not_valid(alter):
    registration = _confirmed()
    with pytest.raises(Refused) as refused:
        registration_for_badge(edition=registration.edition, token=alter(badge_token(registration)))
    assert refused.value.code == "invalid"
    assert str(refused.value) == "This badge is not valid."


def test_reprint_revokes_the_old_badge():
    registration = _confirmed()
    old_token, old_code = badge_token(registration), registration.badge_code
    badge_issue(registration=registration, reprint=True)
    assert registration.badge_code != old_code
    for kwargs in ({"token": old_token}, {"code": old_code}):
        with pytest.raises(Refused) as refused:
            registration_for_badge(edition=registration.edition, **kwargs)
        assert refused.value.code == "invalid"
    assert registration_for_badge(edition=registration.edition, token=badge_token(registration))


def test_issue_without_reprint_keeps_the_code():
    registration = _confirmed()
    code = registration.badge_code
    assert badge_issue(registration=registration).badge_code == code


def test_badge_of_another_edition_says_which():
    registration = _confirmed()
    other = OpenEditionFactory(year=registration.edition.year + 1)
    for kwargs in ({"token": badge_token(registration)}, {"code": registration.badge_code}):
        with pytest.raises(Refused) as refused:
            registration_for_badge(edition=other, **kwargs)
        assert refused.value.code == "other_edition"
        assert str(refused.value) == (f"This badge is for another edition: {registration.edition}.")


def test_cancelled_registration_badge_is_not_valid():
    registration = _confirmed()
    token = badge_token(registration)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CANCELLED)
    with pytest.raises(Refused) as refused:
        registration_for_badge(edition=registration.edition, token=token)
    assert refused.value.code == "invalid"
