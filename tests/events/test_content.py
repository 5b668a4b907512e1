"""The seeds' missions: loaded once however often the command runs, shown in three languages."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from icalendar import Calendar

from agreements.models import Agreement
from events.content_activities import ACTIVITIES
from events.models import Activity, ActivityPerson, DelegationMember, Mission, Stop

ROADSHOW = "roadshow-2016-south-west-china"


@pytest.fixture
def content(db) -> None:
    call_command("load_content", verbosity=0)


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Mission, Stop, Activity, ActivityPerson,
                                                      DelegationMember)}  # fmt: skip


def test_content_loads_twice_without_duplicates(content) -> None:
    first = counts()
    call_command("load_content", verbosity=0)
    assert counts() == first
    people = sum(len(row.get("people", [])) for row in ACTIVITIES)
    assert people == 44
    assert first == {"Mission": 3, "Stop": 7, "Activity": len(ACTIVITIES),
                     "ActivityPerson": people, "DelegationMember": 7}  # fmt: skip


def test_content_keeps_the_signing_ceremony_and_its_agreement(content) -> None:
    signing = Activity.objects.get(stop__mission__slug=ROADSHOW, kind=Activity.Kind.SIGNING)
    assert (signing.date, signing.stop.city.slug, signing.host.slug) == (
        dt.date(2016, 4, 27), "chongqing", "southwest-hospital-burn-research",
    )  # fmt: skip
    assert Agreement.objects.filter(activity=signing).count() == 1


def test_content_roadshow_days(content) -> None:
    rows = Activity.objects.filter(stop__mission__slug=ROADSHOW).order_by("stop__order", "date",
                                                                            "order")  # fmt: skip
    assert [(a.stop.city.slug, a.date.day, a.host.slug if a.host else a.host_name_en)
            for a in rows] == [
        ("shenzhen", 16, "ittn"),
        ("shanghai", 21, ""),
        ("chengdu", 25, "sichuan-department-science-technology"),
        ("chengdu", 25, "eupic"),
        ("chengdu", 25, "Chengdu Planning Exhibition Hall"),
        ("chengdu", 26, "sichuan-university"),
        ("chengdu", 26, "uestc"),
        ("chongqing", 27, "yuzhong-district-government"),
        ("chongqing", 27, "chongqing-municipal-government"),
        ("chongqing", 27, "southwest-hospital-burn-research"),
        ("chongqing", 28, "hechuan-district-government"),
        ("chongqing", 28, "bishan-district-government"),
        ("chongqing", 28, "consulate-italy-chongqing"),
        ("chongqing", 28, ""),
        ("chongqing", 29, "liangjiang-new-area"),
        ("chongqing", 29, "cast-chongqing"),
    ]  # fmt: skip
    uestc = rows.get(host__slug="uestc")
    assert uestc.outcomes_en == "Intention to cooperate with Italy in Health and Smart Cities"
    ciep = rows.get(stop__order=1)
    assert (ciep.end_date, list(ciep.people.values_list("name", "organisation__slug"))) == (
        dt.date(2016, 4, 17),
        [("Andrea Gumina", "mise"), ("Luigi Campitelli", "lazio-innova"),
         ("Antonio Cianci", "dlc-partners"), ("Mariangela Contursi", "citta-della-scienza")],
    )  # fmt: skip


def test_content_delegations_head(content) -> None:
    heads = DelegationMember.objects.filter(role=DelegationMember.Role.HEAD).order_by("mission")
    assert sorted((h.mission.slug, h.name, h.position_en, h.position_it) for h in heads) == [
        ("mission-2016-chongqing-sichuan", "Vincenzo Lipardi", "CEO", "Amministratore delegato"),
        ("mission-2017-beijing", "Vincenzo Lipardi", "Secretary General", "Segretario generale"),
        (ROADSHOW, "Vincenzo Lipardi", "CEO", "Amministratore delegato"),
    ]


def test_content_beijing_mission(content) -> None:
    mission = Mission.objects.get(slug="mission-2017-beijing")
    yanqi, *meetings = Activity.objects.filter(stop__mission=mission)
    assert (yanqi.date, yanqi.end_date, yanqi.venue_en) == (
        dt.date(2017, 1, 13), dt.date(2017, 1, 15), "Yanqi Lake, Beijing",
    )  # fmt: skip
    assert sorted(yanqi.organisations.values_list("slug", flat=True)) == [
        "citta-della-scienza", "ita-italian-trade-agency", "italian-chamber-of-commerce-china",
    ]  # fmt: skip
    # The seeds do not give the day of the three meetings: none is invented.
    assert [(m.date, m.host.slug) for m in meetings] == [(None, "bast"), (None, "bmstc"),
                                                          (None, "ittn")]  # fmt: skip


def test_content_chengdu_chongqing_mission_focuses(content) -> None:
    mission = Mission.objects.get(slug="mission-2016-chongqing-sichuan")
    assert mission.outcome_list[:3] == [
        "Focus: postgraduate training of Italian and Chinese students",
        "Focus: teaching of the Italian language in China",
        "Focus: teaching of the Chinese language in Italy",
    ]


def test_every_content_text_has_three_languages() -> None:
    for row in ACTIVITIES:
        for key in ("title", "venue", "host_name", "summary", "outcomes"):
            if key in row:
                assert all(row[key]), (row["title"][0], key)
        for _name, _org, role, *_native in row.get("people", []):
            assert all(role), (row["title"][0], role)


@pytest.mark.parametrize(
    ("language", "cities", "title"),
    [
        ("en", ["Shenzhen", "Shanghai", "Chengdu", "Chongqing"], "Roadshow of the 2016 Week"),
        ("it", ["Shenzhen", "Shanghai", "Chengdu", "Chongqing"], "Roadshow della Settimana 2016"),
        ("zh-hans", ["深圳", "上海", "成都", "重庆"], "2016年创新合作周路演"),
    ],
)
def test_mission_pages_show_the_seeds_content_in_each_language(
    client, content, language: str, cities: list[str], title: str
) -> None:
    listing = client.get(f"/{language}/missions/").content.decode()
    assert f'href="/{language}/missions/{ROADSHOW}/"' in listing
    assert f'href="/{language}/missions/mission-2017-beijing/"' in listing
    page = client.get(f"/{language}/missions/{ROADSHOW}/").content.decode()
    assert title in page
    assert re.findall(r"<h3>(.*?)</h3>", page) == cities


def test_content_roadshow_calendar(client, content) -> None:
    cal = Calendar.from_ical(client.get(f"/en/missions/{ROADSHOW}/activities.ics").content)
    events = cal.walk("VEVENT")
    # Only all-day events (the seeds give days, not hours): no time zone is needed.
    assert cal.walk("VTIMEZONE") == []
    assert len(events) == 16
    # The seeds give days, not hours: every activity is an all-day event.
    assert {type(e.decoded("DTSTART")) for e in events} == {dt.date}
    assert (events[0].decoded("DTSTART"), events[0].decoded("DTEND")) == (
        dt.date(2016, 4, 16), dt.date(2016, 4, 18),
    )  # fmt: skip


def test_a_minister_is_named_in_his_own_script_on_chinese_pages(content, client) -> None:
    # Public record gives 万钢 for Wan Gang; the seeds' other Chinese names have no native
    # form that is not a guess, so they stay as the seeds spell them.
    assert list(
        ActivityPerson.objects.exclude(native_name="").values_list("name", "native_name")
    ) == [("Wan Gang", "万钢")]
    chinese = client.get(f"/zh-hans/missions/{ROADSHOW}/").content.decode()
    italian = client.get(f"/it/missions/{ROADSHOW}/").content.decode()
    assert "<strong>万钢</strong>" in chinese
    assert "Wan Gang</strong>" not in chinese
    assert "<strong>Wan Gang (万钢)</strong>" in italian
