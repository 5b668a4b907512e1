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
    assert first == (8, 3)


@pytest.mark.django_db
def test_2016_programme_is_made_of_the_sessions_the_seeds_name() -> None:
    call_command("load_content", verbosity=0)
    sessions = ProgrammeSession.objects.filter(edition__year=2016).order_by("slug")
    # The seeds give a city only for the two regional focuses, and no day or time at all.
    assert [(s.slug, s.kind, s.city.slug if s.city else None) for s in sessions] == [
        ("b2b-meetings", "b2b", None),
        ("best-startup-showcase", "showcase", None),
        ("digital-fabrication-zone", "fabrication", None),
        ("innovation-forum", "plenary", None),
        ("regional-focus-bergamo", "conference", "bergamo"),
        ("regional-focus-bologna", "conference", "bologna"),
        ("signing-ceremony", "signing", None),
        ("sino-italian-exchange-event", "plenary", None),
    ]
    assert {(s.start, s.end, s.venue_id, s.languages, s.interpretation) for s in sessions} == {
        (None, None, None, "", False)
    }
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
def test_reloading_removes_sessions_an_earlier_loader_invented() -> None:
    call_command("load_content", verbosity=0)
    edition = Edition.objects.get(year=2016)
    ProgrammeSession.objects.create(
        edition=edition, slug="opening", kind="opening", title="Opening at 9:30"
    )
    call_command("load_content", verbosity=0)
    assert not ProgrammeSession.objects.filter(edition=edition, slug="opening").exists()


@pytest.mark.django_db
def test_2015_and_2017_editions_as_the_seeds_tell() -> None:
    call_command("load_content", verbosity=0)
    e2015 = Edition.objects.get(year=2015)
    e2017 = Edition.objects.get(year=2017)
    assert (e2015.ordinal, e2015.host_country.code, e2015.period_en) == (6, "CN", "November 2015")
    assert [s.city.slug for s in e2015.cities.all()] == ["chongqing"]
    assert (e2017.ordinal, e2017.host_country.code, e2017.period_en) == (8, "CN", "October 2017")
    # Announced in January 2017 ("will be held next October in China"), never shown as held.
    assert (e2017.status, e2017.phase_label()) == ("announced", "Announced")
    assert "will be held next October in China" in e2017.summary_en
