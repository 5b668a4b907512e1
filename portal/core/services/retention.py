"""Retention: what Ponte stops keeping after a while, run daily by the beat schedule.

Unverified accounts are deleted after 30 days, pending invitations expire when their link
does, pending join requests after 90 days, notifications after a year, and archives whose
download link expired lose their file. Each run is recorded (RetentionRun) for staff.
"""

import datetime as dt

from allauth.account.models import EmailAddress
from django.apps import apps
from django.db import transaction
from django.utils import timezone

from portal.core.models import (
    DataRequest,
    Invitation,
    JoinRequest,
    Notification,
    RetentionRun,
    User,
)
from portal.core.services.memberships import INVITATION_MAX_AGE

UNVERIFIED_ACCOUNT_DAYS = 30
JOIN_REQUEST_DAYS = 90
NOTIFICATION_DAYS = 365

# Rows that go with an unverified account: only the account's own. A user any other row
# points to (a registration, a membership, a record someone made) is never purged here.
DISPOSABLE = {"account.EmailAddress", "portal.Notification", "portal.NotificationPreference",
              "portal.DataRequest"}  # fmt: skip


def _unverified_accounts(now: dt.datetime):
    candidates = User.objects.filter(
        date_joined__lt=now - dt.timedelta(days=UNVERIFIED_ACCOUNT_DAYS),
        last_login__isnull=True,
        erased_at__isnull=True,
        is_staff=False,
        is_superuser=False,
    ).exclude(
        pk__in=EmailAddress.objects.filter(verified=True).values("user_id"),
    )
    for model in apps.get_models():
        if model._meta.label in DISPOSABLE:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User:
                referenced = model._default_manager.filter(**{f"{field.name}__isnull": False})
                candidates = candidates.exclude(pk__in=referenced.values(field.attname))
    return candidates


def retention_run(*, now: dt.datetime | None = None) -> RetentionRun:
    """Apply the retention rules once; safe to run twice (the second run finds less or
    nothing). Side effects: rows deleted or expired, archive files deleted, a RetentionRun."""
    now = now or timezone.now()
    with transaction.atomic():
        purged = list(_unverified_accounts(now).values_list("pk", flat=True))
        User.objects.filter(pk__in=purged).delete()
        invitations = Invitation.objects.filter(
            status=Invitation.Status.PENDING,
            created_at__lt=now - dt.timedelta(seconds=INVITATION_MAX_AGE),
        ).update(status=Invitation.Status.EXPIRED)
        join_requests = JoinRequest.objects.filter(
            status=JoinRequest.Status.PENDING,
            created_at__lt=now - dt.timedelta(days=JOIN_REQUEST_DAYS),
        ).update(status=JoinRequest.Status.EXPIRED, decided_at=now)
        notifications, _by_model = Notification.objects.filter(
            created_at__lt=now - dt.timedelta(days=NOTIFICATION_DAYS)
        ).delete()
        expired = DataRequest.objects.filter(
            kind=DataRequest.Kind.EXPORT, expires_at__lt=now
        ).exclude(archive="")
        files = list(expired.values_list("archive", flat=True))
        expired.update(archive="")
        run = RetentionRun.objects.create(
            accounts_purged=len(purged),
            invitations_expired=invitations,
            join_requests_expired=join_requests,
            notifications_deleted=notifications,
            archives_deleted=len(files),
        )
        # The files after commit: a rolled-back run leaves the archives it meant to remove.
        storage = DataRequest._meta.get_field("archive").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in files])
    return run
