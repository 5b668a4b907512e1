"""Issuing badge codes and finding the registration a scanned or typed badge belongs to."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from portal.core.services.common import Refused
from programme.badges import tokens
from programme.models import Edition, Registration


def badge_issue(*, registration: Registration, reprint: bool = False) -> Registration:
    """Give the registration a badge code; a reprint draws a new one, revoking the old badge."""
    if registration.badge_code and not reprint:
        return registration
    for _attempt in range(5):
        code = tokens.new_code()
        try:
            with transaction.atomic():
                rows = Registration.objects.filter(pk=registration.pk)
                if not reprint:
                    # Staff's sheet and the person's own download may draw the first code at
                    # once: the later one must not overwrite (and so revoke) the first.
                    rows = rows.filter(badge_code__isnull=True)
                if not rows.update(badge_code=code):
                    registration.refresh_from_db(fields=["badge_code"])
                    return registration
            registration.badge_code = code
            return registration
        except IntegrityError:  # a code in use (2 in 10^9 with 2,000 badges out): draw again
            continue
    raise RuntimeError("could not draw an unused badge code")


def badges_issue(*, edition: Edition) -> int:
    """Codes for every confirmed registration of the edition that has none yet; how many."""
    missing = edition.registrations.filter(
        status=Registration.Status.CONFIRMED, badge_code__isnull=True
    )
    count = 0
    for registration in missing:
        badge_issue(registration=registration)
        count += 1
    return count


def badge_token(registration: Registration) -> str:
    """What the badge's QR code holds; the registration must have a code (badge_issue)."""
    if not registration.badge_code:
        raise ValueError("the registration has no badge code yet")
    return tokens.sign(registration.edition_id, registration.badge_code)


def registration_for_badge(*, edition: Edition, token: str = "", code: str = "") -> Registration:
    """The confirmed registration a scanned token or a typed code names, at this edition.

    Refused with "not valid" for a forged, altered or revoked badge, and with the other
    edition's name for a badge of another edition.
    """
    if token:
        try:
            edition_id, code = tokens.unsign(token)
        except tokens.InvalidBadge:
            raise _invalid() from None
        if edition_id != edition.pk:
            other = Edition.objects.filter(pk=edition_id).first()
            if other is None:
                raise _invalid()
            raise _other_edition(other)
        lookup = Registration.objects.filter(badge_code=code)
    else:
        code = tokens.normalise_code(code)
        if not code:
            raise _invalid()
        lookup = Registration.objects.filter(badge_code=code)
    registration = (
        lookup.select_related("edition", "person", "organisation")
        .filter(status=Registration.Status.CONFIRMED)
        .first()
    )
    if registration is None:
        raise _invalid()
    if registration.edition_id != edition.pk:
        raise _other_edition(registration.edition)
    return registration


def _invalid() -> Refused:
    return Refused(_("This badge is not valid."), code="invalid")


def _other_edition(edition: Edition) -> Refused:
    return Refused(
        _("This badge is for another edition: %(edition)s."),
        code="other_edition",
        params={"edition": str(edition)},
    )
