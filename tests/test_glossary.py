"""The programme's official names and recurring terms have one form in each language:
locale/glossary.csv lists them, and the catalogues and the shipped content use them.

For every catalogue entry whose English names a term, the translation carries the
glossary's form; the known wrong variants appear nowhere (catalogues and content)."""

import csv
import html
import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale"
# The content the portal ships (the programme's history from the seeds), in three languages.
CONTENT = [
    ROOT / "programme" / "content.py",
    ROOT / "programme" / "demo.py",
    ROOT / "matchmaking" / "demo.py",
    ROOT / "events" / "content.py",
    ROOT / "events" / "content_activities.py",
    ROOT / "portal" / "core" / "content.py",
]
COLUMN = {"it": "italian", "zh_Hans": "chinese"}
WRONG = {"it": "wrong_italian", "zh_Hans": "wrong_chinese"}


def glossary() -> list[dict[str, str]]:
    with (LOCALE / "glossary.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def english_pattern(term: str) -> re.Pattern:
    # A proper name (capitalised) is matched as written, so "Week" is the Week and not "a
    # week"; a common noun in any case, singular or plural, as a whole word.
    if term[0].isupper():
        return re.compile(rf"\b{re.escape(term)}\b")
    return re.compile(rf"\b{re.escape(term)}(e?s)?\b", re.IGNORECASE)


def has_form(text: str, form: str) -> bool:
    # Any case: a term may open a sentence (Accordi) or sit inside one (accordi). The
    # capitalised official names are held to their form by their wrong variants.
    if form.startswith("re:"):
        return re.search(form[3:], text, re.IGNORECASE) is not None
    return form.casefold() in text.casefold()


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def normalise(text: str) -> str:
    # Templates escape & as &amp;; msgids and their translations are compared as read.
    return html.unescape(text)


def english(msgid: str) -> str:
    # "%(edition)s" is a placeholder, not the word "edition".
    return PLACEHOLDER.sub(" ", normalise(msgid))


def translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [normalise(s) for s in entry.msgstr_plural.values()]
    return [normalise(entry.msgstr)]


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def test_glossary_is_well_formed() -> None:
    rows = glossary()
    assert len(rows) >= 20
    assert len({row["term"] for row in rows}) == len(rows)
    for row in rows:
        assert row["english"] and row["italian"] and row["chinese"], row["term"]
    names = {row["term"]: row for row in rows}
    assert names["week"]["chinese"] == "中意科技创新合作周"
    assert names["b2b"]["chinese"] == "B2B洽谈"
    assert names["most"]["chinese"] == "中华人民共和国科学技术部"


@pytest.mark.parametrize("language", ["it", "zh_Hans"])
def test_catalogue_uses_each_term_in_its_form(language: str) -> None:
    po = catalogue(language)
    misses = []
    for row in glossary():
        form = row[COLUMN[language]]
        pattern = english_pattern(row["english"])
        for entry in po.translated_entries():
            if not pattern.search(english(entry.msgid)):
                continue
            for text in translations(entry):
                if not has_form(text, form):
                    misses.append((row["term"], entry.msgid, text))
    assert misses == []


@pytest.mark.parametrize("language", ["it", "zh_Hans"])
def test_no_wrong_variant_in_the_catalogue(language: str) -> None:
    po = catalogue(language)
    found = []
    for row in glossary():
        for wrong in filter(None, row[WRONG[language]].split("|")):
            for entry in po.translated_entries():
                for text in translations(entry):
                    if wrong in text:
                        found.append((row["term"], wrong, text))
    assert found == []


def test_no_wrong_variant_in_the_content() -> None:
    wrongs = [
        wrong
        for row in glossary()
        for column in WRONG.values()
        for wrong in filter(None, row[column].split("|"))
    ]
    found = [
        (path.name, wrong)
        for path in CONTENT
        for wrong in wrongs
        if wrong in path.read_text(encoding="utf-8")
    ]
    assert found == []
