"""The content command loads the seeds' content, and running it twice changes nothing."""

import datetime as dt

import pytest
from django.core.management import call_command

from agreements.models import Agreement, Party
from events.models import Activity, Mission, Stop
from portal.core.content import ORGANISATIONS
from portal.core.models import City, Organisation, ThematicArea
from programme.models import Edition, EditionCity

MODELS = [
    ThematicArea, City, Organisation, Edition, EditionCity, Mission, Stop, Activity, Agreement,
    Party,
]  # fmt: skip


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_load_content_twice_creates_no_duplicates() -> None:
    call_command("load_content", verbosity=0)
    first = counts()
    call_command("load_content", verbosity=0)
    assert counts() == first
    assert first["ThematicArea"] == 8
    assert first["Organisation"] == len(ORGANISATIONS)
    assert first["Edition"] == 3


@pytest.mark.django_db
def test_load_content_restores_edited_rows() -> None:
    call_command("load_content", verbosity=0)
    Edition.objects.filter(year=2016).update(reported_participants=1)
    call_command("load_content", verbosity=0)
    assert Edition.objects.get(year=2016).reported_participants == 2000


@pytest.mark.django_db
def test_2016_edition_as_reported() -> None:
    call_command("load_content", verbosity=0)
    edition = Edition.objects.get(year=2016)
    assert (edition.ordinal, edition.host_country.code, edition.time_zone) == (
        7,
        "IT",
        "Europe/Rome",
    )
    assert (edition.start_date, edition.end_date) == (dt.date(2016, 10, 25), dt.date(2016, 10, 27))
    assert [
        (stage.city.name_en, stage.city.name_it, stage.city.name_zh_hans, stage.focus_en)
        for stage in edition.cities.select_related("city")
    ] == [
        ("Bergamo", "Bergamo", "贝加莫", "Advanced manufacturing"),
        ("Bologna", "Bologna", "博洛尼亚", "Agrifood"),
        ("Naples", "Napoli", "那不勒斯", ""),
    ]
    assert (
        edition.reported_participants,
        edition.reported_participants_italy,
        edition.reported_participants_china,
        edition.reported_conferences,
        edition.reported_seminars,
        edition.reported_b2b_meetings,
        edition.reported_agreements,
        edition.reported_projects,
    ) == (2000, 1500, 650, 10, 27, 600, 10, 80)


@pytest.mark.django_db
def test_roadshow_stops_in_order() -> None:
    call_command("load_content", verbosity=0)
    roadshow = Mission.objects.get(slug="roadshow-2016-south-west-china")
    assert [(s.city.slug, s.start_date, s.end_date) for s in roadshow.stops.all()] == [
        ("shenzhen", dt.date(2016, 4, 16), dt.date(2016, 4, 17)),
        ("shanghai", dt.date(2016, 4, 21), dt.date(2016, 4, 21)),
        ("chengdu", dt.date(2016, 4, 25), dt.date(2016, 4, 26)),
        ("chongqing", dt.date(2016, 4, 27), dt.date(2016, 4, 29)),
    ]
    assert roadshow.edition.year == 2016
    assert sorted(roadshow.promoters.values_list("slug", flat=True)) == [
        "bmstc", "consulate-italy-chongqing", "ittn", "miur", "most",
    ]  # fmt: skip


@pytest.mark.django_db
def test_technology_transfer_centre_agreement_parties() -> None:
    call_command("load_content", verbosity=0)
    agreement = Agreement.objects.get(slug="china-italy-technology-transfer-centre")
    assert agreement.edition.year == 2016
    assert list(agreement.parties.values_list("organisation__slug", flat=True)) == [
        "most", "bmstc", "miur", "university-of-bergamo", "university-of-naples-federico-ii",
        "citta-della-scienza", "netval",
    ]  # fmt: skip


@pytest.mark.django_db
def test_chinese_organisations_have_their_native_names() -> None:
    call_command("load_content", verbosity=0)
    bmstc = Organisation.objects.get(slug="bmstc")
    assert bmstc.native_name == "北京市科学技术委员会"
    assert bmstc.name_zh_hans == "北京市科学技术委员会"
    assert bmstc.name_en == "Beijing Municipal Science & Technology Commission"
