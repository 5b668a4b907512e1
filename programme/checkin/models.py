"""A person's arrival at a venue on a day of an edition (programme.models imports it)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckIn(models.Model):
    """One person at one venue on one day: the database keeps it to one row.

    `client_id` is drawn by the page that scanned the badge, so a scan replayed after the
    phone was offline (or sent twice) finds the row it already made.
    """

    registration = models.ForeignKey(
        "programme.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="check_ins",
    )
    venue = models.ForeignKey(
        "programme.Venue",
        verbose_name=_("venue"),
        on_delete=models.PROTECT,
        related_name="check_ins",
    )
    day = models.DateField(_("day"))
    checked_in_at = models.DateTimeField(_("checked in at"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    client_id = models.UUIDField(_("scan id"), unique=True, editable=False)

    class Meta:
        ordering = ["day", "venue", "checked_in_at"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "venue", "day"], name="checkin_once_per_venue_and_day"
            ),
        ]
        # The counts and the export read a venue's day.
        indexes = [models.Index(fields=["venue", "day"], name="checkin_venue_day")]

    def __str__(self) -> str:
        return f"{self.registration.person} – {self.venue} – {self.day}"
