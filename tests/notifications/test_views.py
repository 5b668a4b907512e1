"""The inbox, the preferences page, the header bell and the staff page of notifications."""

import pytest
from django.core import mail
from django.urls import reverse

from portal.core.models import Notification, NotificationPreference
from tests.factories import UserFactory
from tests.notifications.factories import NotificationFactory


@pytest.fixture(autouse=True)
def _bell(bell) -> None:
    pass


@pytest.fixture
def person():
    return UserFactory(email="anna@example.org", full_name="Anna Facchinetti")


@pytest.fixture
def staff():
    return UserFactory(email="staff@example.org", is_staff=True)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 30])
def test_inbox_lists_notifications_in_constant_queries(
    client, person, rows, django_assert_num_queries
) -> None:
    NotificationFactory.create_batch(rows, recipient=person, state=Notification.State.SENT)
    NotificationFactory(recipient=person, kind=Notification.Kind.DIGEST)
    client.force_login(person)
    # user, count for the paginator, the page, unread count for the bell (the session is
    # read from the cache)
    with django_assert_num_queries(4):
        response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(rows, 20)
    assert response.context["page"].paginator.count == rows
    assert f'<span class="bell-count">{rows}<span' in response.text


@pytest.mark.django_db
def test_inbox_shows_only_own_notifications(client, person) -> None:
    NotificationFactory(recipient=person, subject="Mine")
    NotificationFactory(subject="Someone else's")
    client.force_login(person)
    response = client.get(reverse("notifications:inbox"))
    assert [n.subject for n in response.context["page"].object_list] == ["Mine"]


@pytest.mark.django_db
def test_bell_shows_unread_count_in_header(client, person) -> None:
    NotificationFactory.create_batch(3, recipient=person)
    NotificationFactory(recipient=person, read_at="2026-10-01T10:00:00Z")
    client.force_login(person)
    response = client.get(reverse("home"))
    assert '<span class="bell-count">3<span class="visually-hidden"> unread</span></span>' in (
        response.text
    )


@pytest.mark.django_db
def test_bell_has_no_count_when_all_read(client, person) -> None:
    NotificationFactory(recipient=person, read_at="2026-10-01T10:00:00Z")
    client.force_login(person)
    response = client.get(reverse("home"))
    assert "bell-count" not in response.text
    assert reverse("notifications:inbox") in response.text


