"""Every state change of organisations, memberships, invitations and join requests.

Services are keyword-only, run in one transaction, and lock the organisation's row
(`select_for_update`) where two admins may act at once, so that an organisation always
keeps one admin. Where someone must be told, a clearly named `_after_*` function sends an
e-mail after commit (the notifications app will take these over).
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.models import (
    Invitation,
    JoinRequest,
    Membership,
    Notification,
    Organisation,
    ThematicArea,
    User,
)
from portal.notifications import notify
from portal.slugs import organisation_slug
from portal.versions import bump, check_version

INVITATION_SALT = "portal.invitation"
# How long an invitation link stays valid, in seconds.
INVITATION_MAX_AGE = getattr(settings, "PORTAL_INVITATION_MAX_AGE", 7 * 24 * 3600)

ORGANISATION_FIELDS = (
    "name_en", "name_it", "name_zh_hans", "native_name", "acronym", "kind", "country", "region",
    "city", "website", "email", "description_en", "description_it", "description_zh_hans",
    "founded", "size", "languages",
)  # fmt: skip

# What identifies an approved organisation to others: a change goes to staff review first,
# while the approved values stay public. The rest of the profile changes at once.
REVIEWED_FIELDS = ("name_en", "name_it", "name_zh_hans", "native_name", "website", "country")

# Invitations are e-mails from the portal's address to anyone: at most this many in 24 hours
# per organisation and per inviting person.
INVITATIONS_PER_DAY = getattr(settings, "PORTAL_INVITATIONS_PER_DAY", 20)


class Refused(Exception):
    """The action is not allowed in the current state; the message is shown to the user."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


# ---------------------------------------------------------------- organisations


@transaction.atomic
def organisation_register(
    *,
    user: User,
    data: dict[str, Any],
    areas: Iterable[ThematicArea] = (),
    logo: ContentFile | None = None,
) -> Organisation:
    """Create a pending organisation with the user as its admin. Staff review it later."""
    fields = {key: data[key] for key in ORGANISATION_FIELDS if key in data}
    if not fields.get("name_en"):
        # The English column is the fallback of every language: never leave it empty.
        fields["name_en"] = fields.get("native_name") or fields.get("name_zh_hans") or ""
    slug = organisation_slug(fields.get("name_en", ""), fields.get("native_name", ""))
    organisation = Organisation(slug=slug, status=Organisation.Status.PENDING, **fields)
    if logo is not None:
        organisation.logo.save(logo.name, logo, save=False)
    organisation.save()
    organisation.areas.set(areas)
    Membership.objects.create(
        user=user, organisation=organisation, role=Membership.Role.ADMIN, shown_publicly=False
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    user: User,
    data: dict[str, Any],
    areas: Iterable[ThematicArea],
    logo: ContentFile | None = None,
    remove_logo: bool = False,
    version: int | None = None,
) -> Organisation:
    """Admins edit their organisation's profile; the slug never changes.

    A rejected organisation that is edited goes back to staff review. For an approved one, a
    new name, website or country is stored as a proposal for staff (replacing any earlier
    one) and the approved values stay public; other fields change at once. A save against a
    newer `version` than the form's is refused (EditConflict, with the differences).
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    _require_admin(organisation, user)
    check_version(
        current=organisation,
        version=version,
        incoming={
            **{key: data[key] for key in ORGANISATION_FIELDS if key in data},
            "areas": areas,
        },
    )
    bump(organisation)
    reviewed = organisation.status == Organisation.Status.APPROVED
    live = {key: _plain(getattr(organisation, key)) for key in REVIEWED_FIELDS}
    for key in ORGANISATION_FIELDS:
        if key in data:
            setattr(organisation, key, data[key])
    if organisation.status == Organisation.Status.REJECTED:
        organisation.status = Organisation.Status.PENDING
    if not organisation.name_en:
        organisation.name_en = organisation.native_name
    if reviewed:
        wanted = {key: _plain(getattr(organisation, key)) for key in REVIEWED_FIELDS}
        proposal = {key: value for key, value in wanted.items() if value != live[key]}
        for key, value in live.items():
            setattr(organisation, key, value)
        if proposal != organisation.proposed_changes:
            # A new time marks a new proposal: staff's approval must name the one they saw.
            organisation.changes_proposed_at = timezone.now() if proposal else None
        organisation.proposed_changes = proposal
    old_logo = organisation.logo.name if organisation.logo else ""
    if logo is not None:
        organisation.logo.save(logo.name, logo, save=False)
    elif remove_logo:
        organisation.logo = ""
    organisation.save()
    organisation.areas.set(areas)
    if old_logo and old_logo != (organisation.logo.name or ""):
        storage = organisation.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return organisation


@transaction.atomic
def organisation_approve(*, organisation: Organisation, by: User) -> Organisation:
    """Staff approve a pending (or previously rejected) organisation: it becomes public.

    Side effect: its admins are told by e-mail after commit.
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.status == Organisation.Status.APPROVED:
        return organisation
    organisation.status = Organisation.Status.APPROVED
    organisation.rejection_reason = ""
    organisation.reviewed_at = timezone.now()
    organisation.reviewed_by = by
    organisation.save(
        update_fields=bump(
            organisation, ["status", "rejection_reason", "reviewed_at", "reviewed_by"]
        )
    )
    _after_organisation_approved(organisation_id=organisation.pk)
    return organisation


