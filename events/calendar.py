"""A mission's activities as iCalendar, through the site's one builder (portal.core.calendar),
each in its stop's time zone."""

from events.models import Activity, Mission, Stop
from portal.core.calendar import CalendarEvent, calendar_bytes, uid


def _event(activity: Activity, stop: Stop, url: str) -> CalendarEvent:
    venue, city = activity.venue or "", str(stop.city.name)
    host = activity.host.name if activity.host else activity.host_name
    if activity.starts_at:
        start, end, zone = activity.starts_at, activity.ends_at, stop.time_zone
    else:
        # Only the day is known: an all-day event. Without even the day, it spans the stop,
        # which is all that is known of it.
        start = activity.date or stop.start_date
        end, zone = activity.last_day or stop.end_date, None
    return CalendarEvent(
        uid=uid("activity", activity.pk),
        summary=str(activity.title),
        start=start,
        end=end,
        zone=zone,
        location=venue if city in venue else ", ".join(p for p in (venue, city) if p),
        description="\n\n".join(part for part in [str(host or ""), activity.summary] if part),
        url=url,
        categories=[str(activity.get_kind_display())],
    )


def mission_calendar(mission: Mission, *, url: str = "") -> bytes:
    """The iCalendar text of a mission whose stops and activities are prefetched."""
    events = [
        _event(activity, stop, url)
        for stop in mission.stops.all()
        for activity in stop.activities.all()
    ]
    return calendar_bytes(events, name=str(mission.title))
