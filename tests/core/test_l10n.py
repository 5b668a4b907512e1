"""Country names, dates, ranges, times, numbers and punctuation in the reader's language, from
CLDR (portal.core.l10n): exact strings in English, Italian and Chinese."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation
from django_countries import countries

from portal.core import l10n
from portal.core.collation import country_choices

D = dt.date

NAMES = {
    "en": {
        "NR": "Nauru", "BS": "Bahamas", "TJ": "Tajikistan", "NP": "Nepal", "WS": "Samoa",
        "AS": "American Samoa", "BA": "Bosnia and Herzegovina", "US": "United States",
        "HK": "Hong Kong SAR, China", "MO": "Macao SAR, China", "TW": "Taiwan, China",
    },
    "it": {
        "US": "Stati Uniti", "CN": "Cina", "IT": "Italia", "TJ": "Tagikistan",
        "BA": "Bosnia ed Erzegovina", "WS": "Samoa",
        "HK": "Hong Kong RAS, Cina", "MO": "Macao RAS, Cina", "TW": "Taiwan, Cina",
    },
    "zh-hans": {
        "TJ": "塔吉克斯坦", "NP": "尼泊尔", "BA": "波斯尼亚和黑塞哥维那", "WS": "萨摩亚",
        "AS": "美属萨摩亚", "NR": "瑙鲁", "US": "美国", "CN": "中国", "IT": "意大利",
        "HK": "中国香港", "MO": "中国澳门", "TW": "中国台湾",
    },
}  # fmt: skip


@pytest.mark.parametrize("language", NAMES)
def test_country_names_come_from_cldr_with_un_names(language: str) -> None:
    with translation.override(language):
        for code, name in NAMES[language].items():
            assert countries.name(code) == name
            assert l10n.country_name(code) == name


@pytest.mark.parametrize(
    ("language", "wrong"),
    [
        ("en", {"Naoero", "Bahamas (The)", "Taiwan", "Hong Kong"}),
        ("zh-hans", {"塔吉克斯斯坦", "尼珀尔", "波斯尼亚和黑塞哥维", "台湾", "中国香港特别行政区"}),
    ],
)
def test_no_garbled_or_bare_names_in_the_menu(language: str, wrong: set[str]) -> None:
    with translation.override(language):
        names = {name for _code, name in country_choices()}
    assert not names & wrong


def test_menu_sorted_by_pinyin_in_chinese_with_italy_and_china_first() -> None:
    with translation.override("zh-hans"):
        choices = country_choices(["TW", "DE", "AL", "IT", "CN", "FR", "JP"])
    # 阿 (a), 德 (de), 法 (fa), 日 (ri), 中 (zhong).
    assert choices == [
        ("IT", "意大利"), ("CN", "中国"), ("AL", "阿尔巴尼亚"), ("DE", "德国"),
        ("FR", "法国"), ("JP", "日本"), ("TW", "中国台湾"),
    ]  # fmt: skip


RANGES = [
    ("en", D(2016, 10, 25), D(2016, 10, 27), "25–27 October 2016"),
    ("it", D(2016, 10, 25), D(2016, 10, 27), "25–27 ottobre 2016"),
    ("zh-hans", D(2016, 10, 25), D(2016, 10, 27), "2016年10月25日至27日"),
    ("en", D(2016, 10, 25), D(2016, 11, 2), "25 October – 2 November 2016"),
    ("it", D(2016, 10, 25), D(2016, 11, 2), "25 ottobre – 2 novembre 2016"),
    ("zh-hans", D(2016, 10, 25), D(2016, 11, 2), "2016年10月25日至11月2日"),
    ("en", D(2016, 12, 30), D(2017, 1, 2), "30 December 2016 – 2 January 2017"),
    ("zh-hans", D(2016, 12, 30), D(2017, 1, 2), "2016年12月30日至2017年1月2日"),
    ("it", D(2016, 10, 25), D(2016, 10, 25), "25 ottobre 2016"),
    ("it", D(2016, 10, 25), None, "25 ottobre 2016"),
]


@pytest.mark.parametrize(("language", "start", "end", "expected"), RANGES)
def test_date_ranges(language: str, start: dt.date, end: dt.date | None, expected: str) -> None:
    assert l10n.date_range(start, end, language) == expected


@pytest.mark.parametrize(
    ("language", "long", "weekday", "full", "month"),
    [
        ("en", "20 October 2016", "Thursday 20 October", "Thursday, 20 October 2016",
         "October 2016"),
        ("it", "20 ottobre 2016", "giovedì 20 ottobre", "giovedì 20 ottobre 2016", "ottobre 2016"),
        ("zh-hans", "2016年10月20日", "10月20日星期四", "2016年10月20日星期四", "2016年10月"),
    ],
)  # fmt: skip
def test_dates(language: str, long: str, weekday: str, full: str, month: str) -> None:
    day = D(2016, 10, 20)
    assert l10n.date(day, "long", language) == long
    assert l10n.date(day, "weekday", language) == weekday
    assert l10n.date(day, "full", language) == full
    assert l10n.date(day, "month", language) == month


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "25 October 2016, 09:30 (Italy time, CEST)"),
        ("it", "25 ottobre 2016, 09:30 (ora italiana, CEST)"),
        ("zh-hans", "2016年10月25日 09:30（意大利时间，CEST）"),
    ],
)
def test_a_moment_in_an_events_zone(language: str, expected: str) -> None:
    moment = dt.datetime(2016, 10, 25, 9, 30, tzinfo=ZoneInfo("Europe/Rome"))
    with translation.override(language):
        rendered = Template("{% load ponte %}{{ when|in_zone:'Europe/Rome' }}").render(
            Context({"when": moment})
        )
    assert rendered == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "1,500"), ("it", "1.500"), ("zh-hans", "1,500")]
)
def test_numbers_grouped_in_the_language(language: str, expected: str) -> None:
    with translation.override(language):
        assert Template("{% load ponte %}{{ n|number }}").render(Context({"n": 1500})) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Naples, Italy (head of delegation)"),
        ("zh-hans", "那不勒斯，意大利（代表团团长）"),
    ],
)
def test_joined_text_takes_the_languages_punctuation(language: str, expected: str) -> None:
    template = Template(
        "{% load punctuation %}{{ city }}{% comma %}{{ country }}{% lparen %}{{ role }}{% rparen %}"
    )
    parts = {
        "en": {"city": "Naples", "country": "Italy", "role": "head of delegation"},
        "zh-hans": {"city": "那不勒斯", "country": "意大利", "role": "代表团团长"},
    }[language]
    with translation.override(language):
        assert template.render(Context(parts)) == expected
