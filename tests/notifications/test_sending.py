"""Sending: one e-mail per notification whatever runs twice, retries with backoff, batches."""

import datetime as dt
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from portal.core.models import Notification
from portal.core.notifications import message_id, notification_send, notifications_send_due
from portal.core.notifications.sending import notifications_claim
from portal.core.tasks import send_notification, send_notifications, send_pending_notifications
from tests.factories import UserFactory
from tests.notifications.backends import CountingBackend
from tests.notifications.factories import NotificationFactory

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 10, 20, 9, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_send_task_run_twice_sends_one_email() -> None:
    notification = NotificationFactory()
    send_notification.apply(kwargs={"notification_id": notification.pk})
    send_notification.apply(kwargs={"notification_id": notification.pk})
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.state == Notification.State.SENT
    assert notification.attempts == 1
    assert notification.claimed_at is None


@pytest.mark.django_db
def test_send_task_of_a_deleted_notification_does_nothing() -> None:
    send_notification.apply(kwargs={"notification_id": 987654})
    assert mail.outbox == []


@pytest.mark.django_db
def test_email_has_message_id_text_html_and_ics(settings) -> None:
    settings.DEFAULT_FROM_EMAIL = "Ponte <noreply@ponte.example>"
    notification = NotificationFactory(ics="BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert notification_send(notification_id=notification.pk) is True
    message = mail.outbox[0]
    assert message.extra_headers["Message-ID"] == f"<notification-{notification.pk}@ponte.example>"
    assert message_id(notification.pk) == f"<notification-{notification.pk}@ponte.example>"
    assert message.body == notification.body_text
    assert message.alternatives[0].content == "<p>Body</p>"
    assert message.attachments[0].filename == "meeting.ics"
    assert message.attachments[0].mimetype == "text/calendar; method=PUBLISH"


@pytest.mark.django_db
def test_smtp_error_keeps_it_pending_with_backoff(settings) -> None:
    settings.EMAIL_BACKEND = "tests.notifications.backends.FailingBackend"
    notification = NotificationFactory()
    with time_machine.travel(NOW, tick=False):
        assert notification_send(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert notification.state == Notification.State.PENDING
    assert notification.attempts == 1
    assert notification.next_attempt_at == NOW + dt.timedelta(seconds=30)
    assert notification.last_error == ("SMTPServerDisconnected: Connection unexpectedly closed")


@pytest.mark.django_db
def test_backoff_doubles_and_the_sweep_waits_for_it(settings) -> None:
    settings.EMAIL_BACKEND = "tests.notifications.backends.FailingBackend"
    notification = NotificationFactory()
    with time_machine.travel(NOW, tick=False):
        notification_send(notification_id=notification.pk)
    with time_machine.travel(NOW + dt.timedelta(seconds=29), tick=False):
        assert notifications_claim() == []
    with time_machine.travel(NOW + dt.timedelta(seconds=30), tick=False):
        assert notifications_send_due() == 0
    notification.refresh_from_db()
    assert notification.attempts == 2
    assert notification.next_attempt_at == NOW + dt.timedelta(seconds=90)


@pytest.mark.django_db
def test_last_attempt_marks_it_failed(settings) -> None:
    settings.EMAIL_BACKEND = "tests.notifications.backends.FailingBackend"
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    notification = NotificationFactory(attempts=2)
    notification_send(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.state == Notification.State.FAILED
    assert notification.attempts == 3
    assert notification.next_attempt_at is None
    assert notification.last_error.startswith("SMTPServerDisconnected")


@pytest.mark.django_db
def test_sweep_sends_every_pending_one_over_one_connection(settings) -> None:
    settings.EMAIL_BACKEND = "tests.notifications.backends.CountingBackend"
    CountingBackend.opened = 0
    # One recipient: factories hash a password per user, which is slow on purpose.
    user = UserFactory()
    NotificationFactory.create_batch(120, recipient=user)
    NotificationFactory(recipient=user, state=Notification.State.NOT_EMAILED)
    NotificationFactory(recipient=user, state=Notification.State.SENT)
    assert send_pending_notifications.apply().get() == 120
    assert len(mail.outbox) == 120
    assert CountingBackend.opened == 1
    assert Notification.objects.filter(state=Notification.State.SENT).count() == 121


@pytest.mark.django_db
def test_sweep_takes_over_an_abandoned_claim() -> None:
    # A worker died while sending: its claim is older than the timeout.
    with time_machine.travel(NOW - dt.timedelta(minutes=16), tick=False):
        abandoned = NotificationFactory()
        notifications_claim(ids=[abandoned.pk])
    with time_machine.travel(NOW, tick=False):
        busy = NotificationFactory()
        notifications_claim(ids=[busy.pk])
        assert notifications_send_due() == 1
    assert [m.subject for m in mail.outbox] == [abandoned.subject]
    abandoned.refresh_from_db()
    assert abandoned.state == Notification.State.SENT
    assert abandoned.attempts == 2
    busy.refresh_from_db()
    assert busy.state == Notification.State.SENDING


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_sends_of_one_notification_send_one_email(settings) -> None:
    settings.EMAIL_BACKEND = "tests.notifications.backends.SlowBackend"
    notification = NotificationFactory()
    results: list[bool] = []

    def send() -> None:
        try:
            results.append(notification_send(notification_id=notification.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 5 + [True]
    assert len(mail.outbox) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_sweeps_share_the_rows_without_doubles(settings) -> None:
    settings.EMAIL_BACKEND = "tests.notifications.backends.SlowBackend"
    NotificationFactory.create_batch(8, recipient=UserFactory())
    totals: list[int] = []

    def sweep() -> None:
        try:
            totals.append(notifications_send_due())
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(totals) == 8
    headers = sorted(m.extra_headers["X-Ponte-Notification"] for m in mail.outbox)
    assert len(headers) == 8
    assert len(set(headers)) == 8


@pytest.fixture
def silent_port() -> int:
    """A port that accepts TCP connections and never answers, like a hung Redis."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    yield server.getsockname()[1]
    server.close()


@pytest.mark.parametrize(
    ("broker", "limit"),
    [("redis://127.0.0.1:1/0", 1.5), ("redis://192.0.2.1:6379/0", 1.5), ("silent", 2.0)],
    ids=["closed", "unroutable", "hung"],
)
def test_queueing_with_the_broker_unreachable_gives_up_within_a_second(
    broker: str, limit: float, silent_port: int
) -> None:
    if broker == "silent":
        broker = f"redis://127.0.0.1:{silent_port}/0"
    # A fresh process, so that the broker URL is read from the environment like in production.
    script = (
        "import time, django; django.setup()\n"
        "from portal.core.notifications import enqueue\n"
        "t = time.monotonic(); first = enqueue(1); second = enqueue(2)\n"
        "print(first, second, round(time.monotonic() - t, 3))\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "CELERY_BROKER_URL": broker,
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    first, second, elapsed = result.stdout.split()
    assert (first, second) == ("False", "False")
    # The first call waits for the timeout, the second skips the broker for a while.
    assert float(elapsed) < limit


@pytest.mark.django_db
def test_notification_send_marks_sent_at() -> None:
    notification = NotificationFactory()
    with time_machine.travel(NOW, tick=False):
        notification_send(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.sent_at == NOW
    assert timezone.is_aware(notification.sent_at)


def _notify_approved(user) -> Notification:
    from portal.core.notifications import notify
    from tests.factories import OrganisationFactory

    return notify(
        recipient=user,
        kind=Notification.Kind.ORGANISATION_APPROVED,
        context={"organisation": OrganisationFactory.build(name_en="GGI")},
    )


@pytest.mark.django_db(transaction=True)
def test_one_transaction_queues_its_notifications_in_chunks(monkeypatch) -> None:
    queued: list[list[int]] = []
    monkeypatch.setattr(
        send_notifications, "apply_async", lambda kwargs, retry: queued.append(kwargs["ids"])
    )
    user = UserFactory()
    with transaction.atomic():
        created = [_notify_approved(user).pk for _ in range(120)]
        assert queued == []
    assert queued == [created[:50], created[50:100], created[100:]]


@pytest.mark.django_db(transaction=True)
def test_rolled_back_savepoint_does_not_lose_the_others(monkeypatch) -> None:
    queued: list[list[int]] = []
    monkeypatch.setattr(
        send_notifications, "apply_async", lambda kwargs, retry: queued.append(kwargs["ids"])
    )
    user = UserFactory()
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            _notify_approved(user)
            raise RuntimeError("this part fails")
        kept = _notify_approved(user)
    assert queued == [[kept.pk]]
    with transaction.atomic():
        again = _notify_approved(user)
    assert queued == [[kept.pk], [again.pk]]


@pytest.mark.django_db(transaction=True)
def test_batch_task_sends_each_once_over_one_connection(settings) -> None:
    settings.EMAIL_BACKEND = "tests.notifications.backends.CountingBackend"
    CountingBackend.opened = 0
    user = UserFactory()
    with transaction.atomic():
        ids = [_notify_approved(user).pk for _ in range(3)]
    send_notifications.apply(kwargs={"ids": ids})
    assert len(mail.outbox) == 3
    assert CountingBackend.opened == 1
