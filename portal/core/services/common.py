"""What every service of the core shares: the one refusal error, row locks, rights checks,
plain-text e-mail."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.core.models import (
    Membership,
    Organisation,
    User,
)


class Refused(ValidationError):
    """The one error every app's services raise to refuse an action in the current state.

    It carries a message for the person who asked, translated lazily (rendered in the language
    of the page that shows it), with Django's optional `code` and `params`; the view shows it in
    the page, never as a 500. It is a ValidationError, so a form can take it as one of its
    errors (`form.add_error(None, refused)`).
    """

    def __init__(self, message: Any, code: str | None = None, params: dict | None = None) -> None:
        super().__init__(message, code=code, params=params)

    def __str__(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text


def lock_organisation(organisation: Organisation) -> Organisation:
    # Every change to an organisation's members takes this row lock first, so two admins
    # acting at once are serialised and the "one admin left" check sees the other's change.
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def require_member(organisation: Organisation, user: User) -> Membership:
    membership = Membership.objects.filter(organisation=organisation, user=user).first()
    if membership is None:
        raise Refused(_("You are not a member of this organisation."))
    return membership


def require_admin(organisation: Organisation, user: User) -> Membership:
    membership = require_member(organisation, user)
    if membership.role != Membership.Role.ADMIN:
        raise Refused(_("Only the organisation's administrators can do this."))
    return membership


def _render_text(name: str, context: dict) -> str:
    # Plain-text e-mails are not HTML: a name such as `O'Neill & "Partners"` must arrive as
    # written, not as `&quot;`. The template's own Django Template, with autoescape off.
    template = get_template(name).template
    return template.render(Context(context, autoescape=False))


def mail_plain(*, template: str, recipients: Iterable[tuple[str, str]], context: dict) -> None:
    """Send `portal/email/<template>_{subject,body}.txt` to each (address, language)."""
    for address, language in recipients:
        with translation.override(language or settings.LANGUAGE_CODE):
            subject = _render_text(f"portal/email/{template}_subject.txt", context)
            body = _render_text(f"portal/email/{template}_body.txt", context)
        send_mail(" ".join(subject.split()), body, None, [address])


def admin_users(organisation: Organisation) -> list:
    return [m.user for m in organisation.memberships.filter(role="admin").select_related("user")]


NO_REASON = _("Give a reason for the rejection.")


def record_review(item: Any, *, by: User, approved: bool, reason: str = "") -> list[str]:
    """Staff's decision on an organisation or a cooperation profile (both have the same review
    fields); refuses a rejection without a reason. Returns the fields to save."""
    if not approved and not reason.strip():
        raise Refused(NO_REASON)
    item.status = item.Status.APPROVED if approved else item.Status.REJECTED
    item.rejection_reason = "" if approved else reason.strip()
    item.reviewed_by = by
    item.reviewed_at = timezone.now()
    return ["status", "rejection_reason", "reviewed_by", "reviewed_at"]
