"""Retention: what is purged or expired, what is kept, and the run staff see."""

import datetime as dt

from allauth.account.models import EmailAddress
from django.utils import timezone

from portal.core.models import (
    DataRequest,
    Invitation,
    JoinRequest,
    Notification,
    RetentionRun,
    User,
)
from portal.core.services import export
from portal.core.services.retention import retention_run
from portal.core.tasks import apply_retention
from tests.core.factories import InvitationFactory, JoinRequestFactory
from tests.factories import MembershipFactory, UserFactory


def _aged(model, obj, field: str, days: int) -> None:
    model.objects.filter(pk=obj.pk).update(**{field: timezone.now() - dt.timedelta(days=days)})


def test_retention_purges_expires_deletes_and_records(
    client, world, django_capture_on_commit_callbacks
) -> None:
    stale = UserFactory(email="never@example.org")
    _aged(User, stale, "date_joined", 31)
    EmailAddress.objects.create(user=stale, email=stale.email, verified=False)
    recent = UserFactory(email="recent@example.org")
    _aged(User, recent, "date_joined", 29)
    verified = UserFactory(email="verified@example.org")
    _aged(User, verified, "date_joined", 40)
    EmailAddress.objects.create(user=verified, email=verified.email, verified=True)
    member = UserFactory(email="member@example.org")
    _aged(User, member, "date_joined", 40)
    MembershipFactory(user=member)
    old_invitation, new_invitation = InvitationFactory(), InvitationFactory()
    _aged(Invitation, old_invitation, "created_at", 8)
    old_join, new_join = JoinRequestFactory(), JoinRequestFactory()
    _aged(JoinRequest, old_join, "created_at", 91)
    person = world.li.registration.person
    old_note = Notification.objects.create(
        recipient=person, kind="digest", language="en", subject="Old", body_text="Old"
    )
    _aged(Notification, old_note, "created_at", 366)
    Notification.objects.create(
        recipient=person, kind="digest", language="en", subject="New", body_text="New"
    )
    archive = export.export_request(user=person)
    archive = export.export_build(request_id=archive.pk)
    name = archive.archive.name
    DataRequest.objects.filter(pk=archive.pk).update(expires_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        apply_retention.delay()

    assert set(
        User.objects.filter(
            email__in=[
                "never@example.org",
                "recent@example.org",
                "verified@example.org",
                "member@example.org",
            ]
        ).values_list("email", flat=True)
    ) == {"recent@example.org", "verified@example.org", "member@example.org"}
    statuses = dict(Invitation.objects.values_list("pk", "status"))
    assert (statuses[old_invitation.pk], statuses[new_invitation.pk]) == ("expired", "pending")
    statuses = dict(JoinRequest.objects.values_list("pk", "status"))
    assert (statuses[old_join.pk], statuses[new_join.pk]) == ("expired", "pending")
    assert list(Notification.objects.values_list("subject", flat=True)) == ["New"]
    assert DataRequest.objects.get(pk=archive.pk).archive.name == ""
    assert not archive.archive.storage.exists(name)
    run = RetentionRun.objects.get()
    assert (
        run.accounts_purged,
        run.invitations_expired,
        run.join_requests_expired,
        run.notifications_deleted,
        run.archives_deleted,
    ) == (1, 1, 1, 1, 1)

    # Twice: nothing more to do, and the second run says so.
    second = retention_run()
    assert (second.accounts_purged, second.invitations_expired, second.notifications_deleted) == (
        0,
        0,
        0,
    )
    client.force_login(world.staff)
    page = client.get("/en/staff/personal-data/").content.decode()
    assert page.count("<td>1</td>") >= 5


def test_the_beat_schedule_runs_retention(settings) -> None:
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "portal.tasks.apply_retention" in tasks


def test_the_staff_page_reads_the_same_number_of_queries_for_one_or_many_rows(
    client, world, django_assert_max_num_queries
) -> None:
    from portal.core.services.erasure import account_erase

    client.force_login(world.staff)
    account_erase(user=world.anna.registration.person)
    retention_run()
    with django_assert_max_num_queries(20) as one:
        client.get("/en/staff/personal-data/")
    account_erase(user=world.li.registration.person)
    account_erase(user=world.admin_a)
    for _ in range(3):
        retention_run()
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get("/en/staff/personal-data/")
    assert response.content.decode().count("Erasure of the account") == 3
