"""Filters of the public agreements list, as plain query parameters."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, Party
from events.models import Mission
from portal.core.collation import country_choices
from portal.core.models import Organisation, ThematicArea
from programme.models import Edition

ANY = _("Any")


class AgreementFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(
        label=_("Year"), method="filter_year", min_value=1900, max_value=2999
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Agreement.Kind.choices, empty_label=ANY
    )
    country = django_filters.ChoiceFilter(
        label=_("Country of a party"), choices=[], method="filter_country", empty_label=ANY
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Thematic area"),
        queryset=ThematicArea.objects.all(),
        to_field_name="slug",
        method="filter_area",
        empty_label=ANY,
    )
    edition = django_filters.ModelChoiceFilter(
        label=_("Signed at the Week"),
        queryset=Edition.objects.order_by("-year"),
        to_field_name="year",
        empty_label=ANY,
    )
    mission = django_filters.ModelChoiceFilter(
        label=_("Signed on the mission"),
        queryset=Mission.objects.order_by("-start_date"),
        to_field_name="slug",
        field_name="activity__stop__mission",
        empty_label=ANY,
    )

    class Meta:
        model = Agreement
        fields = ["year", "kind", "country", "area", "edition", "mission"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only the countries of organisations that are party to an agreement: a menu of 250
        # countries, nearly all of which give an empty list, helps nobody.
        present = set(
            Organisation.objects.filter(agreement_parties__isnull=False)
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
        # A shared link for a country with no party (yet) stays valid and gives an empty list.
        present.add(str((self.data or {}).get("country") or ""))
        self.filters["country"].extra["choices"] = country_choices(present)

    # Exists() keeps one row per agreement without DISTINCT, whatever the filters.
    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.annotate(signed_year=ExtractYear("signed_on")).filter(
            Q(signed_year=year) | Q(signed_on__isnull=True, edition__year=year)
        )

    def filter_country(self, queryset, name, value):
        parties = Party.objects.filter(agreement=OuterRef("pk"), organisation__country=value)
        return queryset.filter(Exists(parties))

    def filter_area(self, queryset, name, value):
        through = Agreement.areas.through.objects.filter(
            agreement=OuterRef("pk"), thematicarea=value
        )
        return queryset.filter(Exists(through))
