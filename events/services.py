"""Every change to missions, stops and activities goes through these functions."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events.models import Activity, ActivityPerson, Mission, Stop
from portal.core import cache_versions, l10n
from portal.core.models import City, Organisation
from portal.core.services.common import Refused
from portal.core.versions import bump, check_version

# Far above any real itinerary, so renumbering never collides with the unique (mission, order).
_PARKING = 10_000


def stop_date_errors(
    *, mission: Mission, start_date: dt.date, end_date: dt.date, exclude_pk: int | None = None
) -> list[str]:
    """Why these dates cannot be a stop of the mission (empty when they can)."""
    errors = []
    if end_date < start_date:
        errors.append(_("The last day cannot come before the first day."))
    if start_date < mission.start_date or end_date > mission.end_date:
        errors.append(
            _("The stop must fall within the mission's dates (%(dates)s).")
            % {"dates": l10n.date_range(mission.start_date, mission.end_date)}
        )
    overlapping = (
        mission.stops.filter(start_date__lte=end_date, end_date__gte=start_date)
        .exclude(pk=exclude_pk)
        .select_related("city")
        .order_by("start_date")
    )
    for other in overlapping:
        errors.append(
            _("These dates overlap the stop in %(city)s (%(dates)s).")
            % {"city": other.city.name, "dates": l10n.date_range(other.start_date, other.end_date)}
        )
    return errors


def activity_date_errors(
    *, stop: Stop, date: dt.date | None, end_date: dt.date | None
) -> list[str]:
    """Why these days cannot hold an activity of the stop (empty when they can)."""
    if date is None:
        return [_("Give the first day before the last day.")] if end_date else []
    errors = []
    last = end_date or date
    if last < date:
        errors.append(_("The last day cannot come before the first day."))
    if not (stop.covers(date) and stop.covers(last)):
        errors.append(
            _("The activity must fall within the stop's dates (%(dates)s).")
            % {"dates": l10n.date_range(stop.start_date, stop.end_date)}
        )
    return errors


@transaction.atomic
def stops_renumber(*, mission: Mission) -> None:
    """Number the mission's stops 1, 2, 3… in the order of their dates.

    Writes every stop whose number changes; two passes keep (mission, order) unique throughout.
    """
    stops = list(mission.stops.order_by("start_date", "end_date", "pk"))
    wanted = {stop.pk: position for position, stop in enumerate(stops, start=1)}
    moving = [stop for stop in stops if stop.order != wanted[stop.pk]]
    for stop in moving:
        Stop.objects.filter(pk=stop.pk).update(order=_PARKING + wanted[stop.pk])
    for stop in moving:
        Stop.objects.filter(pk=stop.pk).update(order=wanted[stop.pk])
    # update() sends no signal: the mission pages must still show the new order.
    cache_versions.bump_on_commit("missions")


@transaction.atomic
def mission_save(
    *,
    mission: Mission | None,
    fields: dict[str, Any],
    promoters: Iterable[Organisation] = (),
    organisers: Iterable[Organisation] = (),
    version: int | None = None,
) -> Mission:
    """Create or update a mission; refuses dates that would leave one of its stops outside.

    `version` is the one the form was loaded with: a save against a newer one is refused
    (EditConflict, listing the differences). Side effects: writes the mission and its
    promoters/organisers.
    """
    if mission is None:
        mission = Mission()
    else:
        mission = Mission.objects.select_for_update().get(pk=mission.pk)
        check_version(
            current=mission,
            version=version,
            incoming={**fields, "promoters": promoters, "organisers": organisers},
        )
        bump(mission)
    for name, value in fields.items():
        setattr(mission, name, value)
    if mission.end_date < mission.start_date:
        raise Refused(_("The last day cannot come before the first day."))
    if mission.pk:
        outside = mission.stops.filter(
            Q(start_date__lt=mission.start_date) | Q(end_date__gt=mission.end_date)
        ).select_related("city")
        if outside:
            raise Refused(
                _("These dates leave stops outside the mission: %(stops)s.")
                % {"stops": ", ".join(str(stop.city.name) for stop in outside)}
            )
    mission.full_clean(exclude=["promoters", "organisers"])
    mission.save()
    mission.promoters.set(promoters)
    mission.organisers.set(organisers)
    return mission


@transaction.atomic
def stop_save(
    *,
    mission: Mission,
    stop: Stop | None,
    city: City,
    start_date: dt.date,
    end_date: dt.date,
    time_zone: str = "",
) -> Stop:
    """Add or change a stop, then renumber the itinerary by date.

    Side effects: locks the mission (two staff editing one itinerary cannot both add an
    overlapping stop), writes the stop, renumbers the stops and adds the city's country to
    the mission's countries.
    """
    mission = Mission.objects.select_for_update().get(pk=mission.pk)
    errors = stop_date_errors(
        mission=mission,
        start_date=start_date,
        end_date=end_date,
        exclude_pk=stop.pk if stop else None,
    )
    if stop is not None:
        # Shrinking a stop must not strand its activities outside it.
        stranded = stop.activities.filter(
            Q(date__lt=start_date) | Q(date__gt=end_date) | Q(end_date__gt=end_date)
        )
        if stranded.exists():
            errors.append(_("Some of the stop's activities would fall outside these dates."))
    if errors:
        raise Refused(errors)
    if stop is None:
        stop = Stop(mission=mission, order=_PARKING * 2 + mission.stops.count())
    stop.city = city
    stop.start_date = start_date
    stop.end_date = end_date
    stop.time_zone = time_zone or city.time_zone
    stop.save()
    stops_renumber(mission=mission)
    if city.country and city.country.code not in [c.code for c in mission.countries]:
        mission.countries = [*(c.code for c in mission.countries), city.country.code]
        # A new country is a change of the mission's form: an open edit must not undo it.
        mission.save(update_fields=bump(mission, ["countries"]))
    stop.refresh_from_db(fields=["order"])
    return stop


@transaction.atomic
def stop_delete(*, stop: Stop) -> None:
    """Remove a stop with its activities and renumber the rest of the itinerary."""
    mission = Mission.objects.select_for_update().get(pk=stop.mission_id)
    stop.delete()
    stops_renumber(mission=mission)


@transaction.atomic
def activity_save(
    *,
    stop: Stop,
    activity: Activity | None,
    fields: dict[str, Any],
    organisations: Iterable[Organisation] = (),
    people: Iterable[dict[str, Any]] | None = None,
) -> Activity:
    """Create or update an activity of a stop; `people` (when given) replaces the people named.

    Side effects: writes the activity, its other organisations and its people.
    """
    errors = activity_date_errors(
        stop=stop, date=fields.get("date"), end_date=fields.get("end_date")
    )
    if errors:
        raise Refused(errors)
    if activity is None:
        activity = Activity(stop=stop)
    else:
        activity = Activity.objects.select_for_update().get(pk=activity.pk, stop=stop)
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.full_clean(exclude=["stop", "organisations"])
    activity.save()
    activity.organisations.set(organisations)
    if people is not None:
        activity.people.all().delete()
        ActivityPerson.objects.bulk_create(
            ActivityPerson(activity=activity, order=order, **person)
            for order, person in enumerate(people)
        )
        # bulk_create() sends no signal: the mission pages must still show the new names.
        cache_versions.bump_on_commit("missions")
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity) -> None:
    """Remove an activity and the people named at it (agreements keep existing, unlinked)."""
    activity.delete()


def _free_slug(name: str) -> str:
    base = slugify(name)[:100] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


HOST_KINDS = {
    Activity.Kind.UNIVERSITY_VISIT: Organisation.Kind.UNIVERSITY,
    Activity.Kind.CONFERENCE: Organisation.Kind.ASSOCIATION,
    Activity.Kind.FAIR: Organisation.Kind.ASSOCIATION,
}


@transaction.atomic
def activity_host_to_directory(
    *, activity: Activity, kind: str | None = None
) -> tuple[Organisation, bool]:
    """Link the activity's host, recorded by name, to a directory organisation.

    Reuses an organisation of the same English name when there is one; otherwise creates it as
    pending, for staff review, in the stop's city. Returns (organisation, created). Side effects:
    locks and updates the activity (two clicks create one organisation), may create an
    organisation.
    """
    # The host is read after the lock: FOR UPDATE cannot cover the outer join to it.
    activity = Activity.objects.select_for_update().select_related("stop__city").get(pk=activity.pk)
    if activity.host is not None:
        return activity.host, False
    name = (activity.host_name_en or "").strip()
    if not name:
        raise Refused(_("This activity has no host name to add."))
    existing = Organisation.objects.filter(name_en__iexact=name).first()
    created = existing is None
    if existing is None:
        city = activity.stop.city
        existing = Organisation.objects.create(
            slug=_free_slug(name),
            name_en=name,
            name_it=activity.host_name_it or "",
            name_zh_hans=activity.host_name_zh_hans or "",
            kind=kind or HOST_KINDS.get(activity.kind, Organisation.Kind.PUBLIC_BODY),
            country=city.country,
            city=city,
            status=Organisation.Status.PENDING,
        )
    activity.host = existing
    activity.host_name_en = activity.host_name_it = activity.host_name_zh_hans = ""
    activity.save(update_fields=["host", "host_name_en", "host_name_it", "host_name_zh_hans"])
    return existing, created
