"""`notify_many`: the rows `notify` would store, for many recipients in a few queries."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import transaction

from portal.core.models import Notification, NotificationPreference
from portal.core.notifications import Item, notify, notify_many
from portal.core.tasks import send_notifications
from tests.factories import UserFactory

EDITION = SimpleNamespace(
    title="China–Italy Week", start_date=dt.date(2026, 10, 26), end_date=dt.date(2026, 10, 28)
)
KIND = Notification.Kind.SCHEDULE_PUBLISHED
FIRST = dt.datetime(2026, 10, 26, 8, 30, tzinfo=dt.UTC)


def item(user, n: int = 1) -> Item:
    context = {"edition": EDITION, "zone": "Europe/Rome", "meetings": n, "first_meeting_at": FIRST}
    return Item(recipient=user, context=context, link="/en/b2b/2026/agenda/", key=f"k:{user.pk}")


FIELDS = ("recipient_id", "kind", "language", "subject", "body_text", "body_html", "link", "state")


def fields(notification: Notification) -> tuple:
    return tuple(getattr(notification, name) for name in FIELDS)


@pytest.mark.django_db
def test_the_rows_are_those_notify_stores() -> None:
    people = [
        UserFactory(language="it", country="IT"),
        UserFactory(language="zh-hans", country="CN"),
        UserFactory(language="en", country="CN"),
    ]
    with transaction.atomic():
        singles = [fields(notify(kind=KIND, **vars(item(p)) | {"key": None})) for p in people]
        transaction.set_rollback(True)

    assert notify_many(kind=KIND, items=[item(p) for p in people]) == 3

    stored = Notification.objects.filter(key__startswith="k:").order_by("recipient_id")
    assert [fields(n) for n in stored] == singles
    assert stored[0].subject == "Il calendario B2B della China–Italy Week è pubblicato"
    # The Chinese resident reads the Italian event's time in both zones.
    assert "CST" in stored[2].body_text and "CET" in stored[2].body_text


@pytest.mark.django_db
def test_preferences_decide_the_delivery() -> None:
    email, digest, inbox = UserFactory(), UserFactory(), UserFactory()
    for user, delivery in ((digest, "digest"), (inbox, "inbox")):
        NotificationPreference.objects.create(user=user, kind=KIND, delivery=delivery)

    notify_many(kind=KIND, items=[item(email), item(digest), item(inbox)])

    states = dict(Notification.objects.values_list("recipient_id", "state"))
    assert states == {email.pk: "pending", digest.pk: "digest", inbox.pk: "not_emailed"}


@pytest.mark.django_db
def test_a_second_call_adds_nothing(django_assert_num_queries) -> None:
    people = [UserFactory() for _ in range(4)]
    assert notify_many(kind=KIND, items=[item(p) for p in people[:2]]) == 2

    # One query finds the two existing keys; the two new ones cost three more queries.
    with django_assert_num_queries(4):
        assert notify_many(kind=KIND, items=[item(p, n=2) for p in people]) == 2
    with django_assert_num_queries(1):
        assert notify_many(kind=KIND, items=[item(p, n=3) for p in people]) == 0

    assert Notification.objects.count() == 4
    # A key stores one notification: the first text stays, whatever comes later.
    bodies = dict(Notification.objects.values_list("recipient_id", "body_text"))
    assert "You have 1 meeting." in bodies[people[0].pk].splitlines()
    assert "You have 2 meetings." in bodies[people[3].pk].splitlines()


@pytest.mark.django_db(transaction=True)
def test_queued_after_commit_in_chunks_and_never_on_rollback(monkeypatch) -> None:
    queued: list[list[int]] = []
    monkeypatch.setattr(
        send_notifications, "apply_async", lambda kwargs, retry: queued.append(kwargs["ids"])
    )
    people = [UserFactory() for _ in range(60)]
    with transaction.atomic():
        notify_many(kind=KIND, items=[item(p) for p in people[:5]])
        transaction.set_rollback(True)
    assert (queued, Notification.objects.count()) == ([], 0)

    with transaction.atomic():
        notify_many(kind=KIND, items=[item(p) for p in people])
        assert queued == []
    ids = sorted(Notification.objects.values_list("pk", flat=True))
    assert [len(chunk) for chunk in queued] == [50, 10]
    assert sorted(pk for chunk in queued for pk in chunk) == ids
