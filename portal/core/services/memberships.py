"""Every state change of memberships, invitations and join requests. They lock the
organisation's row (`select_for_update`) where two admins may act at once, so that an
organisation always keeps one admin."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.core.links import site_link
from portal.core.models import (
    Invitation,
    JoinRequest,
    Membership,
    Notification,
    Organisation,
    User,
)
from portal.core.notifications import notify
from portal.core.services.common import (
    Refused,
    admin_users,
    lock_organisation,
    mail_plain,
    require_admin,
)

INVITATION_SALT = "portal.invitation"


# How long an invitation link stays valid, in seconds.
INVITATION_MAX_AGE = getattr(settings, "PORTAL_INVITATION_MAX_AGE", 7 * 24 * 3600)


# Invitations are e-mails from the portal's address to anyone: at most this many in 24 hours
# per organisation and per inviting person.
INVITATIONS_PER_DAY = getattr(settings, "PORTAL_INVITATIONS_PER_DAY", 20)


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
    organisation = lock_organisation(membership.organisation)
    require_admin(organisation, by)
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
    organisation = lock_organisation(membership.organisation)
    if membership.user_id != by.pk:
        require_admin(organisation, by)
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
def invitation_send(*, organisation: Organisation, email: str, role: str, by: User) -> Invitation:
    """An admin of an approved organisation invites an address; a new invitation replaces a
    pending one to the same address. At most INVITATIONS_PER_DAY a day per organisation and
    per inviting person.

    Side effect: the invitation e-mail, with a signed link that expires, after commit.
    """
    organisation = lock_organisation(organisation)
    require_admin(organisation, by)
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
    _after_invitation_sent(invitation_id=invitation.pk, url=path)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> None:
    """An admin withdraws a pending invitation; its link stops working."""
    require_admin(lock_organisation(invitation.organisation), by)
    Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.REVOKED
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """The invited person, signed in with the invited address, joins with the given role."""
    organisation = lock_organisation(invitation.organisation)
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
    organisation = lock_organisation(join_request.organisation)
    require_admin(organisation, by)
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


def _after_invitation_sent(*, invitation_id: int, url: str) -> None:
    language = translation.get_language()

    def send() -> None:
        invitation = Invitation.objects.select_related("organisation", "invited_by").get(
            pk=invitation_id
        )
        existing = get_user_model().objects.filter(email__iexact=invitation.email).first()
        recipient_language = existing.language if existing else language
        mail_plain(
            template="invitation",
            recipients=[(invitation.email, recipient_language)],
            context={
                "invitation": invitation,
                "url": site_link(url, recipient_language),
                "days": INVITATION_MAX_AGE // 86400,
            },
        )

    transaction.on_commit(send)


def _after_join_request_sent(*, join_request_id: int) -> None:
    join_request = JoinRequest.objects.select_related("organisation", "user").get(
        pk=join_request_id
    )
    organisation = join_request.organisation
    for admin in admin_users(organisation):
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
        mail_plain(
            template="join_request_decided",
            recipients=[(join_request.user.email, join_request.user.language)],
            context={"join_request": join_request},
        )

    transaction.on_commit(send)
