"""Filters of the public mission list, as plain query parameters: ?country=CN&kind=roadshow."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, FilterSet

from events.models import Mission
from portal.core.collation import country_choices


def _choices_in_use() -> tuple[list[tuple[str, str]], list[tuple[int, int]]]:
    """The countries and years that missions have, so the filters never offer an empty match."""
    codes: set[str] = set()
    years: set[int] = set()
    for countries, start in Mission.objects.values_list("countries", "start_date"):
        # values_list gives the stored text, "CN,IT", not Country objects.
        codes.update(code for code in (countries or "").split(",") if code)
        years.add(start.year)
    return country_choices(codes), [(year, year) for year in sorted(years, reverse=True)]


class MissionFilter(FilterSet):
    country = ChoiceFilter(label=_("Country"), method="filter_country", empty_label=_("Any"))
    kind = ChoiceFilter(label=_("Kind"), choices=Mission.Kind.choices, empty_label=_("Any"))
    year = ChoiceFilter(
        label=_("Year"), field_name="start_date", lookup_expr="year", empty_label=_("Any")
    )

    class Meta:
        model = Mission
        fields = ["country", "kind", "year"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        country_choices, year_choices = _choices_in_use()
        self.filters["country"].extra["choices"] = country_choices
        self.filters["year"].extra["choices"] = year_choices

    def filter_country(self, queryset: QuerySet[Mission], name: str, value: str) -> QuerySet:
        # A multiple CountryField is stored as "CN,IT": two-letter codes joined by commas, so a
        # code can only match as a whole code.
        return queryset.filter(countries__contains=value)
