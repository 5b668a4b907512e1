"""Notifications: stored with the change that caused them, e-mailed after commit."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet["Notification"]):
    def in_inbox(self) -> "NotificationQuerySet":
        # A digest only repeats notifications already in the inbox: it is e-mail only.
        return self.exclude(kind=Notification.Kind.DIGEST)

    def unread(self) -> "NotificationQuerySet":
        return self.in_inbox().filter(read_at__isnull=True)


class Notification(models.Model):
    """One message to one person; e-mailed at most once, also shown in the site's inbox."""

    class Kind(models.TextChoices):
        ORGANISATION_APPROVED = "organisation_approved", _("Organisation approved")
        ORGANISATION_REJECTED = "organisation_rejected", _("Organisation rejected")
        ORGANISATION_CHANGE_APPROVED = (
            "organisation_change_approved",
            _("Change to an organisation approved"),
        )
        ORGANISATION_CHANGE_REJECTED = (
            "organisation_change_rejected",
            _("Change to an organisation not approved"),
        )
        JOIN_REQUEST = "join_request", _("Request to join your organisation")
        REGISTRATION_CONFIRMED = "registration_confirmed", _("Registration confirmed")
        REGISTRATION_INVITATION = "registration_invitation", _("Invitation to register")
        MEETING_REQUESTED = "meeting_requested", _("Meeting requested")
        MEETING_ACCEPTED = "meeting_accepted", _("Meeting accepted")
        MEETING_DECLINED = "meeting_declined", _("Meeting declined")
        MEETING_EXPIRED = "meeting_expired", _("Meeting request expired")
        MEETING_MOVED = "meeting_moved", _("Meeting moved")
        MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancelled")
        SCHEDULE_PUBLISHED = "schedule_published", _("Schedule published")
        SCHEDULE_CHANGED = "schedule_changed", _("B2B agenda changed")
        AGENDA_REMINDER = "agenda_reminder", _("Agenda reminder")
        AGREEMENT_RECORDED = "agreement_recorded", _("Agreement recorded")
        DIGEST = "digest", _("Daily digest")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        # Claimed by a worker; a claim older than NOTIFICATION_CLAIM_TIMEOUT is taken over.
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        NOT_EMAILED = "not_emailed", _("Inbox only")
        DIGEST = "digest", _("Waiting for the daily digest")
        DIGESTED = "digested", _("Sent in a daily digest")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # A caller-chosen key makes creation idempotent (a reminder for a person and a day).
    key = models.CharField(_("key"), max_length=200, unique=True, null=True, blank=True)
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    ics = models.TextField(_("calendar attachment"), blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    # Backoff after a failed attempt: the sweep leaves the row alone until then.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    digest = models.ForeignKey(
        "self",
        verbose_name=_("daily digest"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="digested",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["state", "created_at"]),
            models.Index(fields=["recipient", "read_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"


class NotificationPreference(models.Model):
    """How one person wants one kind of notification; no row means e-mail at once."""

    class Delivery(models.TextChoices):
        EMAIL = "email", _("E-mail at once")
        DIGEST = "digest", _("Daily digest e-mail")
        INBOX = "inbox", _("Only in the inbox on Ponte")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Notification.Kind.choices)
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.EMAIL
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.kind}: {self.delivery}"
