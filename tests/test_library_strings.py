"""The project translates some of allauth's strings itself (portal/core/library_strings.py):
its catalogue comes first in LOCALE_PATHS, so the page shows the project's wording."""

from pathlib import Path

import polib
from django.utils import translation

from portal.core.library_strings import ALLAUTH

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def test_the_project_catalogue_wins_over_allauth() -> None:
    with translation.override("zh-hans"):
        assert translation.gettext("Verify Your Email Address") == "验证您的电子邮件地址"
        assert translation.gettext("Sign in with a passkey") == "使用通行密钥登录"


def test_every_listed_allauth_string_has_the_project_translation() -> None:
    for folder, language in (("zh_Hans", "zh-hans"), ("it", "it")):
        po = polib.pofile(str(LOCALE / folder / "LC_MESSAGES" / "django.po"))
        with translation.override(language):
            for msgid in ALLAUTH:
                entry = po.find(msgid)
                assert entry is not None and entry.msgstr, msgid
                assert translation.gettext(msgid) == entry.msgstr, msgid
