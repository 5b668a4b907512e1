"""The participants' catalogue filters (plain query parameters)."""

from functools import partial

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from matchmaking.models import MeetingRequest
from portal.core.collation import country_choices
from portal.core.filters import SearchFilter
from portal.core.models import CooperationProfile, Organisation, ThematicArea

LANGUAGES = [("en", _("English")), ("it", _("Italian")), ("zh", _("Chinese"))]


class CatalogueFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Name or organisation"), method="search")
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="registration__organisation__country",
        # Called on each use: the names are in the reader's language, not the one at import.
        choices=partial(country_choices, ("IT", "CN")),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        field_name="registration__organisation__kind",
        choices=Organisation.Kind.choices,
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Thematic area"),
        field_name="registration__organisation__areas",
        queryset=ThematicArea.objects.all(),
        to_field_name="slug",
    )
    publishes = django_filters.ChoiceFilter(
        label=_("Offer or request"),
        choices=CooperationProfile.Kind.choices,
        method="with_profile",
    )
    language = django_filters.ChoiceFilter(label=_("Language"), choices=LANGUAGES, method="speaks")

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(registration__person__full_name__folded=value)
            | Q(registration__organisation__name_en__folded=value)
            | Q(registration__organisation__name_it__folded=value)
            | Q(registration__organisation__name_zh_hans__folded=value)
            | Q(registration__organisation__native_name__folded=value)
        )

    def with_profile(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Participants whose organisation publishes a live offer or request of that type."""
        return queryset.filter(
            Exists(
                CooperationProfile.objects.public().filter(
                    organisation=OuterRef("registration__organisation"), kind=value
                )
            )
        )

    def speaks(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(registration__languages__icontains=value)


class StaffRequestFilter(django_filters.FilterSet):
    """Staff's list of an edition's requests: by status and by either side's name."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=MeetingRequest.Status.choices)
    q = SearchFilter(label=_("Person or organisation"), method="search")

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        q = Q()
        for side in ("requester", "recipient"):
            q |= Q(**{f"{side}__registration__person__full_name__folded": value})
            for column in ("name_en", "name_it", "name_zh_hans", "native_name"):
                q |= Q(**{f"{side}__registration__organisation__{column}__folded": value})
        return queryset.filter(q)
