"""Every state change of the programme app: registrations and invitations to register, the
showcase, copies of editions."""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.core.models import Notification, Organisation, User
from portal.core.notifications import notify
from portal.core.notifications.creating import absolute_link
from portal.core.services.common import Refused
from programme.models import (
    Edition,
    ProgrammeSession,
    Registration,
    RegistrationInvitation,
    StartupApplication,
    Venue,
)

# An organisation's invitations to register, per 24 hours: enough for a large delegation,
# too few for the form to be a way of sending mail to strangers.
INVITATIONS_PER_DAY = 50


def _check_window(edition: Edition) -> None:
    if not edition.registration_is_open():
        raise Refused(_("Registration to this edition is closed."), code="closed")


def _check_days(edition: Edition, b2b: bool, b2b_days: Iterable[dt.date]) -> list[str]:
    days = sorted(set(b2b_days))
    if not b2b:
        return []
    if not days:
        raise Refused(_("Choose the days of B2B meetings."), code="no_b2b_days")
    if any(day not in edition.days for day in days):
        raise Refused(_("B2B days must be days of the edition."), code="b2b_day")
    return [day.isoformat() for day in days]


def _check_sessions(edition: Edition, sessions: Iterable[ProgrammeSession]) -> list:
    sessions = list(sessions)
    if any(session.edition_id != edition.pk for session in sessions):
        raise Refused(_("Choose sessions of this edition."), code="session")
    return sessions


@transaction.atomic
def registration_create(
    *,
    edition: Edition,
    person: User,
    organisation: Organisation,
    registered_by: User,
    role: str = Registration.Role.DELEGATE,
    languages: str = "",
    b2b: bool = False,
    b2b_days: Iterable[dt.date] = (),
    sessions: Iterable[ProgrammeSession] = (),
) -> Registration:
    """Register a delegate of an approved organisation to an open edition (status pending).

    Locks the edition row so that two members registering the same person, or a
    registration racing the window's end, give one clear answer.
    """
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    _check_window(edition)
    _check_approved(organisation)
    if Registration.objects.live().filter(edition=edition, person=person).exists():
        raise Refused(
            _("%(person)s is already registered to this edition."),
            params={"person": person},
            code="duplicate",
        )
    days = _check_days(edition, b2b, b2b_days)
    chosen = _check_sessions(edition, sessions)
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                edition=edition,
                person=person,
                organisation=organisation,
                registered_by=registered_by,
                role=role,
                languages=languages,
                b2b=b2b,
                b2b_days=days,
            )
    except IntegrityError as error:  # the unique constraint, should a race slip past the lock
        raise Refused(
            _("%(person)s is already registered to this edition."),
            params={"person": person},
            code="duplicate",
        ) from error
    registration.sessions.set(chosen)
    return registration


def _check_approved(organisation: Organisation) -> None:
    if organisation.status != Organisation.Status.APPROVED:
        raise Refused(
            _("%(name)s is not an approved organisation yet: it cannot register delegates."),
            params={"name": organisation.name},
            code="unapproved",
        )


# ---------------------------------------------------------------- invitations to register
# Registering anyone but oneself is an invitation. The member's answer is the same whether
# the address has an account, is already registered or already invited: the form must not
# tell who uses Ponte, and nobody is registered without saying yes.


