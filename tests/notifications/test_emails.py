"""E-mails in the recipient's language, with times in the event's zone (and their own)."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import transaction

from portal.core.models import Notification
from portal.core.notifications import notify
from tests.factories import OrganisationFactory, UserFactory

OPENING = dt.datetime(2026, 10, 26, 8, 30, tzinfo=dt.UTC)
EDITION = SimpleNamespace(
    title="China–Italy Week", start_date=dt.date(2026, 10, 26), end_date=dt.date(2026, 10, 28)
)

# (language, country of residence) → subject and the opening-session line of the body.
REGISTRATION = {
    ("en", "IT"): (
        "Your registration to China–Italy Week is confirmed",
        "Opening session: 26 October 2026, 09:30 (Italy time, CET).",
    ),
    ("it", "IT"): (
        "La Sua iscrizione alla China–Italy Week è confermata",
        "Sessione di apertura: 26 ottobre 2026, 09:30 (ora italiana, CET).",
    ),
    ("zh-hans", "CN"): (
        "您报名参加 China–Italy Week 已确认",
        "开幕式：2026年10月26日 09:30（意大利时间，CET） · 2026年10月26日 16:30（中国时间，CST）。",
    ),
    ("en", "CN"): (
        "Your registration to China–Italy Week is confirmed",
        "Opening session: 26 October 2026, 09:30 (Italy time, CET) · "
        "26 October 2026, 16:30 (China time, CST).",
    ),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("language", "country"), list(REGISTRATION), ids=str)
def test_registration_email_in_language_and_zones(language: str, country: str) -> None:
    user = UserFactory(language=language, country=country, full_name="Li Wei")
    with transaction.atomic():
        notify(
            recipient=user,
            kind=Notification.Kind.REGISTRATION_CONFIRMED,
            context={"edition": EDITION, "zone": "Europe/Rome", "opens_at": OPENING},
            link="/en/week/",
        )
    subject, opening = REGISTRATION[(language, country)]
    [message] = mail.outbox
    assert message.subject == subject
    assert opening in message.body.splitlines()
    # The link was reversed under /en/; it arrives under the reader's language.
    assert f"http://127.0.0.1:8000/{language}/week/" in message.body
    html = message.alternatives[0].content
    assert f'<html lang="{language}">' in html
    assert f'<a href="http://127.0.0.1:8000/{language}/week/">' in html


# Every kind whose templates this app owns, rendered in the three languages: the subject is
# translated (differs from English) and no variable is left empty or escaped in the text.
KIND_CONTEXTS = {
    "organisation_approved": lambda org, user: {"organisation": org},
    "organisation_rejected": lambda org, user: {"organisation": org, "reason": "No website"},
    "organisation_change_approved": lambda org, user: {"organisation": org},
    "organisation_change_rejected": lambda org, user: {"organisation": org, "reason": "Not ours"},
    "join_request": lambda org, user: {"organisation": org, "applicant": user, "message": "Hi"},
    "registration_confirmed": lambda org, user: {"edition": EDITION, "zone": "Asia/Shanghai"},
    "registration_invitation": lambda org, user: {
        "edition": EDITION,
        "organisation": org,
        "inviter": user.full_name,
    },
    "schedule_published": lambda org, user: {
        "edition": EDITION,
        "zone": "Europe/Rome",
        "meetings": 3,
        "first_meeting_at": OPENING,
    },
    "agreement_recorded": lambda org, user: {
        "organisation": org,
        "agreement": SimpleNamespace(title="Joint lab", signed_on=dt.date(2026, 10, 27)),
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(KIND_CONTEXTS))
def test_each_kind_renders_in_three_languages(kind: str) -> None:
    organisation = OrganisationFactory(name_en="O'Neill & Partners")
    other = UserFactory(full_name="Zhang San")
    subjects = {}
    for language in ["en", "it", "zh-hans"]:
        user = UserFactory(language=language, full_name="Anna Rossi")
        notification = notify(
            recipient=user, kind=kind, context=KIND_CONTEXTS[kind](organisation, other)
        )
        subjects[language] = notification.subject
        assert notification.language == language
        assert "&#x27;" not in notification.subject + notification.body_text
        assert "&amp;" not in notification.body_text
        assert notification.body_html.startswith(f'<!DOCTYPE html>\n<html lang="{language}">')
        assert "None" not in notification.body_text
    assert len(set(subjects.values())) == 3


@pytest.mark.django_db
def test_schedule_published_counts_meetings_in_italian() -> None:
    user = UserFactory(language="it", country="IT")
    notification = notify(
        recipient=user,
        kind=Notification.Kind.SCHEDULE_PUBLISHED,
        context={"edition": EDITION, "zone": "Asia/Shanghai", "meetings": 1},
    )
    assert notification.subject == "Il calendario B2B della China–Italy Week è pubblicato"
    assert "Ha 1 incontro." in notification.body_text.splitlines()


@pytest.mark.django_db
def test_notify_makes_paths_absolute_in_the_email(settings) -> None:
    settings.NOTIFICATION_BASE_URL = "https://ponte.example"
    notification = notify(
        recipient=UserFactory(language="it"),
        kind=Notification.Kind.ORGANISATION_APPROVED,
        context={"organisation": OrganisationFactory()},
        link="/it/partners/ggi/",
    )
    assert notification.link == "/it/partners/ggi/"
    assert "Apra la pagina su Ponte: https://ponte.example/it/partners/ggi/" in (
        notification.body_text.splitlines()
    )
    assert '<a href="https://ponte.example/it/partners/ggi/">' in notification.body_html


@pytest.mark.django_db
def test_notify_moves_the_link_to_the_recipients_language() -> None:
    # Staff approving in English reverse the link under /en/; a Chinese reader gets /zh-hans/.
    notification = notify(
        recipient=UserFactory(language="zh-hans"),
        kind=Notification.Kind.ORGANISATION_APPROVED,
        context={"organisation": OrganisationFactory()},
        link="/en/partners/ggi/",
    )
    assert notification.link == "/zh-hans/partners/ggi/"
    assert '<a href="http://127.0.0.1:8000/zh-hans/partners/ggi/">' in notification.body_html


# The greeting names the whole person, in their own script when the e-mail is in Chinese:
# "Dear Zhou" or "尊敬的Zhou：" (the first word of "Zhou Lei", a surname) greets nobody.
GREETINGS = {
    "en": "Dear Zhou Lei,",
    "it": "Gentile Zhou Lei,",
    "zh-hans": "尊敬的周磊：",
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", list(GREETINGS))
def test_greeting_uses_the_full_or_native_name(language: str) -> None:
    user = UserFactory(language=language, full_name="Zhou Lei", native_name="周磊")
    with transaction.atomic():
        notify(
            recipient=user,
            kind=Notification.Kind.REGISTRATION_CONFIRMED,
            context={"edition": EDITION, "zone": "Europe/Rome", "opens_at": OPENING},
            link="/en/week/",
        )
    [message] = mail.outbox
    assert message.body.splitlines()[0] == GREETINGS[language]
    assert f"<p>{GREETINGS[language]}</p>" in message.alternatives[0].content
