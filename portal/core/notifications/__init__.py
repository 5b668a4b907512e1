"""The one notification service every app calls after a state change.

`notify()` stores the notification in the caller's transaction and, once that transaction
commits, hands it to Celery. If the broker is down the row stays pending and the periodic
`send_pending_notifications` task picks it up later; if a worker dies while sending, its
claim expires and the same sweep sends it. Each e-mail carries a Message-ID derived from the
notification, and a row is claimed by one worker at a time, so it is sent once.

Calling it, from a service, inside its transaction::

    notify(
        recipient=person,
        kind=Notification.Kind.MEETING_MOVED,
        context={"meeting": meeting, "zone": edition.time_zone},  # `zone` adds `zones`
        link=reverse("matchmaking:meeting", args=[meeting.pk]),  # made absolute
        ics=calendar_bytes([CalendarEvent(uid=uid("b2b-meeting", meeting.pk), ...)]).decode(),
        key=f"meeting_moved:{meeting.pk}:{person.pk}:{meeting.version}",  # optional
    )

For one kind to many people at once (a schedule published to 15,000), `notify_many(kind=...,
items=[Item(recipient=..., context=..., link=..., key=...), ...])` stores the same rows in a
few queries per 500.

And in `templates/notifications/<kind>/body.txt|html`, `{% load notification_tags %}` then
`{{ meeting.starts_at|in_zones:zones }}` or `{% time_range_in_zones start end zones %}`:
the event's zone, and the recipient's own when they live in the other country.

Modules: `creating` (notify, notify_many, enqueue), `sending` (claim, deliver, retry), `inbox` (read
marks, preferences), `digest` (daily digest), `reminders` (agenda the day before),
`zones` (times in the event's zone and the recipient's); .ics files come from
portal.core.calendar, the site's one builder.
"""

from portal.core.notifications.creating import Item, enqueue, enqueue_many, notify, notify_many
from portal.core.notifications.sending import (
    message_id,
    notification_retry,
    notification_send,
    notifications_send,
    notifications_send_due,
)

__all__ = [
    "Item",
    "enqueue",
    "enqueue_many",
    "message_id",
    "notification_retry",
    "notification_send",
    "notifications_send",
    "notifications_send_due",
    "notify",
    "notify_many",
]
