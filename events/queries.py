"""Reads for the mission pages: every page runs a fixed number of queries."""

from typing import Any

from django.apps import apps
from django.db.models import F, Prefetch, Q, QuerySet

from events.models import Activity, ActivityPerson, DelegationMember, Mission, Stop
from portal.core.models import Organisation


def list_missions() -> QuerySet[Mission]:
    """Missions with their itinerary's cities, for cards."""
    return Mission.objects.prefetch_related(
        Prefetch("stops", queryset=Stop.objects.select_related("city").order_by("order"))
    )


def _ordered(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    # Day by day; activities without a known day close the stop.
    return activities.order_by(F("date").asc(nulls_last=True), "starts_at", "order", "pk")


def _activities() -> QuerySet[Activity]:
    # Agreements look at events, not the other way round; the model is resolved by name
    # so this app keeps no import of the agreements app.
    agreement = apps.get_model("agreements", "Agreement")
    return Activity.objects.select_related("host").prefetch_related(
        Prefetch("organisations", queryset=Organisation.objects.order_by("name_en")),
        Prefetch("people", queryset=ActivityPerson.objects.select_related("organisation")),
        Prefetch(
            "agreements",
            queryset=agreement.objects.public().order_by("signed_on", "slug"),
            to_attr="public_agreements",
        ),
    )


def mission_page(slug: str) -> QuerySet[Mission]:
    """The mission with everything its page shows: itinerary, activities, people, delegation."""
    return (
        Mission.objects.filter(slug=slug)
        .select_related("edition")
        .prefetch_related(
            Prefetch("promoters", queryset=Organisation.objects.order_by("name_en")),
            Prefetch("organisers", queryset=Organisation.objects.order_by("name_en")),
            Prefetch(
                "delegation", queryset=DelegationMember.objects.select_related("organisation")
            ),
            Prefetch(
                "stops",
                queryset=Stop.objects.select_related("city")
                .order_by("order")
                .prefetch_related(Prefetch("activities", queryset=_ordered(_activities()))),
            ),
        )
    )


def mission_itinerary(slug: str) -> QuerySet[Mission]:
    """The mission with its stops and activities: the iCalendar file and the staff page."""
    return Mission.objects.filter(slug=slug).prefetch_related(
        Prefetch(
            "stops",
            queryset=Stop.objects.select_related("city")
            .order_by("order")
            .prefetch_related(
                Prefetch("activities", queryset=_ordered(Activity.objects.select_related("host")))
            ),
        )
    )


def day_groups(activities: list[Activity]) -> list[dict[str, Any]]:
    """Activities grouped by their first day; those without a known day come last."""
    groups: list[dict[str, Any]] = []
    for activity in activities:
        if not groups or groups[-1]["date"] != activity.date:
            groups.append({"date": activity.date, "activities": []})
        groups[-1]["activities"].append(activity)
    return groups


def for_organisation(organisation: Organisation) -> list[Mission]:
    """Missions an organisation promoted, organised, hosted or took part in (one query)."""
    return list(
        Mission.objects.filter(
            Q(promoters=organisation)
            | Q(organisers=organisation)
            | Q(stops__activities__host=organisation)
            | Q(stops__activities__organisations=organisation)
        )
        .distinct()
        .order_by("-start_date")
    )
