"""Names, dates, numbers and punctuation in the reader's language, from CLDR through Babel.

Every page shows a country, a date, a range of dates, a time or a number through these helpers
(the template filters in portal.core.templatetags.ponte wrap them), never a string assembled from
pieces: the order of day, month and year, the word between two dates, the thousands separator and
the comma between two names are the language's, and CLDR knows them.

Kept free of models so that settings can import it (COUNTRIES_OVERRIDE).
"""

import datetime as dt
import functools
import re

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time, parse_pattern
from babel.numbers import format_decimal
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import get_language

from portal.core import punctuation

# Django's language code → the CLDR locale. The site's English is British ("organisation"), and
# en_GB gives "25 October 2016" and "25–27 October 2016"; CLDR's plain "en" is American.
CLDR_LOCALES = {"en": "en_GB", "it": "it", "zh-hans": "zh_Hans"}

# The programme follows United Nations terminology for these three: part of China, not countries
# of their own. Stored codes stay ISO 3166 (HK, MO, TW); only the names differ from CLDR's.
UN_NAMES = {
    "HK": {"en_GB": "Hong Kong SAR, China", "it": "Hong Kong RAS, Cina", "zh_Hans": "中国香港"},
    "MO": {"en_GB": "Macao SAR, China", "it": "Macao RAS, Cina", "zh_Hans": "中国澳门"},
    "TW": {"en_GB": "Taiwan, China", "it": "Taiwan, Cina", "zh_Hans": "中国台湾"},
}


def cldr_locale(language: str | None = None) -> str:
    language = (language or get_language() or "en").lower()
    return CLDR_LOCALES.get(language) or CLDR_LOCALES.get(language.split("-")[0], "en_GB")


@functools.cache
def _locale(name: str) -> Locale:
    return Locale.parse(name)


@functools.cache
def _territories(locale: str) -> dict[str, str]:
    return dict(_locale(locale).territories)


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in the language: CLDR's, with the UN's for HK, MO and TW."""
    locale = cldr_locale(language)
    if code in UN_NAMES:
        return UN_NAMES[code][locale]
    name = _territories(locale).get(code, code)
    if locale == "en_GB":
        # CLDR's English writes "Bosnia & Herzegovina", "Trinidad & Tobago": "and" in running text.
        name = name.replace(" & ", " and ")
    return name


def cldr_country_names() -> dict[str, object]:
    """For COUNTRIES_OVERRIDE: every django-countries code named lazily, per active language."""
    from django_countries.data import COUNTRIES

    lazy_name = lazy(country_name, str)
    return {code: lazy_name(code) for code in COUNTRIES}


# Dates. One vocabulary of styles, so that templates name what they show, not a pattern.
DATE_SKELETONS = {
    "long": "yMMMMd",  # 25 October 2016 · 25 ottobre 2016 · 2016年10月25日
    "month": "yMMMM",  # October 2016 · ottobre 2016 · 2016年10月
    "short": "yMd",  # 25/10/2016 · 25/10/2016 · 2016/10/25
}


def date(value: dt.date | None, style: str = "long", language: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    locale = cldr_locale(language)
    if style in ("long", "full"):
        # full: 'Thursday 20 October 2016' · 'giovedì 20 ottobre 2016' · '2016年10月20日星期四'
        return format_date(value, style, locale=locale)
    if style == "weekday":
        # CLDR's month-day-weekday pattern with the weekday in full (Italian "gio" → "giovedì").
        pattern = _locale(locale).datetime_skeletons["MMMMEd"].pattern
        return format_date(value, re.sub("E+", "EEEE", pattern), locale=locale)
    return format_skeleton(DATE_SKELETONS[style], value, locale=locale)


def _interval_parts(locale: str, start: dt.date, end: dt.date) -> list[str]:
    """CLDR's interval pattern for day-month-year, as its two halves.

    CLDR has intervals for the abbreviated month only (yMMMd); its specification says to widen
    the fields to the requested skeleton's, which Babel does not do: here MMM → MMMM and dd → d.
    Chinese: CLDR writes 至 between the halves of its month-day intervals but a dash in its
    year-month-day ones; we use 至 in both ("2016年10月25日至27日").
    """
    formats = _locale(locale).interval_formats["yMMMd"]
    field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    parts = list(formats[field])
    if locale.startswith("zh"):
        # Chinese MMM is already "10月" (MMMM would be "十月").
        parts[0] = parts[0].rstrip(" \u2009–-") + "至"
        return parts
    parts = [part.replace("MMM", "MMMM").replace("dd", "d") for part in parts]
    if field == "d":
        # Two days of one month read as one word: "25–27" (en_GB's CLDR pads the dash).
        parts[0] = parts[0].replace("\u2009", "")
    return [part.replace("\u2009", " ") for part in parts]
    return parts


def date_range(
    start: dt.date | None, end: dt.date | None = None, language: str | None = None
) -> str:
    """'25–27 October 2016' · '25–27 ottobre 2016' · '2016年10月25日至27日'."""
    if start is None:
        return ""
    if end is None or end == start:
        return date(start, "long", language)
    locale = cldr_locale(language)
    first, second = _interval_parts(locale, start, end)
    cldr = _locale(locale)
    return parse_pattern(first).apply(start, cldr) + parse_pattern(second).apply(end, cldr)


def time(value: dt.datetime | dt.time, language: str | None = None) -> str:
    """The clock time: 09:30 in all three (CLDR's short time; Chinese "09:30" too)."""
    return format_time(value, "short", locale=cldr_locale(language))


def datetime(value: dt.datetime, language: str | None = None) -> str:
    """'25 October 2016, 09:30' · '25 ottobre 2016, 09:30' · '2016年10月25日 09:30'."""
    locale = cldr_locale(language)
    return (
        _locale(locale)
        .datetime_formats["medium"]
        .format(time(value, language), date(value, "long", language))
    )


def number(value: int | float | None, language: str | None = None) -> str:
    """1,500 · 1.500 · 1,500."""
    if value is None:
        return ""
    return format_decimal(value, locale=cldr_locale(language))


# Joining text in the reader's language: the marks come from portal/core/punctuation.py (the
# catalogue's), so Chinese takes full-width marks and no spaces.
def joined(*parts: object, language: str | None = None) -> str:
    """'Naples, Italy' · '那不勒斯，意大利': the non-empty parts, comma-separated."""
    with translation.override(language or translation.get_language()):
        comma = punctuation.comma()
    return comma.join(str(part) for part in parts if part not in (None, ""))


def bracketed(text: object, language: str | None = None) -> str:
    """' (head of delegation)' · '（代表团团长）': the leading space is part of the mark."""
    if text in (None, ""):
        return ""
    with translation.override(language or translation.get_language()):
        return punctuation.parenthesised(str(text))