@transaction.atomic
def registration_invite(
    *,
    edition: Edition,
    organisation: Organisation,
    email: str,
    invited_by: User,
    role: str = Registration.Role.DELEGATE,
    languages: str = "",
    b2b: bool = False,
    b2b_days: Iterable[dt.date] = (),
    sessions: Iterable[ProgrammeSession] = (),
) -> RegistrationInvitation:
    """A member invites an address to be a delegate of their organisation; nothing is registered.

    A new invitation replaces the organisation's pending one to the same address for the
    edition. Side effect after commit: the invitation is sent (a notification to an account
    with that address, or an e-mail inviting to sign up), in the invitee's language if known.
    """
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    _check_window(edition)
    _check_approved(organisation)
    days = _check_days(edition, b2b, b2b_days)
    chosen = _check_sessions(edition, sessions)
    # Locked, so that two members inviting at once cannot both take the last place of the day.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    limit = getattr(settings, "PROGRAMME_INVITATIONS_PER_DAY", INVITATIONS_PER_DAY)
    since = timezone.now() - dt.timedelta(days=1)
    if (
        RegistrationInvitation.objects.filter(
            organisation=organisation, created_at__gt=since
        ).count()
        >= limit
    ):
        raise Refused(
            _("Your organisation has sent many invitations today. Please try again tomorrow."),
            code="rate_limited",
        )
    email = email.strip().lower()
    RegistrationInvitation.objects.filter(
        edition=edition,
        organisation=organisation,
        email=email,
        status=RegistrationInvitation.Status.PENDING,
    ).update(status=RegistrationInvitation.Status.WITHDRAWN, answered_at=timezone.now())
    invitation = RegistrationInvitation.objects.create(
        edition=edition,
        organisation=organisation,
        email=email,
        invited_by=invited_by,
        role=role,
        languages=languages,
        b2b=b2b,
        b2b_days=days,
    )
    invitation.sessions.set(chosen)
    # Whether the address has an account is looked at by the task, not here: the member's
    # request does the same work either way.
    language = translation.get_language() or settings.LANGUAGE_CODE
    # Robust: a broker or SMTP failure is logged, and must not undo the member's answer.
    transaction.on_commit(lambda: _send_invitation_task(invitation.pk, language), robust=True)
    return invitation


def _send_invitation_task(invitation_id: int, language: str) -> None:
    from programme.tasks import send_registration_invitation

    send_registration_invitation.delay(invitation_id=invitation_id, language=language)


def invitation_path(invitation: RegistrationInvitation) -> str:
    """The invitee's page of the invitation, in the active language."""
    return reverse(
        "programme:invitation",
        kwargs={"year": invitation.edition.year, "pk": invitation.pk},
    )


@transaction.atomic
def registration_invitation_send(*, invitation_id: int, language: str) -> None:
    """Tell the invited address, once: a notification (inbox and e-mail) in the language of
    the account with that address, or, without an account, an e-mail in `language` that
    invites to sign up. Quietly does nothing when the invitation is gone or answered."""
    invitation = (
        # Only this row is locked (PostgreSQL refuses to lock the nullable inviter's side).
        RegistrationInvitation.objects.select_for_update(of=("self",))
        .select_related("edition", "organisation", "invited_by")
        .filter(pk=invitation_id, status=RegistrationInvitation.Status.PENDING)
        .first()
    )
    if invitation is None:
        return
    person = User.objects.filter(email__iexact=invitation.email).first()
    context = {
        "invitation": invitation,
        "edition": invitation.edition,
        "organisation": invitation.organisation,
        "inviter": invitation.invited_by.full_name if invitation.invited_by else "",
    }
    if person is not None:
        with translation.override(person.language or settings.LANGUAGE_CODE):
            link = invitation_path(invitation)
        notify(
            recipient=person,
            kind=Notification.Kind.REGISTRATION_INVITATION,
            context=context,
            link=link,
            key=f"registration-invitation-{invitation.pk}",
        )
        return
    if invitation.mailed_at is not None:
        return
    with translation.override(language):
        link = invitation_path(invitation)
        signup = reverse("account_signup") + "?" + urlencode({"next": link})
        context = {**context, "link": absolute_link(link), "signup": absolute_link(signup)}
        subject = render_to_string("notifications/registration_invitation/subject.txt", context)
        body = render_to_string("programme/email/invitation_body.txt", context)
    invitation.mailed_at = timezone.now()
    invitation.save(update_fields=["mailed_at"])
    # Sent inside the transaction that marks it sent: should sending fail, the mark is
    # rolled back and a retry sends it.
    send_mail(" ".join(subject.split()), body.strip(), None, [invitation.email])


def _invitee_invitation(invitation: RegistrationInvitation, user: User) -> RegistrationInvitation:
    invitation = RegistrationInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.email != user.email.lower():
        # Views only give the invitee their own invitations; a service called otherwise refuses.
        raise Refused(_("This invitation was sent to another address."), code="other")
    if invitation.status != RegistrationInvitation.Status.PENDING:
        raise Refused(_("This invitation has already been answered or withdrawn."), code="answered")
    return invitation


