"""Every state change of the programme app: registrations, the showcase, copies of editions."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Notification, Organisation, User
from portal.notifications import notify
from programme.models import (
    Edition,
    ProgrammeSession,
    Registration,
    StartupApplication,
    Venue,
)


def _check_window(edition: Edition) -> None:
    if not edition.registration_is_open():
        raise ValidationError(_("Registration to this edition is closed."), code="closed")


def _check_days(edition: Edition, b2b: bool, b2b_days: Iterable[dt.date]) -> list[str]:
    days = sorted(set(b2b_days))
    if not b2b:
        return []
    if not days:
        raise ValidationError(_("Choose the days of B2B meetings."), code="no_b2b_days")
    if any(day not in edition.days for day in days):
        raise ValidationError(_("B2B days must be days of the edition."), code="b2b_day")
    return [day.isoformat() for day in days]


def _check_sessions(edition: Edition, sessions: Iterable[ProgrammeSession]) -> list:
    sessions = list(sessions)
    if any(session.edition_id != edition.pk for session in sessions):
        raise ValidationError(_("Choose sessions of this edition."), code="session")
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
    if organisation.status != Organisation.Status.APPROVED:
        raise ValidationError(
            _("%(name)s is not an approved organisation yet: it cannot register delegates."),
            params={"name": organisation.name},
            code="unapproved",
        )
    if Registration.objects.filter(edition=edition, person=person).exists():
        raise ValidationError(
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
        raise ValidationError(
            _("%(person)s is already registered to this edition."),
            params={"person": person},
            code="duplicate",
        ) from error
    registration.sessions.set(chosen)
    return registration


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
        raise ValidationError(_("This registration was cancelled."), code="cancelled")
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
        raise ValidationError(_("Only startups can apply to the showcase."), code="not_startup")
    if organisation.status != Organisation.Status.APPROVED:
        raise ValidationError(
            _("%(name)s is not an approved organisation yet: it cannot apply."),
            params={"name": organisation.name},
            code="unapproved",
        )
    if StartupApplication.objects.filter(edition=edition, organisation=organisation).exists():
        raise ValidationError(
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
        raise ValidationError(_("Only an edition with known dates can be copied."), code="dates")
    if source.is_demo:
        # Its programme is invented: copied into a real edition it would read as fact.
        raise ValidationError(
            _("The demonstration edition cannot be copied: its programme is invented."),
            code="demo",
        )
    if Edition.objects.filter(year=year).exists():
        raise ValidationError(_("An edition of %(year)s already exists."), params={"year": year})
    if Edition.objects.filter(ordinal=ordinal).exists():
        raise ValidationError(
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
        raise ValidationError(
            _("An edition of %(year)s already exists."), params={"year": year}
        ) from error
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
