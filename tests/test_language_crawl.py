"""Italian and Chinese pages speak their language: a crawl of the portal with its shipped
content and the sample B2B edition (as in test_links), as a visitor and as a B2B delegate,
reading the text a person sees.

A page fails on a word of the English interface (a word of the project's or allauth's English
strings) that the page's language does not use, and, in Chinese, on ASCII punctuation between
Chinese characters ("中文,中文", "中文(中文)").

What a language "uses" is its catalogue's translations and the shipped content written in it
(the *_it / *_zh_hans fields): the content keeps proper names as the programme's sources give
them (International Technology Transfer Network, Smart Cities, Best Startup Showcase) and
Italian's loanwords (business matching, project manager). Text that falls back to English
because the content has no translation is not in those fields, so it is caught. Also left
out: text inside an element that says it is in another language (lang="en", an Italian
organisation's native name on a Chinese page; lang="" for a message its writer wrote in a
language the page does not know) or is not to be translated (translate="no"),
e-mail addresses, links and time-zone identifiers (Europe/Rome), and the few words of ALLOWED.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import allauth
import polib
import pytest
from django.core.management import call_command
from django.test import Client
from modeltranslation.translator import translator

from events.models import ActivityPerson, DelegationMember
from portal.core.models import Organisation, User
from programme import demo
from programme.models import Speaker
from tests.test_links import crawl

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = {"it": "it", "zh-hans": "zh_Hans"}
# A word in Latin letters, not the tail of an accented one (Åland is not "land").
LATIN = "A-Za-z\u00c0-\u024f"
WORD = re.compile(rf"(?<![{LATIN}])[A-Za-z][A-Za-z']+(?![{LATIN}])")
# Identifiers, not words: e-mail addresses, links and time zones.
NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|\b[A-Z][a-z]+/[A-Za-z_/+-]+")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>|&\w+;")
HAN = r"[\u3400-\u9fff]"
# A comma, colon, semicolon, ! or ? between Chinese characters, or a bracket next to one.
ASCII_PUNCTUATION = re.compile(rf"{HAN}\s*[,:;!?]\s*{HAN}|{HAN}\s*\(|\(\s*{HAN}[^()]*\)\s*{HAN}")
# Words of the English interface that are names in every language: the portal's name, and
# file formats and standards written the same in Italian and Chinese text.
# The language chooser names each language in itself (settings.LANGUAGES): "English".
ALLOWED = {"Ponte", "PDF", "CSV", "PNG", "JPEG", "WebP", "SVG", "HTML", "UTC", "CET", "CST"}
ALLOWED |= {"English"}
# ponte.in_zone writes "25 ottobre 2016 09:30 (意大利时间, CET)"; the date and time formatting
# of issue 19 (Babel) rewrites it. Until then its bracket is not held against the page.
ZONE_LABEL = re.compile(rf"\({HAN}+时间, [A-Z]{{2,5}}\)")
# The document title repeats the heading, which is read and can carry the lang mark of a
# name that has none in the page's language; a <title> cannot.
SKIPPED_TAGS = {"script", "style", "template", "noscript", "code", "pre", "textarea", "title"}


def catalogue_words(path: Path, *, translated: bool) -> set[str]:
    """The words of a catalogue's English strings, or of its translations."""
    words: set[str] = set()
    for entry in polib.pofile(str(path)):
        texts = (
            [entry.msgstr, *entry.msgstr_plural.values()]
            if translated
            else [entry.msgid, entry.msgid_plural or ""]
        )
        for text in texts:
            words.update(WORD.findall(PLACEHOLDER.sub(" ", text)))
    return words


def content_words(language: str) -> set[str]:
    """The words of the shipped content in the language, and the names it shows as they are
    (acronyms, people's names)."""
    suffix = LANGUAGES[language].lower()
    words: set[str] = set()
    for model in translator.get_registered_models():
        for field in translator.get_options_for_model(model).fields:
            for value in model._default_manager.values_list(f"{field}_{suffix}", flat=True):
                words.update(WORD.findall(str(value or "")))
    names = [
        *Organisation.objects.values_list("acronym", flat=True),
        *User.objects.values_list("full_name", flat=True),
        *ActivityPerson.objects.values_list("name", flat=True),
        *DelegationMember.objects.values_list("name", flat=True),
        *Speaker.objects.values_list("name", flat=True),
    ]
    for name in names:
        words.update(WORD.findall(name or ""))
    return words


def english_words(language: str) -> set[str]:
    """Words of the English interface that the language's own interface and content never
    use (so "a", "come" or "partner" in Italian are Italian)."""
    ours = ROOT / "locale" / LANGUAGES[language] / "LC_MESSAGES" / "django.po"
    theirs = Path(allauth.__file__).parent / "locale" / LANGUAGES[language] / "LC_MESSAGES"
    english = catalogue_words(ours, translated=False) | catalogue_words(
        theirs / "django.po", translated=False
    )
    native = catalogue_words(ours, translated=True)
    if language == "it":
        native |= catalogue_words(theirs / "django.po", translated=True)
    native |= content_words(language)
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
            or ("lang" in a and tag != "html" and not lang.startswith(self.language[:2]))
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
        text = NOT_WORDS.sub(" ", visible_text(body, language))
        text = ZONE_LABEL.sub(" ", text)
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
        "my/account/",
        "my/organisations/",
        "inbox/",
        "inbox/preferences/",
        b2b,
        f"{b2b}agenda/",
        f"{b2b}partners/",
        "accounts/email/",
        "accounts/password/change/",
    ]
    crawl(visitor, [f"/{lang}/{path}" for lang in LANGUAGES for path in public], every_page=pages)
    crawl(
        delegate, [f"/{lang}/{path}" for lang in LANGUAGES for path in signed_in], every_page=pages
    )
    assert len([url for url in pages if url.startswith("/zh-hans/")]) > 60
    assert len([url for url in pages if url.startswith("/it/")]) > 60
    found = {language: problems(pages, language, english_words(language)) for language in LANGUAGES}
    assert found == {"it": {}, "zh-hans": {}}
