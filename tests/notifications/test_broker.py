"""Against a real Redis, a real worker and a real SMTP server: nothing lost, nothing doubled.

These tests start their own redis-server (port 6390), so that stopping it does not disturb
anything else, an SMTP sink, and Celery workers as subprocesses sharing the test database.
"""

import os
import time
from collections import Counter

import pytest
from django.db import connection
from django.urls import reverse

from portal.celery import app
from portal.core.models import Notification
from portal.core.tasks import send_notification
from tests.factories import UserFactory
from tests.notifications.factories import NotificationFactory
from tests.notifications.services import RedisServer, SmtpSink, Worker, use_broker, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

REDIS_PORT = 6390
SMTP_PORT = 2590


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(REDIS_PORT, tmp_path)
    server.start()
    previous = os.environ.get("CELERY_BROKER_URL", "")
    use_broker(server.url)
    yield server
    server.stop()
    use_broker(previous)


@pytest.fixture
def smtp_sink(tmp_path):
    sink = SmtpSink(SMTP_PORT, tmp_path)
    yield sink
    sink.stop()


@pytest.fixture
def start_worker(transactional_db, redis_server, smtp_sink, tmp_path):
    workers: list[Worker] = []

    def start(**options) -> Worker:
        worker = Worker(
            broker=redis_server.url,
            database=connection.settings_dict["NAME"],
            smtp_port=smtp_sink.port,
            folder=tmp_path,
            **options,
        )
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def test_redis_down_views_answer_and_every_email_goes_once_when_it_is_back(
    client, redis_server, smtp_sink, start_worker
) -> None:
    staff = UserFactory(is_staff=True)
    recipients = UserFactory.create_batch(4)
    notifications = [
        NotificationFactory(recipient=recipients[i % 4], state=Notification.State.FAILED)
        for i in range(100)
    ]
    start_worker(beat=True, extra_env={"PONTE_WORKER_SWEEP_EVERY": "5"})
    client.force_login(staff)

    assert app.connection_for_write().port == REDIS_PORT
    redis_server.stop()
    slowest = 0.0
    for notification in notifications:
        started = time.monotonic()
        response = client.post(reverse("notifications:retry", args=[notification.pk]))
        slowest = max(slowest, time.monotonic() - started)
        assert response.status_code == 302
    assert slowest < 5
    # Every change is saved, none sent while the broker is away.
    assert Notification.objects.filter(state=Notification.State.PENDING).count() == 100
    assert smtp_sink.received() == Counter()

    redis_server.start()
    expected = Counter({n.pk: 1 for n in notifications})
    assert wait_for(lambda: smtp_sink.received() == expected, timeout=60, interval=0.5), (
        smtp_sink.received()
    )
    time.sleep(6)  # one more sweep: still nothing twice
    assert smtp_sink.received() == expected
    assert Notification.objects.filter(state=Notification.State.SENT).count() == 100


def test_worker_killed_while_sending_the_email_still_goes_once(
    redis_server, smtp_sink, start_worker
) -> None:
    notification = NotificationFactory()
    smtp_sink.stall.touch()
    first = start_worker(extra_env={"PONTE_WORKER_CLAIM_TIMEOUT": "3"})
    send_notification.apply_async(kwargs={"notification_id": notification.pk})
    # The worker is in the middle of the SMTP conversation when it dies.
    assert wait_for(lambda: smtp_sink.stall.with_suffix(".reached").exists(), timeout=30)
    notification.refresh_from_db()
    assert notification.state == Notification.State.SENDING
    first.kill()
    smtp_sink.stall.unlink()
    assert smtp_sink.received() == Counter()

    start_worker(beat=True, extra_env={"PONTE_WORKER_CLAIM_TIMEOUT": "3",
                                       "PONTE_WORKER_SWEEP_EVERY": "2"})  # fmt: skip
    assert wait_for(lambda: smtp_sink.received() == {notification.pk: 1}, timeout=60)
    time.sleep(5)  # later sweeps and a redelivered task must not send it again
    assert smtp_sink.received() == {notification.pk: 1}
    notification.refresh_from_db()
    assert notification.state == Notification.State.SENT
    assert notification.attempts == 2


def test_same_task_delivered_twice_to_a_worker_sends_one_email(
    redis_server, smtp_sink, start_worker
) -> None:
    notification = NotificationFactory()
    for _ in range(5):
        send_notification.apply_async(kwargs={"notification_id": notification.pk})
    start_worker(concurrency=4)
    assert wait_for(lambda: smtp_sink.received() == {notification.pk: 1}, timeout=30)
    time.sleep(2)
    assert smtp_sink.received() == {notification.pk: 1}
