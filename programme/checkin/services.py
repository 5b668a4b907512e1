"""Recording that a person came in: once per venue and day, whatever the number of scans."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core import cache_versions
from portal.core.models import User
from portal.core.services.common import Refused
from programme.checkin.models import CheckIn
from programme.models import Registration, Venue

# The figures page shows live check-in counts; its cache key holds this token.
CACHE_TOKEN = "checkins"


@dataclass(frozen=True)
class Outcome:
    check_in: CheckIn
    # False when the person was already in (a second scan, or another door's scan).
    created: bool
    # True when this very scan had been recorded already (a replay after being offline).
    replay: bool = False


def check_in(
    *,
    registration: Registration,
    venue: Venue,
    day: dt.date,
    by: User,
    client_id: uuid.UUID,
    at: dt.datetime | None = None,
) -> Outcome:
    """Record the registration's arrival at the venue on the day; bumps the figures' token.

    Idempotent: a scan whose `client_id` was recorded returns that row, and a second scan of
    the same person at the same venue and day returns the first one. Two doors scanning at
    once make one row: the unique constraint decides, the loser reads the winner's row.
    """
    if venue.edition_id != registration.edition_id:
        raise Refused(_("This venue is not one of this edition's venues."), code="venue")
    if day not in registration.edition.days:
        raise Refused(_("This day is not one of this edition's days."), code="day")
    if registration.status != Registration.Status.CONFIRMED:
        raise Refused(_("This badge is not valid."), code="invalid")
    # One read answers the usual repeats (a replay, a second scan) without a failed insert.
    earlier = _earlier(client_id, registration, venue, day)
    if earlier is not None:
        return earlier
    try:
        with transaction.atomic():
            row = CheckIn.objects.create(
                registration=registration,
                venue=venue,
                day=day,
                checked_in_at=at or timezone.now(),
                checked_in_by=by,
                client_id=client_id,
            )
    except IntegrityError:
        # Another scan won (PostgreSQL made this insert wait for it to commit): read its row.
        earlier = _earlier(client_id, registration, venue, day)
        if earlier is None:
            raise
        return earlier
    transaction.on_commit(lambda: cache_versions.bump(CACHE_TOKEN))
    return Outcome(check_in=row, created=True)


def _earlier(
    client_id: uuid.UUID, registration: Registration, venue: Venue, day: dt.date
) -> Outcome | None:
    """The row this scan made before (a replay), else the person's row at the venue that day."""
    # The registration and venue are the caller's, already loaded: join only who checked in.
    rows = list(
        CheckIn.objects.select_related("checked_in_by").filter(
            Q(client_id=client_id) | Q(registration=registration, venue=venue, day=day)
        )
    )
    for row in rows:
        if row.registration_id == registration.pk:
            row.registration = registration
        if row.venue_id == venue.pk:
            row.venue = venue
    for row in rows:
        if row.client_id == client_id:
            return Outcome(check_in=row, created=False, replay=True)
    return Outcome(check_in=rows[0], created=False) if rows else None
