"""Every page the link crawl reaches is valid HTML, by the W3C Nu HTML checker (vnu.jar from the
npm registry, installed by `make test` into node_modules/ from package-lock.json), in the three
languages, as a visitor and signed in.

The checker is a JVM: it starts once, over every page written to a folder, since the machine's
cores are shared. Run it alone with `pytest -m htmlcheck`; leave it out with `-m "not htmlcheck"`.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from portal.core.models import User
from programme import demo
from tests.test_links import HOMES, crawl

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")

pytestmark = [
    pytest.mark.htmlcheck,
    pytest.mark.skipif(
        JAVA is None, reason="the Nu HTML checker needs Java (apt-get install default-jre-headless)"
    ),
    pytest.mark.skipif(
        not VNU_JAR.exists(),
        reason=f"no {VNU_JAR}: `make test` installs it (npm ci --ignore-scripts)",
    ),
]


def vnu_errors(pages: dict[str, str], folder: Path) -> list[str]:
    """The checker's errors over `pages` (name: HTML), as 'name:line: message' lines."""
    names = {}
    for number, (name, body) in enumerate(sorted(pages.items())):
        path = folder / f"{number:04d}.html"
        path.write_text(body, encoding="utf-8")
        names[path.name] = name
    result = subprocess.run(
        [
            JAVA,
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--stdout",
            *sorted(str(path) for path in folder.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(result.stdout)
    return [
        f"{names.get(Path(message.get('url', '')).name, message.get('url'))}:"
        f"{message.get('lastLine')}: {message['message']}"
        for message in report["messages"]
        if message["type"] in ("error", "non-document-error")
    ]


@pytest.mark.django_db
def test_every_page_is_valid_html(tmp_path: Path) -> None:
    call_command("load_content", "--demo", verbosity=0)
    visitor = Client()
    delegate = Client()
    delegate.force_login(User.objects.get(email="b2b.bast.1@example.org"))
    visitor_pages: dict[str, str] = {}
    delegate_pages: dict[str, str] = {}
    crawl(visitor, [*HOMES, "/en/accounts/signup/"], every_page=visitor_pages)
    crawl(delegate, [*HOMES, f"/en/b2b/{demo.YEAR}/"], every_page=delegate_pages)
    pages = {
        **{f"visitor {url}": body for url, body in visitor_pages.items()},
        **{f"signed in {url}": body for url, body in delegate_pages.items()},
    }
    # The crawl reached each language and the pages the issue names.
    assert {url.split("/")[1] for url in visitor_pages} == {"en", "it", "zh-hans"}
    assert {"/en/accounts/signup/", "/en/agreements/", "/en/figures/"} <= set(visitor_pages)

    errors = vnu_errors(pages, tmp_path)
    # The whole list, not pytest's first lines of it: each names its page and line.
    assert errors == [], f"{len(errors)} errors:\n" + "\n".join(errors)
