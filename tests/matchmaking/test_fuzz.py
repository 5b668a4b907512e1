"""Hypothesis over the catalogue's filters and the request form: never a 500."""

from urllib.parse import urlencode

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchmaking.filters import CatalogueFilter

VALUES = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(["", "CN", "IT", "health", "zh", "0", "-1", "null", "%00", "' OR 1=1"]),
    st.text(alphabet="北京市科学技术委员会<>&\"'%;", max_size=20),
)
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def test_catalogue_filters_never_fail(client, world) -> None:
    client.force_login(world.anna.registration.person)
    url = reverse("matchmaking:catalogue", kwargs={"year": world.edition.year})
    names = [*CatalogueFilter.base_filters, "page"]

    @FUZZ
    @given(st.dictionaries(st.sampled_from(names), VALUES, max_size=len(names)))
    def check(query: dict[str, str]) -> None:
        response = client.get(f"{url}?{urlencode(query)}")
        assert response.status_code == 200, (query, response.status_code)

    check()


def test_grid_and_move_forms_never_fail(client, world) -> None:
    from tests.matchmaking.factories import accepted
    from tests.matchmaking.test_meetings import place

    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    client.force_login(world.staff)
    move = reverse("matchmaking:move", kwargs={"year": world.edition.year, "pk": meeting.pk})
    swap = reverse("matchmaking:swap", kwargs={"year": world.edition.year, "pk": meeting.pk})
    run = reverse("matchmaking:run_start", kwargs={"year": world.edition.year})

    @FUZZ
    @given(st.dictionaries(st.sampled_from(["place", "other", "session"]), VALUES, max_size=3))
    def check(data: dict[str, str]) -> None:
        assert client.post(move, data).status_code == 302
        assert client.post(swap, data).status_code == 302
        assert client.post(run, {"session": data.get("session", "x")}).status_code == 302

    check()


def test_staff_request_filters_and_on_behalf_form_never_fail(client, world) -> None:
    from matchmaking.filters import StaffRequestFilter

    client.force_login(world.staff)
    listing = reverse("matchmaking:staff_requests", kwargs={"year": world.edition.year})
    create = reverse("matchmaking:on_behalf", kwargs={"year": world.edition.year})
    names = [*StaffRequestFilter.base_filters, "page"]
    fields = ["requester", "recipient", "message"]

    @FUZZ
    @given(
        st.dictionaries(st.sampled_from(names), VALUES, max_size=len(names)),
        st.dictionaries(st.sampled_from(fields), VALUES, max_size=len(fields)),
    )
    def check(query: dict[str, str], data: dict[str, str]) -> None:
        assert client.get(f"{listing}?{urlencode(query)}").status_code == 200
        assert client.post(create, data).status_code == 302

    check()