@transaction.atomic
def registration_invitation_accept(
    *, invitation: RegistrationInvitation, user: User
) -> Registration:
    """The invited person accepts: they are registered (pending, as any registration) as a
    delegate of the inviting organisation, with the details of the invitation."""
    # The edition first, as `registration_invite` and `registration_create` lock it.
    Edition.objects.select_for_update().filter(pk=invitation.edition_id).first()
    invitation = _invitee_invitation(invitation, user)
    edition = invitation.edition
    if Registration.objects.live().filter(edition=edition, person=user).exists():
        raise Refused(
            _(
                "You are already registered to this edition: this invitation cannot be "
                "accepted. You may decline it."
            ),
            code="duplicate",
        )
    registration = registration_create(
        edition=edition,
        person=user,
        organisation=invitation.organisation,
        registered_by=invitation.invited_by or user,
        role=invitation.role,
        languages=invitation.languages,
        b2b=invitation.b2b,
        b2b_days=invitation.b2b_dates,
        sessions=invitation.sessions.all(),
    )
    invitation.status = RegistrationInvitation.Status.ACCEPTED
    invitation.registration = registration
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "registration", "answered_at"])
    return registration


@transaction.atomic
def registration_invitation_decline(
    *, invitation: RegistrationInvitation, user: User
) -> RegistrationInvitation:
    """The invited person declines; the inviting organisation sees "declined", nothing more."""
    invitation = _invitee_invitation(invitation, user)
    invitation.status = RegistrationInvitation.Status.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    return invitation


@transaction.atomic
def registration_invitation_withdraw(
    *, invitation: RegistrationInvitation
) -> RegistrationInvitation:
    """The organisation takes back a pending invitation; its page then says so to the invitee."""
    invitation = RegistrationInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status == RegistrationInvitation.Status.PENDING:
        invitation.status = RegistrationInvitation.Status.WITHDRAWN
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at"])
    return invitation


@transaction.atomic
def registration_update(
    *,
    registration: Registration,
    role: str,
    languages: str,
    b2b: bool,
    b2b_days: Iterable[dt.date],
    sessions: Iterable[ProgrammeSession],
) -> Registration:
    """Change a delegate's role, languages, B2B days and sessions while the window is open."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    edition = registration.edition
    _check_window(edition)
    if registration.status == Registration.Status.CANCELLED:
        raise Refused(_("This registration was cancelled."), code="cancelled")
    registration.role = role
    registration.languages = languages
    registration.b2b = b2b
    registration.b2b_days = _check_days(edition, b2b, b2b_days)
    registration.save(update_fields=["role", "languages", "b2b", "b2b_days"])
    registration.sessions.set(_check_sessions(edition, sessions))
    return registration


def _set_status(registration: Registration, status: str) -> Registration:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.status = status
    registration.save(update_fields=["status"])
    return registration


@transaction.atomic
def registration_withdraw(*, registration: Registration) -> Registration:
    """The organisation withdraws its delegate: the registration is cancelled, not deleted."""
    return _set_status(registration, Registration.Status.CANCELLED)


@transaction.atomic
def registration_confirm(*, registration: Registration) -> Registration:
    """Staff confirm a registration and the delegate is told (once, whatever the clicks);
    matchmaking then counts the delegate when b2b is set."""
    registration = _set_status(registration, Registration.Status.CONFIRMED)
    edition = registration.edition
    notify(
        recipient=registration.person,
        kind=Notification.Kind.REGISTRATION_CONFIRMED,
        context={"edition": edition, "zone": edition.time_zone},
        link=edition.get_absolute_url(),
        key=f"registration-confirmed-{registration.pk}",
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration:
    """Staff cancel a registration."""
    return _set_status(registration, Registration.Status.CANCELLED)


@transaction.atomic
def startup_apply(
    *,
    edition: Edition,
    organisation: Organisation,
    pitch: str,
    submitted_by: User,
    areas: Iterable = (),
) -> StartupApplication:
    """A startup applies to the edition's showcase (while registration is open)."""
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    _check_window(edition)
    if organisation.kind != Organisation.Kind.STARTUP:
        raise Refused(_("Only startups can apply to the showcase."), code="not_startup")
    if organisation.status != Organisation.Status.APPROVED:
        raise Refused(
            _("%(name)s is not an approved organisation yet: it cannot apply."),
            params={"name": organisation.name},
            code="unapproved",
        )
    if StartupApplication.objects.filter(edition=edition, organisation=organisation).exists():
        raise Refused(
            _("%(name)s has already applied to this showcase."),
            params={"name": organisation.name},
            code="duplicate",
        )
    application = StartupApplication.objects.create(
        edition=edition, organisation=organisation, pitch=pitch, submitted_by=submitted_by
    )
    application.areas.set(list(areas))
    return application