@pytest.mark.django_db
def test_mark_read_sets_read_at_and_returns_to_inbox(client, person) -> None:
    notification = NotificationFactory(recipient=person)
    client.force_login(person)
    response = client.post(reverse("notifications:read", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("notifications:inbox")
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.django_db
def test_open_marks_read_and_follows_the_link(client, person) -> None:
    notification = NotificationFactory(recipient=person, link="http://127.0.0.1:8000/en/week/")
    client.force_login(person)
    response = client.post(reverse("notifications:read", args=[notification.pk]), {"open": "1"})
    assert response["Location"] == "http://127.0.0.1:8000/en/week/"


@pytest.mark.django_db
def test_mark_read_ignores_a_foreign_next(client, person) -> None:
    notification = NotificationFactory(recipient=person)
    client.force_login(person)
    response = client.post(
        reverse("notifications:read", args=[notification.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("notifications:inbox")


@pytest.mark.django_db
def test_mark_read_of_someone_elses_notification_is_404(client, person) -> None:
    other = NotificationFactory()
    client.force_login(person)
    response = client.post(reverse("notifications:read", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


@pytest.mark.django_db
def test_mark_read_needs_post(client, person) -> None:
    notification = NotificationFactory(recipient=person)
    client.force_login(person)
    assert client.get(reverse("notifications:read", args=[notification.pk])).status_code == 405


@pytest.mark.django_db
def test_mark_all_read_marks_only_own_unread(client, person) -> None:
    NotificationFactory.create_batch(2, recipient=person)
    other = NotificationFactory()
    client.force_login(person)
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert Notification.objects.filter(recipient=person, read_at__isnull=True).count() == 0
    other.refresh_from_db()
    assert other.read_at is None
    assert "All notifications are marked as read." in response.text


@pytest.mark.django_db
def test_preferences_are_saved_and_followed(client, person) -> None:
    client.force_login(person)
    data = {kind: "email" for kind in Notification.Kind.values if kind != "digest"}
    data["meeting_requested"] = "digest"
    data["agreement_recorded"] = "inbox"
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 302
    assert dict(
        NotificationPreference.objects.filter(user=person)
        .exclude(delivery="email")
        .values_list("kind", "delivery")
    ) == {"meeting_requested": "digest", "agreement_recorded": "inbox"}
    page = client.get(reverse("notifications:preferences"))
    assert page.context["form"]["agreement_recorded"].value() == "inbox"


@pytest.mark.django_db
def test_preferences_reject_an_unknown_delivery(client, person) -> None:
    client.force_login(person)
    data = {kind: "email" for kind in Notification.Kind.values if kind != "digest"}
    data["join_request"] = "pigeon"
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 200
    assert "Select a valid choice." in response.text
    assert NotificationPreference.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 30])
def test_staff_page_lists_by_state_in_constant_queries(
    client, staff, rows, django_assert_num_queries
) -> None:
    recipient = UserFactory()
    NotificationFactory.create_batch(rows, recipient=recipient, state=Notification.State.FAILED)
    client.force_login(staff)
    # user, totals by state, count, page with recipients, the bell (the session is read
    # from the cache)
    with django_assert_num_queries(5):
        response = client.get(reverse("notifications:staff"), {"state": "failed"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == rows
    assert {state.value: total for state, total in response.context["states"]}["failed"] == rows


@pytest.mark.django_db
def test_staff_filter_rejects_unknown_state_without_500(client, staff) -> None:
    client.force_login(staff)
    response = client.get(reverse("notifications:staff"), {"state": "lost"})
    assert response.status_code == 200
    assert "Select a valid choice." in response.text


@pytest.mark.django_db
def test_staff_retry_sends_a_failed_notification_again(
    client, staff, django_capture_on_commit_callbacks
) -> None:
    notification = NotificationFactory(
        state=Notification.State.FAILED, attempts=6, last_error="SMTPServerDisconnected"
    )
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:retry", args=[notification.pk]))
    assert response.status_code == 302
    notification.refresh_from_db()
    # Tasks run in-process in these tests: queued after commit, sent at once.
    assert notification.state == Notification.State.SENT
    assert notification.attempts == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_staff_retry_refuses_a_sent_notification(client, staff) -> None:
    notification = NotificationFactory(state=Notification.State.SENT)
    client.force_login(staff)
    response = client.post(reverse("notifications:retry", args=[notification.pk]), follow=True)
    assert "Only failed or pending notifications can be sent again." in response.text
    notification.refresh_from_db()
    assert notification.state == Notification.State.SENT
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_bell_count_is_kept_until_a_notification_changes(client, person) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.core.notifications.inbox import notification_mark_read

    first, *_others = NotificationFactory.create_batch(3, recipient=person)
    client.force_login(person)
    assert '<span class="bell-count">3<span' in client.get(reverse("home")).text
    with CaptureQueriesContext(connection) as queries:
        assert '<span class="bell-count">3<span' in client.get(reverse("home")).text
    assert not [q for q in queries if "portal_notification" in q["sql"]]
    NotificationFactory(recipient=person)
    assert '<span class="bell-count">4<span' in client.get(reverse("home")).text
    notification_mark_read(user=person, notification=first)
    assert '<span class="bell-count">3<span' in client.get(reverse("home")).text
    client.post(reverse("notifications:read_all"))
    assert "bell-count" not in client.get(reverse("home")).text


@pytest.mark.django_db
def test_one_person_s_count_is_never_another_s(client, person) -> None:
    NotificationFactory.create_batch(2, recipient=person)
    other = UserFactory()
    client.force_login(person)
    assert '<span class="bell-count">2<span' in client.get(reverse("home")).text
    client.force_login(other)
    assert "bell-count" not in client.get(reverse("home")).text
