"""Template helpers shared by every app: language links and times in an event's zone."""

import datetime as dt
from zoneinfo import ZoneInfo

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The zones events happen in, named the way a participant thinks of them.
ZONE_NAMES = {
    "Europe/Rome": _("Italy time"),
    "Asia/Shanghai": _("China time"),
    "UTC": _("UTC"),
}


def zone_label(zone: str) -> str:
    return str(ZONE_NAMES.get(zone, zone))


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, object]]:
    """The current page in each language, for the language switcher."""
    request: HttpRequest | None = context.get("request")
    path = request.get_full_path() if request else "/"
    current = translation.get_language()
    return [
        {
            "code": code,
            "name": name,
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


@register.filter
def in_zone(value: dt.datetime | None, zone: str) -> str:
    """A moment shown in the given zone, with the zone named: '25 Oct 2016 09:30 (Italy time)'."""
    if value is None:
        return ""
    local = value.astimezone(ZoneInfo(zone))
    text = formats.date_format(local, "DATETIME_FORMAT")
    return f"{text} ({zone_label(zone)}, {local.tzname()})"


@register.filter
def time_in_zone(value: dt.datetime | None, zone: str) -> str:
    """Only the clock time in the given zone, with the zone's abbreviation: '09:30 CEST'."""
    if value is None:
        return ""
    local = value.astimezone(ZoneInfo(zone))
    return f"{formats.time_format(local, 'TIME_FORMAT')} {local.tzname()}"


@register.filter
def zone_name(zone: str) -> str:
    return zone_label(zone)


@register.simple_tag
def date_range(start: dt.date | None, end: dt.date | None) -> str:
    """'25–27 October 2016' style ranges in the page's language."""
    if start is None:
        return ""
    if end is None or end == start:
        return formats.date_format(start, "DATE_FORMAT")
    return (
        f"{formats.date_format(start, 'DATE_FORMAT')} – {formats.date_format(end, 'DATE_FORMAT')}"
    )
