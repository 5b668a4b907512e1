"""Italian and Chinese pages speak their language: a crawl of the portal with its shipped
content and the sample B2B edition (as in test_links), as a visitor and as a B2B delegate,
reading the text a person sees.

A page fails on a word of the English interface (a word of the project's or allauth's English
strings that the page's language does not use) and, in Chinese, on ASCII punctuation between
Chinese characters ("中文,中文", "中文(中文)"). Text inside an element that says it is in
another language (lang="en") or is not to be translated (translate="no") is left out: the
seeds' own wording, shown where the programme's sources give no translation, is marked so.
"""

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import allauth
import polib
import pytest
from django.core.management import call_command
from django.test import Client

from portal.core.models import User
from programme import demo
from tests.test_links import crawl

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = {"it": "it", "zh-hans": "zh_Hans"}
WORD = re.compile(r"[A-Za-z][A-Za-z']+")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>|&\w+;")
HAN = r"[\u3400-\u9fff]"
# A comma, colon, semicolon, ! or ? between Chinese characters, or a bracket next to one.
ASCII_PUNCTUATION = re.compile(
    rf"{HAN}\s*[,:;!?]\s*{HAN}|{HAN}\s*\(|\(\s*{HAN}[^()]*\)\s*{HAN}"
)
# Words of the English interface that are names in every language: the portal's name, and
# file formats and standards written the same in Italian and Chinese text.
ALLOWED = {"Ponte", "PDF", "CSV", "PNG", "JPEG", "WebP", "SVG", "HTML", "UTC", "CET", "CST"}
SKIPPED_TAGS = {"script", "style", "template", "noscript", "code", "pre", "textarea"}


def catalogue_words(path: Path, *, translated: bool) -> set[str]:
    """The words of a catalogue's English strings, or of its translations."""
    words: set[str] = set()
    for entry in polib.pofile(str(path)):
        texts = (
            ([entry.msgstr] + list(entry.msgstr_plural.values()))
            if translated
            else [entry.msgid, entry.msgid_plural or ""]
        )
        for text in texts:
            words.update(WORD.findall(PLACEHOLDER.sub(" ", text)))
    return words


def english_words(language: str) -> set[str]:
    """Words of the English interface that the language's own interface never uses (so
    "a", "come" or "partner" in Italian are Italian)."""
    ours = ROOT / "locale" / LANGUAGES[language] / "LC_MESSAGES" / "django.po"
    theirs = Path(allauth.__file__).parent / "locale" / LANGUAGES[language] / "LC_MESSAGES"
    english = catalogue_words(ours, translated=False) | catalogue_words(
        theirs / "django.po", translated=False
    )
    native = catalogue_words(ours, translated=True)
    if language == "it":
        native |= catalogue_words(theirs / "django.po", translated=True)
    lowered_native = {w.lower() for w in native}
    return {
        w.lower()
        for w in english
        if len(w) > 2 and w.lower() not in lowered_native and w not in ALLOWED
    }


class VisibleText(HTMLParser):
    """The text a reader sees, without scripts and without passages marked as being in
    another language or not to be translated."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def _hidden(self) -> bool:
        return any(hidden for _, hidden in self.stack)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        lang = (a.get("lang") or "").lower()
        hidden = (
            tag in SKIPPED_TAGS
            or (bool(lang) and tag != "html" and not lang.startswith(self.language[:2]))
            or a.get("translate") == "no"
            or "hidden" in a
        )
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            if not (hidden or self._hidden()):
                for name in ("alt", "placeholder", "aria-label", "title"):
                    if a.get(name):
                        self.parts.append(a[name])
            return
        if not (hidden or self._hidden()):
            for name in ("aria-label", "title"):
                if a.get(name):
                    self.parts.append(a[name])
        self.stack.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self._hidden() and data.strip():
            self.parts.append(data)


def visible_text(body: str, language: str) -> str:
    parser = VisibleText(language)
    parser.feed(body)
    return "\n".join(" ".join(part.split()) for part in parser.parts)


def problems(pages: dict[str, str], language: str, english: set[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for url, body in pages.items():
        if not url.startswith(f"/{language}/"):
            continue
        text = visible_text(body, language)
        bad = {w for w in WORD.findall(text) if w.lower() in english and w not in ALLOWED}
        if language == "zh-hans":
            bad |= {m.group(0) for m in ASCII_PUNCTUATION.finditer(text)}
        if bad:
            found[url] = bad
    return found


def test_visible_text_leaves_out_scripts_and_marked_passages() -> None:
    body = (
        '<html lang="zh-hans"><body><p>合作伙伴 <span lang="en">University of Bergamo</span>'
        '</p><script>var x = "Sign in";</script><p translate="no">Città della Scienza</p>'
        '<input placeholder="搜索"><p>Sign in</p></body></html>'
    )
    assert visible_text(body, "zh-hans") == "合作伙伴\n搜索\nSign in"


def test_problems_finds_english_words_and_ascii_punctuation() -> None:
    pages = {
        "/zh-hans/a/": "<p>登录(可选)，Sign in</p>",
        "/zh-hans/b/": "<p>Ponte 中意科技创新合作周（第七届）：B2B洽谈</p>",
        "/it/c/": "<p>Accedi a Ponte per il partner · Sign in</p>",
    }
    assert problems(pages, "zh-hans", {"sign"}) == {"/zh-hans/a/": {"Sign", "录("}}
    assert problems(pages, "it", {"sign"}) == {"/it/c/": {"Sign"}}


@pytest.mark.django_db
def test_italian_and_chinese_pages_have_no_english_and_no_ascii_punctuation() -> None:
    call_command("load_content", "--demo", verbosity=0)
    visitor = Client()
    delegate = Client()
    delegate.force_login(User.objects.get(email="b2b.bast.1@example.org"))
    b2b = f"b2b/{demo.YEAR}/"
    pages: dict[str, str] = {}
    public = ["", "accounts/login/", "accounts/signup/", "accounts/password/reset/"]
    signed_in = [
        "my/account/", "my/organisations/", "inbox/", "inbox/preferences/", b2b,
        f"{b2b}agenda/", f"{b2b}partners/", "accounts/email/", "accounts/password/change/",
    ]
    crawl(visitor, [f"/{lang}/{path}" for lang in LANGUAGES for path in public], every_page=pages)
    crawl(
        delegate, [f"/{lang}/{path}" for lang in LANGUAGES for path in signed_in], every_page=pages
    )
    assert len([url for url in pages if url.startswith("/zh-hans/")]) > 60
    assert len([url for url in pages if url.startswith("/it/")]) > 60
    found = {
        language: problems(pages, language, english_words(language)) for language in LANGUAGES
    }
    assert found == {"it": {}, "zh-hans": {}}