@transaction.atomic
def organisation_reject(*, organisation: Organisation, by: User, reason: str) -> Organisation:
    """Staff reject an organisation with a reason, which its admins receive by e-mail."""
    if not reason.strip():
        raise Refused(_("Give a reason for the rejection."))
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    organisation.status = Organisation.Status.REJECTED
    organisation.rejection_reason = reason.strip()
    organisation.reviewed_at = timezone.now()
    organisation.reviewed_by = by
    organisation.save(
        update_fields=bump(
            organisation, ["status", "rejection_reason", "reviewed_at", "reviewed_by"]
        )
    )
    _after_organisation_rejected(organisation_id=organisation.pk)
    return organisation


CHANGE_GONE = _("The proposed change was replaced or withdrawn meanwhile: review it again.")


def _plain(value: Any) -> str:
    # A CountryField gives a Country object; proposals are stored as JSON strings.
    return str(value or "")


@transaction.atomic
def organisation_change_approve(
    *, organisation: Organisation, by: User, proposed_at: datetime | None
) -> Organisation:
    """Staff approve the proposed name, website or country: it replaces the public values.

    `proposed_at` is when the proposal staff looked at was made: if the admins replaced it
    since, it is refused, so that staff never approve values they have not seen. Side effect:
    the organisation's admins are notified.
    """
    organisation = _lock(organisation)
    if not organisation.proposed_changes or organisation.changes_proposed_at != proposed_at:
        raise Refused(CHANGE_GONE)
    for key, value in organisation.proposed_changes.items():
        if key in REVIEWED_FIELDS:
            setattr(organisation, key, value)
    organisation.proposed_changes = {}
    organisation.changes_proposed_at = None
    organisation.reviewed_at = timezone.now()
    organisation.reviewed_by = by
    bump(organisation)
    organisation.save()
    _notify_admins_of_change(organisation=organisation, kind="organisation_change_approved")
    return organisation


@transaction.atomic
def organisation_change_reject(
    *, organisation: Organisation, by: User, reason: str
) -> Organisation:
    """Staff turn down the proposed name, website or country; the admins are told why."""
    if not reason.strip():
        raise Refused(_("Give a reason for the rejection."))
    organisation = _lock(organisation)
    if not organisation.proposed_changes:
        raise Refused(CHANGE_GONE)
    organisation.proposed_changes = {}
    organisation.changes_proposed_at = None
    organisation.save(update_fields=bump(organisation, ["proposed_changes", "changes_proposed_at"]))
    _notify_admins_of_change(
        organisation=organisation, kind="organisation_change_rejected", reason=reason.strip()
    )
    return organisation


# ---------------------------------------------------------------- memberships


def _lock(organisation: Organisation) -> Organisation:
    # Every change to an organisation's members takes this row lock first, so two admins
    # acting at once are serialised and the "one admin left" check sees the other's change.
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _require_member(organisation: Organisation, user: User) -> Membership:
    membership = Membership.objects.filter(organisation=organisation, user=user).first()
    if membership is None:
        raise Refused(_("You are not a member of this organisation."))
    return membership


def _require_admin(organisation: Organisation, user: User) -> Membership:
    membership = _require_member(organisation, user)
    if membership.role != Membership.Role.ADMIN:
        raise Refused(_("Only the organisation's administrators can do this."))
    return membership


