"""Hypothesis over every public filter's query string and the public forms: never a 500."""

from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreements.filters import AgreementFilter
from events.filters import MissionFilter
from portal.core.filters import CooperationProfileFilter, OrganisationFilter
from programme.filters import ProgrammeFilter

# Values a visitor (or a scanner) may type: text in any script, numbers, codes, junk.
VALUES = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(
        ["", "CN", "IT", "health", "2016", "0", "-1", "1e9", "null", "%00", "' OR 1=1"]
    ),
    st.text(alphabet="北京市科学技术委员会<>&\"'%;", max_size=20),
)

PAGES = [
    ("/en/partners/", OrganisationFilter),
    ("/zh-hans/partners/", OrganisationFilter),
    ("/en/cooperation/", CooperationProfileFilter),
    ("/en/week/2016/programme/", ProgrammeFilter),
    ("/en/missions/", MissionFilter),
    ("/it/agreements/", AgreementFilter),
]

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def content(db) -> None:
    call_command("load_content", verbosity=0)


def _params(filterset) -> list[str]:
    return [*filterset.base_filters, "page", "sort", "o"]


@pytest.mark.parametrize(("path", "filterset"), PAGES, ids=[p for p, _ in PAGES])
def test_filters_never_fail(client, content, path, filterset) -> None:
    names = _params(filterset)

    @FUZZ
    @given(st.dictionaries(st.sampled_from(names), VALUES, max_size=len(names)))
    def check(query: dict[str, str]) -> None:
        response = client.get(f"{path}?{urlencode(query)}")
        assert response.status_code in (200, 301, 302, 400, 404), (query, response.status_code)

    check()


FORMS = [
    ("/en/accounts/login/", ["login", "password", "remember"]),
    ("/en/accounts/signup/", ["email", "password1", "password2", "full_name", "privacy"]),
    ("/en/accounts/password/reset/", ["email"]),
]


@pytest.mark.parametrize(("path", "fields"), FORMS, ids=[p for p, _ in FORMS])
def test_public_forms_never_fail(client, content, path, fields) -> None:
    @FUZZ
    @given(st.dictionaries(st.sampled_from(fields), VALUES, max_size=len(fields)))
    def check(data: dict[str, str]) -> None:
        response = client.post(path, data)
        # 429 is allauth's rate limit answering a flood of attempts.
        assert response.status_code in (200, 302, 400, 429), (data, response.status_code)

    check()
