"""Staff forms of the admin: an edition's dates and its sessions, entered in its own zone."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.versions import AdminVersionedModelForm
from programme.models import Edition, ProgrammeSession


class EditionAdminForm(AdminVersionedModelForm):
    """Dates checked; a save against a newer version of the edition is refused."""

    class Meta:
        model = Edition
        fields = "__all__"

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot come before the first day."))
        opens, closes = cleaned.get("registration_opens"), cleaned.get("registration_closes")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes", _("Registration must close after it opens."))
        if bool(opens) != bool(closes):
            self.add_error(
                "registration_closes",
                _("Give both ends of the registration window, or neither."),
            )
        return cleaned


def _as_wall_clock(value: dt.datetime) -> dt.datetime:
    # The admin widget made the value aware in the site's zone; keep only the clock reading.
    return timezone.localtime(value).replace(tzinfo=None)


class ProgrammeSessionAdminForm(forms.ModelForm):
    """Start and end are typed in the edition's zone, whatever the site's zone is."""

    class Meta:
        model = ProgrammeSession
        fields = "__all__"  # noqa: DJ007 - the ModelAdmin chooses the fields shown
        help_texts = {
            "start": _("In the edition's time zone."),
            "end": _("In the edition's time zone."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            zone = self.instance.edition.zone
            for name in ("start", "end"):
                moment = getattr(self.instance, name)
                self.initial[name] = timezone.localtime(moment, zone).replace(tzinfo=None)

    def clean(self) -> dict:
        cleaned = super().clean()
        edition: Edition | None = cleaned.get("edition")
        start, end = cleaned.get("start"), cleaned.get("end")
        if edition is None or start is None or end is None:
            return cleaned
        zone = edition.zone
        start = cleaned["start"] = timezone.make_aware(_as_wall_clock(start), zone)
        end = cleaned["end"] = timezone.make_aware(_as_wall_clock(end), zone)
        if end <= start:
            self.add_error("end", _("The session must end after it starts."))
            return cleaned
        if edition.start_date and edition.end_date:
            first = timezone.localtime(start, zone).date()
            last = timezone.localtime(end, zone).date()
            if first < edition.start_date or last > edition.end_date:
                self.add_error(
                    "start",
                    _("The session must take place within the edition's dates (%(dates)s).")
                    % {"dates": f"{edition.start_date:%Y-%m-%d} – {edition.end_date:%Y-%m-%d}"},
                )
        venue = cleaned.get("venue")
        if venue is not None:
            if venue.edition_id != edition.pk:
                self.add_error("venue", _("Choose a venue of this edition."))
                return cleaned
            clash = (
                ProgrammeSession.objects.filter(venue=venue, start__lt=end, end__gt=start)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if clash is not None:
                self.add_error(
                    "start",
                    _("This overlaps “%(title)s” at the same venue.") % {"title": clash.title},
                )
        return cleaned
