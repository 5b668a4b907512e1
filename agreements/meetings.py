"""The B2B meetings an agreement grew from: the agreement page's one read of matchmaking."""

from django.db.models import Prefetch

from agreements.models import Agreement
from matchmaking.models import Meeting, Seat


def prefetch() -> list[Prefetch]:
    """What to prefetch with an agreement to show its meetings (two queries, however many)."""
    return [
        Prefetch(
            "meetings",
            queryset=Meeting.objects.select_related("edition", "slot").prefetch_related(
                Prefetch(
                    "seats",
                    queryset=Seat.objects.select_related("participant__registration__organisation"),
                )
            ),
        )
    ]


def of(agreement: Agreement) -> list[Meeting]:
    """The meetings of an agreement fetched with `prefetch()`."""
    return list(agreement.meetings.all())
