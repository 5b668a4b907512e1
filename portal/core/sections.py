"""Sections that other apps add to an organisation's public page.

The core must not import the apps built on it, yet an organisation's page lists its
agreements, editions, missions and meetings. Each app registers a section in its
`AppConfig.ready()`; the page renders whatever is registered, in order.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from portal.core.models import Organisation

Loader = Callable[[Organisation, Any], dict[str, Any]]


@dataclass(frozen=True)
class Section:
    template: str
    load: Loader
    order: int


_sections: dict[str, Section] = {}


def register(*, name: str, template: str, load: Loader, order: int = 100) -> None:
    """Add (or replace, by name) a section; `load(org, user)` returns the template's context."""
    _sections[name] = Section(template=template, load=load, order=order)


def render_sections(request: HttpRequest, organisation: Organisation) -> list[SafeString]:
    ordered = sorted(_sections.values(), key=lambda section: section.order)
    # A rendered template is already safe (its variables were escaped): no mark_safe needed.
    return [
        render_to_string(
            section.template, section.load(organisation, request.user), request=request
        )
        for section in ordered
    ]
