"""What the programme must be able to prove about personal data: the requests people made to
take or erase theirs, and what each retention run deleted."""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.storage import PrivateStorage


def subject_reference(user_id: int) -> str:
    """An opaque reference to a person that stays after their account is erased: the same
    person always gets the same reference, yet it names nobody."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"person:{user_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:16]


def archive_path(instance: "DataRequest", filename: str) -> str:
    # Never guessable from the person: the archive's name is random, its owner is checked.
    return f"personal-data/{filename}"


class DataRequest(models.Model):
    """A person's request to download or erase their data: dates only, never the content."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Download of personal data")
        ERASURE = "erasure", _("Erasure of the account")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # Null once the account is gone (a purged unverified account); `subject` still tells
    # requests of one person apart.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="data_requests",
    )
    subject = models.CharField(_("person (reference)"), max_length=16)
    # Who asked: the person, or staff acting on a request received by other means.
    by_staff = models.BooleanField(_("made by staff"), default=False)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    # Private: the archive is only handed out by a view that checks its owner and expiry.
    archive = models.FileField(
        _("archive"), upload_to=archive_path, storage=PrivateStorage(), blank=True
    )
    expires_at = models.DateTimeField(_("download expires"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        constraints = [
            # "Requested twice while pending: one archive", kept by the database.
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=models.Q(completed_at__isnull=True, kind="export"),
                name="data_request_one_pending_export",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject} {self.requested_at:%Y-%m-%d}"


class RetentionRun(models.Model):
    """One run of the retention task and what it removed, for staff to see."""

    ran_at = models.DateTimeField(_("ran"), auto_now_add=True)
    accounts_purged = models.PositiveIntegerField(_("unverified accounts deleted"), default=0)
    invitations_expired = models.PositiveIntegerField(_("invitations expired"), default=0)
    join_requests_expired = models.PositiveIntegerField(_("join requests expired"), default=0)
    notifications_deleted = models.PositiveIntegerField(_("notifications deleted"), default=0)
    archives_deleted = models.PositiveIntegerField(_("expired archives deleted"), default=0)

    class Meta:
        ordering = ["-ran_at", "-pk"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M}"
