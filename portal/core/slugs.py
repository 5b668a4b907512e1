"""Stable, unique organisation slugs, also for names written only in Chinese."""

import secrets

from django.utils.text import slugify

from portal.core.models import Organisation

# Words the URLs use next to a slug (my/organisations/new/).
RESERVED = {"new", "edit", "join"}
MAX_LENGTH = 100  # leaves room for a "-2" suffix within the field's 120 characters


def _token_slug() -> str:
    # No transliteration is available for Chinese, so a Chinese-only name gets a short random
    # token; it is stored once and never recomputed, so links stay valid when names change.
    return f"org-{secrets.token_hex(3)}"


def organisation_slug(*names: str) -> str:
    """A slug not yet taken, from the first name with Latin letters, else a random token."""
    base = ""
    for name in names:
        base = slugify(name or "")[:MAX_LENGTH].strip("-")
        if base:
            break
    if not base:
        for _attempt in range(20):
            candidate = _token_slug()
            if not Organisation.objects.filter(slug=candidate).exists():
                return candidate
        raise RuntimeError("Could not find a free organisation slug.")
    candidate, number = base, 1
    while candidate in RESERVED or Organisation.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate
