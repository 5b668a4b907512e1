"""Links that apps built on the programme add to an edition's page.

`programme` must not import the apps built on it, yet the edition page is where delegates
find their B2B meetings and staff the B2B schedule. Each app registers its links in its
`AppConfig.ready()`; the page shows those meant for the visitor, in order.
"""

from dataclasses import dataclass
from typing import Literal

from django.urls import reverse
from django.utils.functional import Promise

from portal.core.models import User
from programme.models import Edition

Audience = Literal["signed_in", "staff"]


@dataclass(frozen=True)
class Link:
    label: Promise
    url_name: str
    audience: Audience
    order: int


_links: dict[str, Link] = {}


def register(
    *, name: str, label: Promise, url_name: str, audience: Audience, order: int = 100
) -> None:
    """Add (or replace, by name) a link; `url_name` takes the edition's year."""
    _links[name] = Link(label=label, url_name=url_name, audience=audience, order=order)


def links_for(edition: Edition, user: User, audience: Audience) -> list[tuple[str, str]]:
    """(label, address) of the links for that audience, if the user belongs to it."""
    allowed = user.is_staff if audience == "staff" else user.is_authenticated
    if not allowed:
        return []
    return [
        (str(link.label), reverse(link.url_name, kwargs={"year": edition.year}))
        for link in sorted(_links.values(), key=lambda link: link.order)
        if link.audience == audience
    ]
