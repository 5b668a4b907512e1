"""Filters for notification templates: `{% load notification_tags %}`.

`{{ starts_at|in_zones:zones }}` shows a moment in every zone of `zones` (a list, as `notify`
puts in the context when given `zone`, or a comma-separated string such as
"Europe/Rome,Asia/Shanghai"); `{{ starts_at|times_in_zones:zones }}` only the clock times;
`{% time_range_in_zones starts_at ends_at zones %}` a slot, '09:00–09:30 CET · 16:00–16:30 CST'.
"""

from django import template

from portal.core.notifications import zones
from portal.core.notifications.creating import absolute_link

register = template.Library()
register.filter("absolute_link", absolute_link)
register.filter("in_zones", zones.in_zones)
register.filter("times_in_zones", zones.times_in_zones)
register.simple_tag(zones.time_range_in_zones, name="time_range_in_zones")