def _other_admins(membership: Membership) -> int:
    return (
        Membership.objects.filter(organisation_id=membership.organisation_id, role="admin")
        .exclude(pk=membership.pk)
        .count()
    )


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, by: User) -> Membership:
    """An admin makes a member admin or an admin a member; the last admin stays admin."""
    if role not in Membership.Role.values:
        raise Refused(_("Unknown role."))
    organisation = _lock(membership.organisation)
    _require_admin(organisation, by)
    membership = Membership.objects.get(pk=membership.pk, organisation=organisation)
    demoting = membership.role == Membership.Role.ADMIN and role != Membership.Role.ADMIN
    if demoting and _other_admins(membership) == 0:
        raise Refused(_("An organisation must keep at least one administrator."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    """An admin removes a member, or a member leaves; the last admin cannot go."""
    organisation = _lock(membership.organisation)
    if membership.user_id != by.pk:
        _require_admin(organisation, by)
    membership = Membership.objects.get(pk=membership.pk, organisation=organisation)
    if membership.role == Membership.Role.ADMIN and _other_admins(membership) == 0:
        raise Refused(_("An organisation must keep at least one administrator."))
    membership.delete()


@transaction.atomic
def membership_update_own(
    *, membership: Membership, job_title: str, shown_publicly: bool
) -> Membership:
    """A member chooses their job title and whether the public page shows them."""
    membership.job_title = job_title
    membership.shown_publicly = shown_publicly
    membership.save(update_fields=["job_title", "shown_publicly"])
    return membership


# ---------------------------------------------------------------- invitations


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation:
    """The pending invitation a link points to; Refused when forged, expired or used."""
    try:
        pk = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired as error:
        raise Refused(_("This invitation has expired. Ask for a new one.")) from error
    except signing.BadSignature as error:
        raise Refused(_("This invitation link is not valid.")) from error
    invitation = (
        Invitation.objects.select_related("organisation").filter(pk=pk, status="pending").first()
    )
    if invitation is None:
        raise Refused(_("This invitation has already been used or withdrawn."))
    return invitation


@transaction.atomic
def invitation_send(
    *, organisation: Organisation, email: str, role: str, by: User, base_url: str
) -> Invitation:
    """An admin of an approved organisation invites an address; a new invitation replaces a
    pending one to the same address. At most INVITATIONS_PER_DAY a day per organisation and
    per inviting person.

    Side effect: the invitation e-mail, with a signed link that expires, after commit.
    """
    organisation = _lock(organisation)
    _require_admin(organisation, by)
    if organisation.status != Organisation.Status.APPROVED:
        # A pending organisation is anyone's text: it must not send mail from our address.
        raise Refused(
            _(
                "You can invite colleagues once the programme's staff have approved the "
                "organisation."
            )
        )
    # Counted in the database, under locks on the organisation and the person, so that parallel
    # requests (or several gunicorn machines) cannot send past the limit.
    get_user_model().objects.select_for_update().filter(pk=by.pk).first()
    since = timezone.now() - timedelta(days=1)
    if Invitation.objects.filter(organisation=organisation, created_at__gte=since).count() >= (
        INVITATIONS_PER_DAY
    ):
        raise Refused(
            _(
                "This organisation has sent %(count)d invitations in 24 hours, the most allowed. "
                "Try again tomorrow."
            )
            % {"count": INVITATIONS_PER_DAY}
        )
    if Invitation.objects.filter(invited_by=by, created_at__gte=since).count() >= (
        INVITATIONS_PER_DAY
    ):
        raise Refused(
            _(
                "You have sent %(count)d invitations in 24 hours, the most allowed. "
                "Try again tomorrow."
            )
            % {"count": INVITATIONS_PER_DAY}
        )
    email = get_user_model().objects.normalize_email(email.strip())
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise Refused(_("This person is already a member."))
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, status=Invitation.Status.PENDING
    ).update(status=Invitation.Status.REVOKED)
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, invited_by=by
    )
    path = reverse("portal:invitation", kwargs={"token": invitation_token(invitation)})
    _after_invitation_sent(invitation_id=invitation.pk, url=base_url.rstrip("/") + path)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> None:
    """An admin withdraws a pending invitation; its link stops working."""
    _require_admin(_lock(invitation.organisation), by)
    Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.REVOKED
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """The invited person, signed in with the invited address, joins with the given role."""
    organisation = _lock(invitation.organisation)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        raise Refused(_("This invitation has already been used or withdrawn."))
    if invitation.email.lower() != user.email.lower():
        raise Refused(
            _("This invitation was sent to another e-mail address. Sign in with that address.")
        )
    membership, _created = Membership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.status = Invitation.Status.ACCEPTED
    invitation.accepted_by = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["status", "accepted_by", "accepted_at"])
    JoinRequest.objects.filter(organisation=organisation, user=user, status="pending").update(
        status=JoinRequest.Status.ACCEPTED, decided_at=timezone.now()
    )
    return membership


# ---------------------------------------------------------------- join requests


def join_request_create(*, organisation: Organisation, user: User, message: str) -> JoinRequest:
    """A signed-in person asks to join a published organisation; its admins are told."""
    if organisation.status != Organisation.Status.APPROVED:
        raise Refused(_("This organisation is not open to requests yet."))
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise Refused(_("You are already a member of this organisation."))
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(
                organisation=organisation, user=user, message=message.strip()
            )
            _after_join_request_sent(join_request_id=join_request.pk)
    except IntegrityError as error:
        raise Refused(_("You have already asked to join this organisation.")) from error
    return join_request


