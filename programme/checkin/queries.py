"""Reads of check-in: the venues and days to choose from, name search, attendance, counts."""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from portal.core.search import fold
from programme.checkin.models import CheckIn
from programme.models import Edition, Registration, Venue

SEARCH_LIMIT = 20


def venues_of(edition: Edition) -> list[Venue]:
    return list(Venue.objects.filter(edition=edition).select_related("city"))


def default_day(edition: Edition) -> dt.date | None:
    """Today in the edition's zone when it is one of its days, else its first day."""
    days = edition.days
    if not days:
        return None
    today = timezone.localdate(timezone=edition.zone)
    return today if today in days else days[0]


def search(edition: Edition, text: str) -> QuerySet[Registration]:
    """Confirmed registrations of the edition whose person's name holds `text` (accents ignored),
    or whose badge code is `text`."""
    words = fold(text.strip()) or ""
    if not words:
        return Registration.objects.none()
    match = Q(person__full_name__folded=words) | Q(person__native_name__folded=words)
    return (
        Registration.objects.filter(edition=edition, status=Registration.Status.CONFIRMED)
        .filter(match)
        .select_related("person", "organisation")
        .order_by("person__full_name", "pk")[:SEARCH_LIMIT]
    )


def registration_or_none(edition: Edition, pk: int) -> Registration | None:
    return (
        Registration.objects.filter(edition=edition, pk=pk, status=Registration.Status.CONFIRMED)
        .select_related("edition", "person", "organisation")
        .first()
    )


def attendance(venue: Venue, day: dt.date) -> QuerySet[CheckIn]:
    """The people checked in at the venue on the day, in the order they came."""
    return (
        CheckIn.objects.filter(venue=venue, day=day)
        .select_related("registration__person", "registration__organisation", "checked_in_by")
        .order_by("checked_in_at", "pk")
    )


def absent_on(edition: Edition, day: dt.date, registration_ids: Iterable[int]) -> set[int]:
    """Of these registrations, those not checked in anywhere on the day.

    Empty while nobody at all has been checked in that day: without check-in at the doors,
    not being checked in says nothing.
    """
    ids = set(registration_ids)
    if not ids:
        return set()
    day_rows = CheckIn.objects.filter(venue__edition=edition, day=day)
    if not day_rows.exists():
        return set()
    present = set(
        day_rows.filter(registration_id__in=ids).values_list("registration_id", flat=True)
    )
    return ids - present


@dataclass
class EditionAttendance:
    """Check-in counts of one edition (people, not scans)."""

    by_day_venue: dict[tuple[dt.date, int], int] = field(default_factory=dict)
    venues: dict[int, str] = field(default_factory=dict)
    by_country: Counter = field(default_factory=Counter)
    by_role: Counter = field(default_factory=Counter)
    registered_by_role: Counter = field(default_factory=Counter)
    people: int = 0


def attendance_counts(editions: Iterable[Edition]) -> dict[int, EditionAttendance]:
    """Check-in counts of the editions that have check-in data, in four grouped queries."""
    ids = [e.pk for e in editions]
    rows = CheckIn.objects.filter(registration__edition_id__in=ids)
    found: dict[int, EditionAttendance] = defaultdict(EditionAttendance)
    for row in (
        rows.values("day", "venue_id", edition_id=F("venue__edition_id"))
        .annotate(n=Count("registration_id", distinct=True))
        .order_by()
    ):
        found[row["edition_id"]].by_day_venue[(row["day"], row["venue_id"])] = row["n"]
    if not found:
        return {}
    for venue in Venue.objects.filter(edition_id__in=list(found)).select_related("city"):
        found[venue.edition_id].venues[venue.pk] = str(venue)
    # A person who came on three days counts once in the edition's totals.
    for row in (
        rows.values(
            edition_id=F("registration__edition_id"),
            country=F("registration__organisation__country"),
            role=F("registration__role"),
        )
        .annotate(n=Count("registration_id", distinct=True))
        .order_by()
    ):
        figures = found[row["edition_id"]]
        figures.by_country[row["country"]] += row["n"]
        figures.by_role[row["role"]] += row["n"]
        figures.people += row["n"]
    for row in (
        Registration.objects.live()
        .filter(edition_id__in=list(found))
        .values("edition_id", "role")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        found[row["edition_id"]].registered_by_role[row["role"]] += row["n"]
    return dict(found)
