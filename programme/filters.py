"""List filters as plain query parameters: ?day=2016-10-26&city=bologna&kind=seminar."""

import datetime as dt

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core import l10n
from portal.core.filters import SearchFilter
from portal.core.models import City, Organisation, ThematicArea
from programme.models import Edition, ProgrammeSession, Registration


class ProgrammeFilter(django_filters.FilterSet):
    day = django_filters.ChoiceFilter(
        label=_("Day"), method="filter_day", empty_label=_("All days")
    )
    city = django_filters.ModelChoiceFilter(
        label=_("City"),
        to_field_name="slug",
        queryset=City.objects.none(),
        empty_label=_("All cities"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ProgrammeSession.Kind.choices, empty_label=_("All kinds")
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Thematic area"),
        field_name="areas",
        to_field_name="slug",
        queryset=ThematicArea.objects.all(),
        empty_label=_("All areas"),
    )

    class Meta:
        model = ProgrammeSession
        fields = ["day", "city", "kind", "area"]

    def __init__(self, *args, edition: Edition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.filters["day"].extra["choices"] = [
            (day.isoformat(), l10n.date(day)) for day in edition.days
        ]
        self.filters["city"].queryset = City.objects.filter(edition_stages__edition=edition)

    def filter_day(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # A day is a day in the edition's zone, not in UTC.
        day = dt.date.fromisoformat(value)
        start = timezone.make_aware(dt.datetime.combine(day, dt.time()), self.edition.zone)
        end = timezone.make_aware(
            dt.datetime.combine(day + dt.timedelta(days=1), dt.time()), self.edition.zone
        )
        return queryset.filter(start__gte=start, start__lt=end)


class RegistrationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Registration.Status.choices, empty_label=_("Any status")
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=Registration.Role.choices, empty_label=_("Any role")
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        to_field_name="slug",
        queryset=Organisation.objects.none(),
        empty_label=_("Any organisation"),
    )
    b2b = django_filters.BooleanFilter(label=_("Takes part in B2B meetings"))
    q = SearchFilter(label=_("Name or e-mail"), method="filter_q")

    class Meta:
        model = Registration
        fields = ["status", "role", "organisation", "b2b", "q"]

    def __init__(self, *args, edition: Edition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["organisation"].queryset = Organisation.objects.filter(
            registrations__edition=edition
        ).distinct()

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(person__full_name__folded=value) | Q(person__email__folded=value))
