"""Small helpers for rendering the portal's filter forms."""

from collections.abc import Iterable

from django import template

register = template.Library()


@register.filter
def as_list(value: Iterable) -> list:
    """Evaluate choices once: `{% for %}` (and `list()`, through `len()`) would first run a
    COUNT on a model field's queryset."""
    return [item for item in value]  # noqa: C416 - list() would call len()
