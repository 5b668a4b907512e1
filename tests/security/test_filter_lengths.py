"""Every filter form bounds its text: a pasted 50,000-character search is a form error in the
page, never a server or database error (SQLite refuses LIKE patterns of 50,000 bytes)."""

import importlib
from collections.abc import Callable, Iterator

import pytest
from django.urls import reverse
from django_filters import CharFilter, FilterSet

from portal.core.filters import SEARCH_MAX_LENGTH, BoundedAdminSearch
from tests.factories import EditionFactory, OrganisationFactory, UserFactory
from tests.matchmaking.factories import SessionFactory, accepted, participant

HUGE = "x" * 50_000
ERROR = "Ensure this value has at most 200 characters (it has 50000)."
# Where filters live; a FilterSet anywhere else is found by the subclass walk below anyway.
MODULES = [
    "portal.core.filters", "portal.core.notifications.forms", "programme.filters", "events.filters",
    "matchmaking.filters", "agreements.filters",
]  # fmt: skip
PROJECT = ("portal", "programme", "events", "matchmaking", "agreements")


def filtersets() -> Iterator[type[FilterSet]]:
    for module in MODULES:
        importlib.import_module(module)
    todo = list(FilterSet.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in PROJECT:
            yield cls


def _year() -> int:
    """An edition with rows to search: on an empty table SQLite never evaluates the LIKE."""
    edition = EditionFactory()
    accepted(participant(edition), participant(edition, country="CN"))
    return edition.year


def _session() -> str:
    session = SessionFactory(tables=1)
    accepted(participant(session.edition), participant(session.edition, country="CN"))
    OrganisationFactory()
    return reverse("matchmaking:grid", kwargs={"year": session.edition.year, "pk": session.pk})


# Each filter's pages, as functions that build what the page needs and return its URL.
PAGES: dict[str, list[Callable[[], str]]] = {
    "OrganisationFilter": [lambda: OrganisationFactory() and reverse("portal:directory")],
    "CooperationProfileFilter": [lambda: reverse("portal:cooperation")],
    "ProgrammeFilter": [lambda: reverse("programme:programme", kwargs={"year": _year()})],
    "RegistrationFilter": [
        lambda: reverse("programme:staff_registrations", kwargs={"year": _year()}),
        lambda: reverse("programme:staff_registrations_csv", kwargs={"year": _year()}),
    ],
    "MissionFilter": [lambda: reverse("events:missions")],
    "CatalogueFilter": [lambda: reverse("matchmaking:catalogue", kwargs={"year": _year()})],
    "StaffRequestFilter": [lambda: reverse("matchmaking:staff_requests", kwargs={"year": _year()})],
    "AgreementFilter": [lambda: reverse("agreements:list")],
    "StaffNotificationFilter": [lambda: reverse("notifications:staff")],
}
CASES = [(name, n) for name, pages in PAGES.items() for n in range(len(pages))]


def test_every_filterset_has_its_pages_here() -> None:
    assert sorted(cls.__name__ for cls in filtersets()) == sorted(PAGES)


def test_every_text_filter_is_bounded() -> None:
    unbounded = [
        f"{cls.__name__}.{name}"
        for cls in filtersets()
        for name, f in cls.base_filters.items()
        if isinstance(f, CharFilter) and not 0 < f.extra.get("max_length", 0) <= SEARCH_MAX_LENGTH
    ]
    assert unbounded == []


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "index"), CASES)
def test_a_huge_value_in_any_filter_is_a_form_error(client, name: str, index: int) -> None:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = PAGES[name][index]()
    cls = next(c for c in filtersets() if c.__name__ == name)
    for field, f in cls.base_filters.items():
        response = client.get(url, {field: HUGE})
        assert response.status_code == 200, (url, field)
        if isinstance(f, CharFilter) and "csv" not in response["Content-Type"]:
            assert ERROR in response.content.decode(), (url, field)


@pytest.mark.django_db
def test_a_huge_grid_search_is_a_form_error(client) -> None:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(_session(), {"who": HUGE})
    assert response.status_code == 200
    page = response.content.decode()
    assert ERROR in page
    assert '<input id="who" type="search" name="who" maxlength="200" value="">' in page


def _project_admins_with_search() -> list:
    from django.contrib import admin

    return sorted(
        (
            model_admin
            for model_admin in admin.site._registry.values()
            if model_admin.__module__.split(".")[0] in PROJECT and model_admin.search_fields
        ),
        key=lambda m: m.__class__.__name__,
    )


def test_every_admin_search_is_bounded() -> None:
    unbounded = [
        m.__class__.__name__
        for m in _project_admins_with_search()
        if not isinstance(m, BoundedAdminSearch)
    ]
    assert unbounded == []
    assert len(_project_admins_with_search()) >= 13


@pytest.mark.django_db
def test_a_huge_admin_search_is_an_error_in_the_page(client) -> None:
    # Rows to search, so that SQLite does evaluate the LIKE (an empty table never does).
    edition = EditionFactory()
    accepted(participant(edition), participant(edition, country="CN"))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for model_admin in _project_admins_with_search():
        meta = model_admin.model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        response = client.get(url, {"q": HUGE})
        assert response.status_code == 200, url
        assert ERROR in response.content.decode(), url
