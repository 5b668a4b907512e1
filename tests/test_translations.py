"""Every interface string is translated, and the compiled catalogues match the sources."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[1] / "locale"


@pytest.mark.parametrize("language", ["it", "zh_Hans"])
def test_every_string_is_translated(language: str) -> None:
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert len(po) > 100


@pytest.mark.parametrize("language", ["it", "zh_Hans"])
def test_compiled_catalogue_is_up_to_date(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    mo = polib.mofile(str(folder / "django.mo"))
    compiled = {(e.msgid, e.msgstr) for e in mo if not e.msgid_plural}
    source = {(e.msgid, e.msgstr) for e in po.translated_entries() if not e.msgid_plural}
    assert source == compiled, "run `make messages` to recompile the catalogues"


def test_italian_is_not_a_copy_of_english() -> None:
    po = polib.pofile(str(LOCALE / "it" / "LC_MESSAGES" / "django.po"))
    long_entries = [e for e in po.translated_entries() if len(e.msgid) > 25]
    copies = [e.msgid for e in long_entries if e.msgstr == e.msgid]
    assert copies == []
