"""The partner directory's filters: plain query parameters, so a filtered list is a link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_filters import CharFilter, ChoiceFilter, FilterSet, ModelChoiceFilter
from django_filters import fields as filter_fields

from portal.core.collation import country_choices
from portal.core.models import City, CooperationProfile, Organisation, ThematicArea

# Free text a filter accepts: enough for any name or phrase, and far below the 50,000 bytes past
# which SQLite refuses a LIKE pattern (an OperationalError, which reads as a database outage).
SEARCH_MAX_LENGTH = 200


class SearchFilter(CharFilter):
    """A free-text filter, bounded: a longer value is an error in the filter form."""

    def __init__(self, *args, max_length: int = SEARCH_MAX_LENGTH, **kwargs) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)


class BoundedAdminSearch:
    """For a ModelAdmin: the same bound on its search (and its autocomplete), a longer term
    is refused with Django's own translated message and an empty list."""

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        try:
            MaxLengthValidator(SEARCH_MAX_LENGTH)(search_term)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)  # type: ignore[misc]


SEARCHED = [
    "name_en", "name_it", "name_zh_hans", "native_name", "acronym",
    "description_en", "description_it", "description_zh_hans",
]  # fmt: skip


def _name_in_current_language() -> Coalesce | F:
    column = f"name_{(translation.get_language() or 'en').replace('-', '_')}"
    if column not in ("name_it", "name_zh_hans"):
        # English is never empty (services fill it in), and its index serves the order.
        return F("name_en")
    return Coalesce(NullIf(column, Value("")), "name_en", output_field=CharField())


def _country_code(value: str) -> str:
    """The alpha-2 code of an ISO 3166 code (alpha-2, alpha-3 or numeric), or "".

    django-countries reads any text that `str.isdigit()` accepts as a numeric code, and raises
    on digits such as "²"; only ASCII goes that far.
    """
    return countries.alpha2(value) if value.isascii() else ""


class CountryField(filter_fields.ChoiceField):
    """Any ISO 3166 code is valid, listed or not: a shared link for a country with no partner
    yet gives an empty list, not every organisation."""

    def valid_value(self, value: str) -> bool:
        return bool(_country_code(value))


class CountryFilter(ChoiceFilter):
    field_class = CountryField


class OrganisationFilter(FilterSet):
    SORTS = [
        ("name", _("Name")),
        ("newest", _("Newest first")),
        ("country", _("Country")),
    ]

    q = SearchFilter(label=_("Search"), method="search")
    country = CountryFilter(label=_("Country"), choices=[], empty_label=None, null_label=None)
    kind = ChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices, empty_label=_("Any"))
    area = ModelChoiceFilter(
        label=_("Thematic area"),
        field_name="areas",
        queryset=ThematicArea.objects.all(),
        to_field_name="slug",
        empty_label=_("Any"),
    )
    city = ModelChoiceFilter(
        label=_("City"),
        queryset=City.objects.all(),
        to_field_name="slug",
        empty_label=_("Any"),
    )
    sort = ChoiceFilter(
        label=_("Sort by"), choices=SORTS, method="sort_by", empty_label=None, null_label=None
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_countries_listed", False):
            # The menu offers only the countries that have published organisations (250
            # translated options cost more to render than the rest of the page).
            present = set(
                Organisation.objects.published()
                .order_by()
                .values_list("country", flat=True)
                .distinct()
            )
            selected = _country_code(form.data.get("country") or "") if self.is_bound else ""
            if selected:
                present.add(selected)
            form.fields["country"].choices = [("", _("Any")), *country_choices(present)]
            form._countries_listed = True
        return form

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for column in SEARCHED:
            # Accents and case ignored (portal.core.search).
            condition |= Q(**{f"{column}__folded": value})
        # Two subqueries, not one OR with an EXISTS: PostgreSQL answers each from the trigram
        # indexes (a BitmapOr over the columns); an OR that also holds a subquery made it read
        # every row through f_unaccent (2.5 s at 100,000 organisations).
        # `pk__in`, not a join: an organisation with two matching profiles is listed once.
        matching = Organisation.objects.filter(condition).order_by().values("pk")
        offering = (
            CooperationProfile.objects.filter(
                status=CooperationProfile.Status.APPROVED,
                expires_on__gte=timezone.localdate(),
            )
            .filter(Q(keywords__folded=value) | Q(title_en__folded=value))
            .order_by()
            .values("organisation_id")
        )
        # One IN over the UNION: PostgreSQL joins the few ids found instead of testing each row.
        return queryset.filter(pk__in=matching.union(offering))

    def sort_by(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset  # applied in `qs` so the default order holds without a parameter

    @property
    def qs(self) -> QuerySet:
        queryset = super().qs
        # super().qs validated the form; a bad value of one filter does not drop the sort.
        sort = getattr(self.form, "cleaned_data", {}).get("sort") or ""
        if sort == "newest":
            return queryset.order_by("-created_at", "pk")
        label = _name_in_current_language()
        if sort == "country":
            return queryset.annotate(sort_name=label).order_by("country", "sort_name", "pk")
        return queryset.annotate(sort_name=label).order_by("sort_name", "pk")


class CooperationProfileFilter(FilterSet):
    """Public offers and requests: by type, thematic area, country, or words."""

    q = SearchFilter(label=_("Search"), method="search")
    kind = ChoiceFilter(
        label=_("Type"), choices=CooperationProfile.Kind.choices, empty_label=_("Any")
    )
    area = ModelChoiceFilter(
        label=_("Thematic area"),
        field_name="areas",
        queryset=ThematicArea.objects.all(),
        to_field_name="slug",
        empty_label=_("Any"),
    )
    country = CountryFilter(
        label=_("Country"),
        field_name="organisation__country",
        choices=[("", _("Any")), ("IT", _("Italy")), ("CN", _("China"))],
        empty_label=None,
        null_label=None,
    )

    class Meta:
        model = CooperationProfile
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for column in (
            "title_en", "title_it", "title_zh_hans", "summary_en", "summary_it",
            "summary_zh_hans", "keywords", "organisation__name_en", "organisation__name_it",
            "organisation__name_zh_hans", "organisation__native_name",
        ):  # fmt: skip
            condition |= Q(**{f"{column}__folded": value})
        return queryset.filter(condition)
