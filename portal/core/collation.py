"""Lists sorted the way the reader's language sorts them, without ICU or Babel.

Italian and English: accents and case ignored ("Österreich" with the O's), which is what their
dictionaries do. Chinese: pinyin order, read from the GB18030 encoding, whose first level (the
3,755 common characters of GB 2312, which covers country names) is laid out in pinyin order; rarer
characters follow by radical. Good enough for menus; not a full collation.
"""

from collections.abc import Iterable

from django.utils import translation
from django_countries import countries

from portal.core.search import fold

# The programme's two countries open every country menu.
FIRST_COUNTRIES = ("IT", "CN")


def sort_key(text: str, language: str | None = None) -> bytes | str:
    language = language or translation.get_language() or "en"
    if language.startswith("zh"):
        return text.encode("gb18030", errors="replace")
    return fold(text) or ""


def country_choices(codes: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """The countries (every one, or those `codes` names) in the reader's language and order,
    Italy and China first. Names from CLDR (portal.core.l10n, through COUNTRIES_OVERRIDE)."""
    wanted = set(codes) if codes is not None else None
    names = {
        code: str(name) for code, name in countries if code and (wanted is None or code in wanted)
    }
    first = [(code, names.pop(code)) for code in FIRST_COUNTRIES if code in names]
    return [*first, *sorted(names.items(), key=lambda item: sort_key(item[1]))]
