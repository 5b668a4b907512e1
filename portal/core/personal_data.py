"""Where each app says what it holds on a person: what goes into their archive, which rows
to lock before their account is erased, and how its rows are emptied.

The core must not import the apps built on it, yet a person's archive and erasure span all of
them. Each app registers a holder in its `AppConfig.ready()`; `EXCLUDED` names, with a reason,
the models tied to a person that no archive carries. A test walks every model with a foreign
key to the user and fails when one is in neither list.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Holder:
    name: str
    # Model labels ("app.Model") whose rows tied to the person the export carries.
    covers: tuple[str, ...]
    # export(user) -> JSON-ready data for the archive's section `name`.
    export: Callable[[Any], Any]
    # lock(user): take the row locks the app's own writers take, before the user's row.
    lock: Callable[[Any], None] | None = None
    # erase(user, needles): empty the app's rows of the person; `needles` are the names and
    # addresses to scrub from text other people keep.
    erase: Callable[[Any, list[str]], None] | None = None
    # counterparts(user) -> ids of the users the person dealt with in this app (the other side
    # of their requests and meetings): only their notifications are searched for the name.
    counterparts: Callable[[Any], set[int]] | None = None
    order: int = 100


_holders: dict[str, Holder] = {}

# Models with a foreign key to the user that the archive leaves out on purpose.
EXCLUDED: dict[str, str] = {
    "admin.LogEntry": "staff's own record of what they changed in the admin, not the person's",
}


def register(holder: Holder) -> None:
    """Add (or replace, by name) a holder."""
    _holders[holder.name] = holder


def exclude(label: str, reason: str) -> None:
    EXCLUDED[label] = reason


def holders() -> list[Holder]:
    return sorted(_holders.values(), key=lambda holder: holder.order)


def covered() -> set[str]:
    return {label for holder in _holders.values() for label in holder.covers}


def former_participant() -> str:
    """How other people's pages name someone whose account was erased."""
    return str(_("A former participant"))


def scrub(queryset, fields: list[str], needles: list[str]) -> int:
    """Replace every needle (a name, an address) in `fields` of the rows of `queryset` with
    "a former participant"; return how many rows changed. For the text others keep (their
    notifications, their messages) in which the person's name was written."""
    import re

    from django.db.models import Q

    # Two characters are a whole name in Chinese (王伟); in Latin letters they would match
    # too much of other people's text.
    needles = sorted(
        {n for n in needles if n and (len(n) >= 3 or (len(n) == 2 and not n.isascii()))},
        key=len,
        reverse=True,
    )
    if not needles:
        return 0
    condition = Q()
    for field in fields:
        for needle in needles:
            condition |= Q(**{f"{field}__icontains": needle})
    pattern = re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
    replacement = former_participant()

    def text_only(html: str) -> str:
        # In HTML only the text between tags: a name must never rewrite the markup.
        return re.sub(r">([^<]*)<", lambda m: f">{pattern.sub(replacement, m.group(1))}<", html)

    changed = 0
    for row in queryset.filter(condition):
        for field in fields:
            value = getattr(row, field) or ""
            setattr(
                row,
                field,
                text_only(value) if field.endswith("html") else pattern.sub(replacement, value),
            )
        row.save(update_fields=fields)
        changed += 1
    return changed
