"""Delivery preferences, the daily digest and agenda reminders."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import transaction

from portal.core.models import Notification, NotificationPreference
from portal.core.notifications import notify
from portal.core.notifications.digest import digests_create
from portal.core.notifications.reminders import (
    Agenda,
    AgendaItem,
    agenda_reminders_send,
    reminder_day,
)
from portal.core.tasks import send_daily_digests
from tests.factories import OrganisationFactory, UserFactory

NOW = dt.datetime(2026, 10, 25, 6, 0, tzinfo=dt.UTC)


def _approved(user, **kwargs) -> Notification:
    return notify(
        recipient=user,
        kind=Notification.Kind.ORGANISATION_APPROVED,
        context={"organisation": OrganisationFactory(name_en="Galileo Galilei Institute")},
        **kwargs,
    )


@pytest.mark.django_db(transaction=True)
def test_inbox_only_preference_sends_no_email() -> None:
    user = UserFactory()
    NotificationPreference.objects.create(user=user, kind="organisation_approved", delivery="inbox")
    with transaction.atomic():
        notification = _approved(user)
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.state == Notification.State.NOT_EMAILED


@pytest.mark.django_db(transaction=True)
def test_digest_preference_gathers_notifications_in_one_email_once() -> None:
    user = UserFactory(language="it", full_name="Anna Rossi")
    NotificationPreference.objects.create(
        user=user, kind="organisation_approved", delivery="digest"
    )
    with transaction.atomic():
        first, second = _approved(user), _approved(user)
    assert mail.outbox == []
    with time_machine.travel(NOW, tick=False):
        assert send_daily_digests.apply().get() == 1
        assert digests_create() == 0
    [message] = mail.outbox
    assert message.subject == "Ponte: 2 nuove notifiche"
    assert message.to == [user.email]
    assert message.body.count("* Galileo Galilei Institute è ora nell'elenco dei partner") == 2
    digest = Notification.objects.get(kind=Notification.Kind.DIGEST)
    assert digest.key == f"digest:{user.pk}:2026-10-25"
    assert set(digest.digested.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert set(
        Notification.objects.filter(pk__in=[first.pk, second.pk]).values_list("state", flat=True)
    ) == {Notification.State.DIGESTED}


@pytest.mark.django_db(transaction=True)
def test_notification_after_todays_digest_waits_for_tomorrows() -> None:
    user = UserFactory()
    NotificationPreference.objects.create(
        user=user, kind="organisation_approved", delivery="digest"
    )
    with transaction.atomic():
        _approved(user)
    with time_machine.travel(NOW, tick=False):
        digests_create()
        with transaction.atomic():
            late = _approved(user)
        assert digests_create() == 0
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        assert digests_create() == 1
    late.refresh_from_db()
    assert late.state == Notification.State.DIGESTED
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_digest_is_not_in_the_inbox_or_the_unread_count() -> None:
    user = UserFactory()
    Notification.objects.create(
        recipient=user, kind=Notification.Kind.DIGEST, language="en", subject="s", body_text="b"
    )
    assert Notification.objects.unread().filter(recipient=user).count() == 0


def _agenda(user, day=dt.date(2026, 10, 26), zone="Europe/Rome", items=None) -> Agenda:
    if items is None:
        items = [
            AgendaItem(
                uid="meeting-2",
                starts_at=dt.datetime(2026, 10, 26, 9, 0, tzinfo=dt.UTC),
                ends_at=dt.datetime(2026, 10, 26, 9, 30, tzinfo=dt.UTC),
                title="Bioeconomy",
                with_whom="Zhang San",
            ),
            AgendaItem(
                uid="meeting-1",
                starts_at=dt.datetime(2026, 10, 26, 8, 0, tzinfo=dt.UTC),
                ends_at=dt.datetime(2026, 10, 26, 8, 30, tzinfo=dt.UTC),
                title="Smart cities",
                place="Table 4",
            ),
        ]
    return Agenda(recipient=user, day=day, zone=zone, items=items, link="/en/b2b/")


def test_reminder_day_is_tomorrow_in_the_events_zone() -> None:
    # 23:30 UTC on the 25th is already the 26th in Rome and in Shanghai, not in New York.
    late = dt.datetime(2026, 10, 25, 23, 30, tzinfo=dt.UTC)
    assert reminder_day(zone="Europe/Rome", now=late) == dt.date(2026, 10, 27)
    assert reminder_day(zone="Asia/Shanghai", now=late) == dt.date(2026, 10, 27)
    assert reminder_day(zone="America/New_York", now=late) == dt.date(2026, 10, 26)


@pytest.mark.django_db(transaction=True)
def test_agenda_reminder_goes_once_with_times_in_both_zones_and_ics() -> None:
    user = UserFactory(language="en", country="CN", full_name="Li Wei")
    with time_machine.travel(NOW, tick=False):
        with transaction.atomic():
            assert agenda_reminders_send(agendas=[_agenda(user)]) == 1
        with transaction.atomic():
            assert agenda_reminders_send(agendas=[_agenda(user)]) == 0
    assert Notification.objects.count() == 1
    [message] = mail.outbox
    assert message.subject == "Your agenda for 26 October 2026"
    lines = message.body.splitlines()
    assert lines[4:6] == [
        "- 09:00–09:30 CET · 16:00–16:30 CST: Smart cities, Table 4",
        "- 10:00–10:30 CET · 17:00–17:30 CST: Bioeconomy (Zhang San)",
    ]
    ics = message.attachments[0].content
    assert ics.count("BEGIN:VEVENT") == 2
    # In the event's zone, with its VTIMEZONE; the UID is the one the caller gave.
    assert "DTSTART;TZID=Europe/Rome:20261026T090000" in ics
    assert "BEGIN:VTIMEZONE" in ics
    assert "UID:meeting-1\r\n" in ics


@pytest.mark.django_db
def test_agenda_reminder_skips_other_days_and_empty_agendas() -> None:
    user = UserFactory()
    with time_machine.travel(NOW, tick=False):
        sent = agenda_reminders_send(
            agendas=[
                _agenda(user, day=dt.date(2026, 10, 27)),
                _agenda(UserFactory(), items=[]),
            ]
        )
    assert sent == 0
    assert Notification.objects.count() == 0


@pytest.mark.django_db
def test_agenda_reminder_in_chinese_uses_the_events_zone() -> None:
    user = UserFactory(language="zh-hans", country="CN")
    with time_machine.travel(NOW, tick=False):
        assert agenda_reminders_send(agendas=[_agenda(user, zone="Asia/Shanghai")]) == 1
    reminder = Notification.objects.get()
    assert reminder.subject == "您 2026年10月26日 的日程"
    assert "- 16:00–16:30 CST: Smart cities, Table 4" in reminder.body_text.splitlines()
