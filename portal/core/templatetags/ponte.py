"""Template helpers shared by every app: language links and times in an event's zone."""

import datetime as dt
from zoneinfo import ZoneInfo

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.core import l10n
from portal.core.links import page_in_language

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
            "url": page_in_language(path, code),
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
    return f"{l10n.datetime(local)}{l10n.bracketed(l10n.joined(zone_label(zone), local.tzname()))}"


@register.filter
def time_in_zone(value: dt.datetime | None, zone: str) -> str:
    """Only the clock time in the given zone, with the zone's abbreviation: '09:30 CEST'."""
    if value is None:
        return ""
    local = value.astimezone(ZoneInfo(zone))
    return f"{l10n.time(local)} {local.tzname()}"


@register.filter
def zone_name(zone: str) -> str:
    return zone_label(zone)


@register.simple_tag
def date_range(start: dt.date | None, end: dt.date | None) -> str:
    """'25–27 October 2016' · '25–27 ottobre 2016' · '2016年10月25日至27日' (portal.core.l10n)."""
    return l10n.date_range(start, end)


@register.filter
def day(value: dt.date | None, style: str = "long") -> str:
    """A date in the page's language: `|day` '25 October 2016', `|day:"weekday"` 'giovedì 20
    ottobre', `|day:"month"` 'ottobre 2016', `|day:"short"` '25/10/2016'. Use it, not |date."""
    return l10n.date(value, style)


@register.filter
def moment(value: dt.datetime | None) -> str:
    """A date and time in the page's language, in the active time zone:
    '25 October 2016, 09:30'."""
    if value is None:
        return ""
    return l10n.datetime(timezone.localtime(value) if timezone.is_aware(value) else value)


@register.filter
def number(value: int | float | None) -> str:
    """A number with the language's grouping: 1,500 · 1.500 · 1,500."""
    if value is None or value == "":
        return ""
    return l10n.number(value)
