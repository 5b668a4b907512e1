"""Reads for the site shell; the only place in portal that looks at every app."""

from typing import Any

from django.utils import timezone

from agreements.models import Agreement
from events.models import Mission
from portal.core.models import Organisation
from programme.models import Edition


def featured_edition() -> Edition | None:
    """The next edition when one is coming, otherwise the latest."""
    today = timezone.localdate()
    editions = Edition.objects.real().prefetch_related("cities__city")
    upcoming = editions.filter(end_date__gte=today).order_by("start_date").first()
    return upcoming or editions.order_by("-year").first()


def home_page() -> dict[str, Any]:
    edition = featured_edition()
    reported = (
        Edition.objects.real().filter(reported_participants__isnull=False).order_by("-year").first()
    )
    return {
        "edition": edition,
        "missions": Mission.objects.order_by("-start_date")[:3],
        "reported": reported,
        "counts": {
            "organisations": Organisation.objects.published().count(),
            "editions": Edition.objects.real().count(),
            "missions": Mission.objects.count(),
            "agreements": Agreement.objects.public().count(),
        },
    }
