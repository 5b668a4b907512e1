"""No input gives a 500: every POST form the crawl of `test_links` finds is sent empty and
with junk (over-long text, bad e-mail, dates and numbers, unknown choices), as a visitor, a B2B
delegate and staff. Each answer must be a page or a redirect, never a server error.
"""

import html
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client

from matchmaking import services
from matchmaking.models import MeetingRequest, Participant
from portal.core.models import User
from programme import demo
from tests.factories import UserFactory
from tests.test_links import HOMES, crawl, page_kind

JUNK = {
    "email": "not-an-email",
    "number": "-99999999999999999999",
    "date": "2099-13-45",
    "datetime-local": "garbage",
    "url": "javascript:alert(1)",
    "file": "",
}
TEXT_JUNK = "x" * 5000 + "\x00<script>"
# Signing out, deleting and Django's admin are not forms to fill.
SKIP = ("logout", "delete", "/admin/")


class _Forms(HTMLParser):
    """The POST forms of a page: action and fields (tag, type, value)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._open = {"action": a.get("action") or "", "fields": {}}
            self.forms.append(self._open)
        elif self._open is not None and tag in ("input", "select", "textarea") and a.get("name"):
            self._open["fields"][a["name"]] = (tag, a.get("type"), a.get("value"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


def _data(fields: dict, junk: bool) -> dict[str, str]:
    data = {}
    for name, (tag, kind, value) in fields.items():
        if name == "csrfmiddlewaretoken":
            continue
        if kind == "hidden":
            data[name] = value or ""
        elif junk:
            data[name] = "999999" if tag == "select" else JUNK.get(kind, TEXT_JUNK)
    return data


def server_errors(client: Client, starts: list[str]) -> tuple[list[tuple[str, str, int]], int]:
    """(action, variant, status) of every form answer of 500 or more, and how many forms."""
    errors = []
    tried = set()
    for url, status in crawl(client, starts).items():
        if status != 200:
            continue
        page = _Forms()
        page.feed(client.get(url).content.decode())
        for form in page.forms:
            action = html.unescape(form["action"]) or url
            if not action.startswith("/") or any(part in action for part in SKIP):
                continue
            if (page_kind(action), frozenset(form["fields"])) in tried:
                continue
            tried.add((page_kind(action), frozenset(form["fields"])))
            for variant in ("empty", "junk"):
                answer = client.post(action, _data(form["fields"], variant == "junk"))
                if answer.status_code >= 500:
                    errors.append((action, variant, answer.status_code))
    return errors, len(tried)


@pytest.mark.django_db
def test_no_form_answers_bad_input_with_a_server_error(settings) -> None:
    settings.DEBUG = False
    call_command("load_content", "--demo", verbosity=0)
    person = User.objects.get(email="b2b.bast.1@example.org")
    # A request awaiting the delegate's answer, so that the answer forms are on their page.
    me = Participant.objects.get(registration__person=person, registration__edition__year=demo.YEAR)
    asked = MeetingRequest.objects.filter(requester=me).values("recipient")
    other = Participant.objects.filter(edition=me.edition).exclude(
        registration__organisation=me.registration.organisation
    )
    other = other.exclude(pk__in=asked).exclude(sent__recipient=me).first()
    services.request_create(requester=other, recipient=me)
    delegate = Client(raise_request_exception=False)
    delegate.force_login(person)
    staff = Client(raise_request_exception=False)
    staff.force_login(UserFactory(is_staff=True, is_superuser=True))

    found = {
        "visitor": server_errors(Client(raise_request_exception=False), HOMES),
        "delegate": server_errors(delegate, [*HOMES, f"/en/b2b/{demo.YEAR}/"]),
        "staff": server_errors(staff, [*HOMES, f"/en/b2b/{demo.YEAR}/staff/"]),
    }

    assert {who: errors for who, (errors, _) in found.items()} == {
        "visitor": [],
        "delegate": [],
        "staff": [],
    }
    # Sign-in and sign-up at least; requests, answers and availability; the staff forms.
    forms = {who: count for who, (_, count) in found.items()}
    assert forms["visitor"] >= 2 and forms["delegate"] >= 10 and forms["staff"] >= 30, forms
