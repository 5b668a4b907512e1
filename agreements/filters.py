"""Filters of the public agreements list, as plain query parameters."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from agreements.models import Agreement, Party
from events.models import Mission
from portal.core.models import ThematicArea
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
        label=_("Country of a party"), choices=countries, method="filter_country", empty_label=ANY
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
