"""Lists sorted the way the reader's language sorts them, without ICU or Babel.

Italian and English: accents and case ignored ("Österreich" with the O's), which is what their
dictionaries do. Chinese: pinyin order, read from the GB18030 encoding, whose first level (the
3,755 common characters of GB 2312, which covers country names) is laid out in pinyin order; rarer
characters follow by radical. Good enough for menus; not a full collation.
"""

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


def country_choices() -> list[tuple[str, str]]:
    """Every country in the reader's language and order, Italy and China first."""
    # .strip(): one Chinese name in django-countries starts with a space.
    names = {code: str(name).strip() for code, name in countries}
    first = [(code, names.pop(code)) for code in FIRST_COUNTRIES]
    return [*first, *sorted(names.items(), key=lambda item: sort_key(item[1]))]
