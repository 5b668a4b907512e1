"""The 2016 programme loads from the seeds' content, idempotently, in three languages."""

import pytest
from django.core.management import call_command

from programme.models import Edition, ProgrammeSession


@pytest.mark.django_db
def test_programme_content_loads_twice_without_duplicates() -> None:
    call_command("load_content", verbosity=0)
    first = (ProgrammeSession.objects.count(), ProgrammeSession.areas.through.objects.count())
    call_command("load_content", verbosity=0)
    assert (
        ProgrammeSession.objects.count(),
        ProgrammeSession.areas.through.objects.count(),
    ) == first
    assert first == (19, 13)


@pytest.mark.django_db
def test_2016_programme_is_made_of_the_sessions_the_seeds_name() -> None:
    call_command("load_content", verbosity=0)
    sessions = ProgrammeSession.objects.filter(edition__year=2016)
    by_kind = {}
    for session in sessions:
        by_kind.setdefault(session.kind, []).append(session.city.slug)
    assert by_kind == {
        "opening": ["bergamo"],
        "plenary": ["bergamo", "naples"],
        "fabrication": ["bergamo"],
        "conference": ["bergamo", "bergamo", "bologna", "bologna"] + ["naples"] * 4,
        "seminar": ["bergamo", "bologna"],
        "b2b": ["bergamo", "bologna", "naples"],
        "showcase": ["naples"],
        "signing": ["naples"],
    }  # fmt: skip
    # One conference on each of the eight thematic areas.
    areas = sessions.filter(kind="conference").values_list("areas__slug", flat=True)
    assert sorted(areas) == [
        "aerospace", "agrifood", "creative-industries", "environment", "health",
        "industry-4-0", "infrastructures", "smart-cities",
    ]  # fmt: skip
    for session in sessions:
        assert session.title_en and session.title_it and session.title_zh_hans
    forum = sessions.get(slug="innovation-forum")
    assert (forum.title_it, forum.title_zh_hans) == (
        "Forum Italia-Cina per l'innovazione",
        "中意创新论坛",
    )
    signing = sessions.get(slug="signing-ceremony")
    assert "China–Italy Technology Transfer Centre" in signing.description_en


@pytest.mark.django_db
def test_2015_and_2017_editions_as_the_seeds_tell() -> None:
    call_command("load_content", verbosity=0)
    e2015 = Edition.objects.get(year=2015)
    e2017 = Edition.objects.get(year=2017)
    assert (e2015.ordinal, e2015.host_country.code, e2015.period_en) == (6, "CN", "November 2015")
    assert [s.city.slug for s in e2015.cities.all()] == ["chongqing"]
    assert (e2017.ordinal, e2017.host_country.code, e2017.period_en) == (8, "CN", "October 2017")
