"""The B2B meetings an agreement grew from: the one seam with the matchmaking app.

The matchmaking app is merged separately. Until `Agreement.meetings` (a ManyToManyField to
`matchmaking.Meeting`) exists, these functions answer "no meetings" so every page works;
once the field is added nothing else here needs to change, except the prefetch below which
then costs one more query on the agreement page (constant, whatever the number of meetings).
"""

from typing import Any

from django.core.exceptions import FieldDoesNotExist

from agreements.models import Agreement


def linked() -> bool:
    """Whether agreements can point at B2B meetings yet."""
    try:
        Agreement._meta.get_field("meetings")
    except FieldDoesNotExist:
        return False
    return True


def prefetch() -> list[Any]:
    """What to prefetch with an agreement to show its meetings (nothing until linked)."""
    if not linked():
        return []
    from django.db.models import Prefetch

    meeting = Agreement._meta.get_field("meetings").related_model
    return [
        Prefetch(
            "meetings",
            queryset=meeting.objects.select_related("edition", "slot").prefetch_related(
                "seats__participant__registration__organisation"
            ),
        )
    ]


def of(agreement: Agreement) -> list[Any]:
    """The meetings of an agreement fetched with `prefetch()`, or [] while not linked."""
    if not linked():
        return []
    return list(agreement.meetings.all())