@transaction.atomic
def join_request_decide(*, join_request: JoinRequest, by: User, accept: bool) -> JoinRequest:
    """An admin accepts (the person becomes a member) or declines a pending request."""
    organisation = _lock(join_request.organisation)
    _require_admin(organisation, by)
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequest.Status.PENDING:
        raise Refused(_("This request has already been answered."))
    if accept:
        Membership.objects.get_or_create(organisation=organisation, user=join_request.user)
    join_request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    _after_join_request_decided(join_request_id=join_request.pk)
    return join_request


# ---------------------------------------------------------------- notification call sites
# Members are told through the notification service (stored with the change, e-mailed after
# commit, shown in their inbox). An invitation may go to someone without an account yet, and
# a decided join request has no notification kind: those two are plain e-mails after commit.


def _render_text(name: str, context: dict) -> str:
    # Plain-text e-mails are not HTML: a name such as `O'Neill & "Partners"` must arrive as
    # written, not as `&quot;`. The template's own Django Template, with autoescape off.
    template = get_template(name).template
    return template.render(Context(context, autoescape=False))


def _mail(*, template: str, recipients: Iterable[tuple[str, str]], context: dict) -> None:
    """Send `portal/email/<template>_{subject,body}.txt` to each (address, language)."""
    for address, language in recipients:
        with translation.override(language or settings.LANGUAGE_CODE):
            subject = _render_text(f"portal/email/{template}_subject.txt", context)
            body = _render_text(f"portal/email/{template}_body.txt", context)
        send_mail(" ".join(subject.split()), body, None, [address])


def _admin_users(organisation: Organisation) -> list:
    return [m.user for m in organisation.memberships.filter(role="admin").select_related("user")]


def _after_organisation_approved(*, organisation_id: int) -> None:
    organisation = Organisation.objects.get(pk=organisation_id)
    for admin in _admin_users(organisation):
        notify(
            recipient=admin,
            kind=Notification.Kind.ORGANISATION_APPROVED,
            context={"organisation": organisation},
            link=organisation.get_absolute_url(),
        )


def _after_organisation_rejected(*, organisation_id: int) -> None:
    organisation = Organisation.objects.get(pk=organisation_id)
    for admin in _admin_users(organisation):
        notify(
            recipient=admin,
            kind=Notification.Kind.ORGANISATION_REJECTED,
            context={"organisation": organisation, "reason": organisation.rejection_reason},
            link=reverse("portal:organisation_edit", kwargs={"slug": organisation.slug}),
        )


def _notify_admins_of_change(*, organisation: Organisation, kind: str, reason: str = "") -> None:
    approved = kind == Notification.Kind.ORGANISATION_CHANGE_APPROVED
    link = (
        organisation.get_absolute_url()
        if approved
        else reverse("portal:organisation_manage", kwargs={"slug": organisation.slug})
    )
    for admin in _admin_users(organisation):
        notify(
            recipient=admin,
            kind=kind,
            context={"organisation": organisation, "reason": reason},
            link=link,
        )


def _after_invitation_sent(*, invitation_id: int, url: str) -> None:
    language = translation.get_language()

    def send() -> None:
        invitation = Invitation.objects.select_related("organisation", "invited_by").get(
            pk=invitation_id
        )
        existing = get_user_model().objects.filter(email__iexact=invitation.email).first()
        _mail(
            template="invitation",
            recipients=[(invitation.email, existing.language if existing else language)],
            context={"invitation": invitation, "url": url, "days": INVITATION_MAX_AGE // 86400},
        )

    transaction.on_commit(send)


def _after_join_request_sent(*, join_request_id: int) -> None:
    join_request = JoinRequest.objects.select_related("organisation", "user").get(
        pk=join_request_id
    )
    organisation = join_request.organisation
    for admin in _admin_users(organisation):
        notify(
            recipient=admin,
            kind=Notification.Kind.JOIN_REQUEST,
            context={
                "organisation": organisation,
                "applicant": join_request.user,
                "message": join_request.message,
            },
            link=reverse("portal:organisation_manage", kwargs={"slug": organisation.slug}),
        )


def _after_join_request_decided(*, join_request_id: int) -> None:
    def send() -> None:
        join_request = JoinRequest.objects.select_related("organisation", "user").get(
            pk=join_request_id
        )
        _mail(
            template="join_request_decided",
            recipients=[(join_request.user.email, join_request.user.language)],
            context={"join_request": join_request},
        )

    transaction.on_commit(send)
