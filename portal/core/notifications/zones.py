"""Times in the event's zone, and also in the recipient's when they live in the other country."""

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from portal.core import l10n
from portal.core.models import User
from portal.core.templatetags.ponte import in_zone, time_in_zone

# The programme spans two countries; a participant's home zone follows their country.
COUNTRY_ZONES = {
    "IT": "Europe/Rome",
    "SM": "Europe/Rome",
    "VA": "Europe/Rome",
    "CN": "Asia/Shanghai",
    "HK": "Asia/Hong_Kong",
    "MO": "Asia/Macau",
}


def home_zone(recipient: User) -> str | None:
    """The zone the person chose on My account, else the one of their country."""
    return recipient.time_zone or COUNTRY_ZONES.get(str(recipient.country or ""))


def zones_for(*, recipient: User, zone: str) -> list[str]:
    """The event's zone first, then the recipient's home zone when it is a different one."""
    home = home_zone(recipient)
    if home is None or home == zone:
        return [zone]
    return [zone, home]


def _zone_list(zones: str | Iterable[str]) -> list[str]:
    if isinstance(zones, str):
        return [zone.strip() for zone in zones.split(",") if zone.strip()]
    return list(zones)


def in_zones(value: dt.datetime | None, zones: str | Iterable[str]) -> str:
    """'25 Oct 2016 09:30 (Italy time, CEST) · 25 Oct 2016 15:30 (China time, CST)'."""
    if value is None:
        return ""
    return " · ".join(in_zone(value, zone) for zone in _zone_list(zones))


def times_in_zones(value: dt.datetime | None, zones: str | Iterable[str]) -> str:
    """'09:30 CEST · 15:30 CST' — clock times only, for lists of one day's meetings."""
    if value is None:
        return ""
    return " · ".join(time_in_zone(value, zone) for zone in _zone_list(zones))


def time_range_in_zones(
    start: dt.datetime | None, end: dt.datetime | None, zones: str | Iterable[str]
) -> str:
    """'09:00–09:30 CET · 16:00–16:30 CST' — one meeting's slot in every zone."""
    if start is None or end is None:
        return ""
    ranges = []
    for zone in _zone_list(zones):
        local_start = start.astimezone(ZoneInfo(zone))
        local_end = end.astimezone(ZoneInfo(zone))
        ranges.append(f"{l10n.time(local_start)}–{l10n.time(local_end)} {local_end.tzname()}")
    return " · ".join(ranges)
