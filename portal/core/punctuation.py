"""Punctuation in the reader's language. Chinese text takes full-width marks (，；：（）、)
with no spaces around them; Italian and English the Latin ones. Every mark is a
translatable string, so the catalogues decide, and code and templates that join pieces of
text (a city and its country, a name and its acronym, a list of parties) use these instead
of a literal ", " or " (" that would put ASCII punctuation between Chinese characters."""

from django.utils.translation import pgettext


def comma() -> str:
    return pgettext("punctuation", ", ")


def semicolon() -> str:
    return pgettext("punctuation", "; ")


def colon() -> str:
    return pgettext("punctuation", ": ")


def list_separator() -> str:
    # Between the items of a list: 、 in Chinese (北京、上海), a comma otherwise.
    return pgettext("list separator", ", ")


def open_paren() -> str:
    # With the space Latin text puts before a bracket; Chinese needs none.
    return pgettext("punctuation", " (")


def close_paren() -> str:
    return pgettext("punctuation", ")")


def parenthesised(text: str) -> str:
    return f"{open_paren()}{text}{close_paren()}"
