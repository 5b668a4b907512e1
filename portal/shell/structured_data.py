"""schema.org Event data (JSON-LD) for an edition of the Week and for a programme session, so
that search engines show them as events: dates in the event's own time zone, where, who runs it.

Only what the portal knows is stated: a session whose day the sources do not give has no
startDate, and a demonstration edition (invented data) has no structured data at all.
"""

import datetime as dt
import json
from typing import Any

from django.templatetags.static import static
from django.urls import reverse

from portal.shell.seo import DEFAULT_IMAGE, absolute

SCHEMA = "https://schema.org"
# The programme's coordinators, as the site's footer names them (from the seeds); their
# directory pages are on the site.
ORGANISERS = [
    ("Città della Scienza", "citta-della-scienza"),
    ("Beijing Municipal Science & Technology Commission", "bmstc"),
    ("Beijing Association for Science and Technology", "bast"),
]
# <, > and & written as escapes: the text can never close the script element it sits in.
_SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _organisers() -> list[dict[str, str]]:
    return [
        {
            "@type": "Organization",
            "name": name,
            "url": absolute(reverse("portal:organisation", kwargs={"slug": slug})),
        }
        for name, slug in ORGANISERS
    ]


def _place(*, name: str, address: str, city: Any) -> dict[str, Any]:
    place: dict[str, Any] = {"@type": "Place", "name": name}
    postal: dict[str, str] = {"@type": "PostalAddress"}
    if address:
        postal["streetAddress"] = address
    if city is not None:
        postal["addressLocality"] = city.name
        postal["addressCountry"] = str(city.country)
    if len(postal) > 1:
        place["address"] = postal
    return place


def _in_zone(moment: dt.datetime | None, edition: Any) -> str | None:
    return None if moment is None else moment.astimezone(edition.zone).isoformat()


def edition_event(edition: Any) -> dict[str, Any] | None:
    """The edition as a schema.org Event, or None for a demonstration edition."""
    if edition.is_demo:
        return None
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": edition.title,
        "url": absolute(edition.get_absolute_url()),
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "image": absolute(static(DEFAULT_IMAGE)),
        "organizer": _organisers(),
    }
    if edition.summary:
        data["description"] = edition.summary
    # Whole days: a date has no time zone to state.
    if edition.start_date:
        data["startDate"] = edition.start_date.isoformat()
    if edition.end_date:
        data["endDate"] = edition.end_date.isoformat()
    places = [
        _place(name=stage.city.name, address="", city=stage.city) for stage in edition.cities.all()
    ]
    if places:
        data["location"] = places if len(places) > 1 else places[0]
    return data


def session_event(session: Any, edition: Any) -> dict[str, Any] | None:
    """A programme session as a schema.org Event within its edition, or None in a demonstration
    edition."""
    if edition.is_demo:
        return None
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": session.title,
        "url": absolute(session.get_absolute_url()),
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "image": absolute(static(DEFAULT_IMAGE)),
        "organizer": _organisers(),
        "superEvent": {
            "@type": "Event",
            "name": edition.title,
            "url": absolute(edition.get_absolute_url()),
        },
    }
    if session.description:
        data["description"] = session.description
    start, end = _in_zone(session.start, edition), _in_zone(session.end, edition)
    if start:
        data["startDate"] = start
    if end:
        data["endDate"] = end
    if session.venue is not None:
        data["location"] = _place(
            name=session.venue.name, address=session.venue.address, city=session.city
        )
    elif session.city is not None:
        data["location"] = _place(name=session.city.name, address="", city=session.city)
    return data


def as_script_text(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json"> element."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_SAFE)
