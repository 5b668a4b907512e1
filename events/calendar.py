"""A mission's activities as an iCalendar file, each in its stop's time zone."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from events.models import Activity, Mission, Stop

ONE_DAY = dt.timedelta(days=1)


def activity_uid(activity: Activity) -> str:
    # Stable across exports, so a calendar that subscribes updates events instead of duplicating.
    return f"activity-{activity.pk}@ponte"


def _event(activity: Activity, stop: Stop, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", activity_uid(activity))
    event.add("dtstamp", stamp)
    event.add("summary", activity.title)
    if activity.starts_at:
        zone = stop.time_zone
        event.add("dtstart", activity.starts_at.astimezone(ZoneInfo(zone)))
        if activity.ends_at:
            event.add("dtend", activity.ends_at.astimezone(ZoneInfo(zone)))
    else:
        # Only the day is known: an all-day event (DTEND is exclusive). Without even the day,
        # it spans the stop, which is all that is known of it.
        first = activity.date or stop.start_date
        last = activity.last_day or stop.end_date
        event.add("dtstart", first)
        event.add("dtend", last + ONE_DAY)
    venue, city = activity.venue or "", str(stop.city.name)
    event.add("location", venue if city in venue else ", ".join(p for p in (venue, city) if p))
    host = activity.host.name if activity.host else activity.host_name
    description = "\n\n".join(part for part in [str(host or ""), activity.summary] if part)
    if description:
        event.add("description", description)
    event.add("categories", [str(activity.get_kind_display())])
    return event


def mission_calendar(mission: Mission, *, url: str = "") -> bytes:
    """The iCalendar text of a mission whose stops and activities are prefetched."""
    cal = Calendar()
    cal.add("prodid", "-//Ponte//China-Italy Programme missions//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", mission.title)
    stops = list(mission.stops.all())
    for zone in sorted({stop.time_zone for stop in stops}):
        cal.add_component(Timezone.from_tzid(zone))
    stamp = timezone.now()
    for stop in stops:
        for activity in stop.activities.all():
            event = _event(activity, stop, stamp)
            if url:
                event.add("url", url)
            cal.add_component(event)
    return cal.to_ical()
