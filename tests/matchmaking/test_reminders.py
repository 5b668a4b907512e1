"""The day before their meetings, participants get that day's agenda, once."""

import datetime as dt

import pytest
from django.core import mail

from matchmaking import services
from portal.core.models import Notification
from tests.matchmaking.factories import scheduled_meeting


@pytest.mark.django_db
def test_agenda_reminder_goes_the_day_before_once(django_capture_on_commit_callbacks) -> None:
    meeting = scheduled_meeting()
    starts = meeting.slot.starts_at
    # The evening before, in the edition's zone (Europe/Rome for the factory's edition).
    evening_before = starts - dt.timedelta(hours=14)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.agenda_reminders(now=evening_before) == 2
        assert services.agenda_reminders(now=evening_before) == 0  # an hour later: none new
    reminders = Notification.objects.filter(kind="agenda_reminder")
    people = {seat.participant.registration.person for seat in meeting.seats.all()}
    assert {n.recipient for n in reminders} == people
    assert reminders.count() == 2
    assert len(mail.outbox) == 2
    assert "BEGIN:VEVENT" in reminders.first().ics
    assert f"UID:b2b-meeting-{meeting.pk}@ponte" in reminders.first().ics


@pytest.mark.django_db
def test_no_reminder_two_days_before() -> None:
    meeting = scheduled_meeting()
    assert services.agenda_reminders(now=meeting.slot.starts_at - dt.timedelta(days=2)) == 0
    assert Notification.objects.filter(kind="agenda_reminder").count() == 0