@transaction.atomic
def startup_decide(*, application: StartupApplication, shortlist: bool) -> StartupApplication:
    """Staff shortlist a startup (shown on the edition's page) or decline it."""
    application = StartupApplication.objects.select_for_update().get(pk=application.pk)
    application.status = (
        StartupApplication.Status.SHORTLISTED if shortlist else StartupApplication.Status.DECLINED
    )
    application.save(update_fields=["status"])
    return application


@transaction.atomic
def edition_copy(
    *,
    source: Edition,
    year: int,
    ordinal: int,
    start_date: dt.date,
    host_country: str,
    time_zone: str,
    title_en: str,
    title_it: str = "",
    title_zh_hans: str = "",
) -> Edition:
    """Start a new edition from a past one: cities, venues and sessions, dates shifted.

    Registrations, speakers, showcase applications, the summary and reported figures stay:
    the new edition is planned and has no participants yet.
    """
    if source.start_date is None or source.end_date is None:
        raise Refused(_("Only an edition with known dates can be copied."), code="dates")
    if source.is_demo:
        # Its programme is invented: copied into a real edition it would read as fact.
        raise Refused(
            _("The demonstration edition cannot be copied: its programme is invented."),
            code="demo",
        )
    if Edition.objects.filter(year=year).exists():
        raise Refused(_("An edition of %(year)s already exists."), params={"year": year})
    if Edition.objects.filter(ordinal=ordinal).exists():
        raise Refused(
            _("An edition numbered %(ordinal)s already exists."), params={"ordinal": ordinal}
        )
    offset = (start_date - source.start_date).days
    copy = Edition(
        year=year,
        ordinal=ordinal,
        host_country=host_country,
        time_zone=time_zone,
        start_date=start_date,
        end_date=source.end_date + dt.timedelta(days=offset),
        status=Edition.Status.PLANNED,
        title_en=title_en,
        title_it=title_it,
        title_zh_hans=title_zh_hans,
        summary_en="",
        summary_it="",
        summary_zh_hans="",
    )
    # The summary tells what happened, so it stays behind; the formats carry over.
    for language in ("en", "it", "zh_hans"):
        setattr(copy, f"formats_{language}", getattr(source, f"formats_{language}"))
    try:
        with transaction.atomic():
            copy.save()
    except IntegrityError as error:  # another copy of the same year or number just won
        raise Refused(_("An edition of %(year)s already exists."), params={"year": year}) from error
    for stage in source.cities.all():
        stage.pk = None
        stage.edition = copy
        stage.save()
    venues: dict[int, Venue] = {}
    for venue in source.venues.all():
        old_pk = venue.pk
        venue.pk = None
        venue.edition = copy
        venue.save()
        venues[old_pk] = venue
    old_zone, new_zone = source.zone, copy.zone
    for session in source.sessions.prefetch_related("areas"):
        areas = list(session.areas.all())
        # Drop the prefetched areas: they belong to the source session, and `set()` below
        # would read them as the copy's current areas and add nothing.
        session._prefetched_objects_cache = {}
        session.pk = None
        session.edition = copy
        if session.start is not None:
            # Same wall-clock times, days later, in the new edition's zone.
            local_start = timezone.localtime(session.start, old_zone).replace(tzinfo=None)
            local_end = timezone.localtime(session.end, old_zone).replace(tzinfo=None)
            session.start = timezone.make_aware(local_start + dt.timedelta(days=offset), new_zone)
            session.end = timezone.make_aware(local_end + dt.timedelta(days=offset), new_zone)
        session.venue = venues.get(session.venue_id) if session.venue_id else None
        session.save()
        session.areas.set(areas)
    return copy
