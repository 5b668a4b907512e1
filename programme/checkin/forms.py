"""The check-in page's input: where and when (venue, day), and one scan."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core import l10n
from programme.models import Edition, Venue


class PlaceForm(forms.Form):
    """The door: a venue of the edition and one of its days."""

    venue = forms.ModelChoiceField(
        label=_("Venue"),
        queryset=Venue.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("This venue is not one of this edition's venues.")},
    )
    day = forms.DateField(label=_("Day"))

    def __init__(self, *args, edition: Edition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["venue"].queryset = Venue.objects.filter(edition=edition).select_related("city")
        self.fields["day"].widget = forms.Select(
            choices=[(day.isoformat(), l10n.date(day, "full")) for day in edition.days]
        )

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day not in self.edition.days:
            raise forms.ValidationError(
                _("This day is not one of this edition's days."), code="day"
            )
        return day


class ScanForm(PlaceForm):
    """One scan: the QR code's token, a typed badge code, or a person chosen by name."""

    client_id = forms.UUIDField()
    token = forms.CharField(max_length=200, required=False)
    code = forms.CharField(max_length=20, required=False)
    registration = forms.IntegerField(min_value=1, required=False)
    # When the phone scanned it: a scan sent late (offline) keeps its own time.
    scanned_at = forms.DateTimeField(required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("token") or data.get("code") or data.get("registration")):
            raise forms.ValidationError(
                _("Scan a badge, type its code or choose a person."), code="empty"
            )
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)
