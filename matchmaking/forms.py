"""Forms of B2B matchmaking: every input is validated here, errors in the user's language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from matchmaking.models import Participant, Seat, Session, Slot, Table
from portal.core.filters import SEARCH_MAX_LENGTH
from portal.core.templatetags.ponte import time_in_zone


class GridSearchForm(forms.Form):
    """The grid's search: meetings of a participant or organisation, matched in Python."""

    who = forms.CharField(
        label=_("Participant or organisation"), max_length=SEARCH_MAX_LENGTH, required=False
    )


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say what you would like to discuss."),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OnBehalfForm(RequestForm):
    """Staff create a request for a participant, naming both sides by e-mail address.

    E-mail fields rather than lists: an edition may have 15,000 participants.
    """

    requester = forms.EmailField(label=_("On behalf of (e-mail address)"))
    recipient = forms.EmailField(label=_("With (e-mail address)"))
    field_order = ["requester", "recipient", "message"]

    def __init__(self, *args, participants=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.participants = participants

    def _participant(self, field: str) -> Participant:
        found = (
            self.participants.select_related("registration__person")
            .filter(registration__person__email__iexact=self.cleaned_data[field])
            .first()
        )
        if found is None:
            raise forms.ValidationError(_("No participant of this edition has this address."))
        return found

    def clean_requester(self) -> Participant:
        return self._participant("requester")

    def clean_recipient(self) -> Participant:
        return self._participant("recipient")


class MoveForm(forms.Form):
    """Another slot and table of the meeting's own session (tables are numbered per day)."""

    slot = forms.ModelChoiceField(label=_("Slot"), queryset=Slot.objects.none())
    table = forms.ModelChoiceField(label=_("Table"), queryset=Table.objects.none())

    def __init__(self, *args, session=None, zone: str = "UTC", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = Slot.objects.filter(session=session).order_by("starts_at")
        self.fields["slot"].label_from_instance = lambda slot: time_in_zone(slot.starts_at, zone)
        self.fields["table"].queryset = Table.objects.filter(session=session).order_by("number")


class RunForm(forms.Form):
    session = forms.ModelChoiceField(
        label=_("Session"),
        queryset=Session.objects.none(),
        required=False,
        empty_label=_("The whole edition"),
    )

    def __init__(self, *args, edition=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(edition=edition)


class FeedbackForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[("", _("No rating"))] + [(n, str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Seat
        fields = ["outcome", "rating", "follow_up", "agreement_expected", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}

    def clean_outcome(self) -> str:
        outcome = self.cleaned_data["outcome"]
        if not outcome:
            raise forms.ValidationError(_("Say whether the meeting took place."))
        return outcome


class AvailabilityForm(forms.Form):
    profile = forms.CharField(
        label=_("What I am looking for"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    sessions = forms.ModelMultipleChoiceField(
        label=_("Sessions I attend"),
        queryset=Session.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every session."),
    )
    unavailable = forms.ModelMultipleChoiceField(
        label=_("Slots I cannot make"),
        queryset=Slot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, participant: Participant, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = Session.objects.filter(edition=participant.edition)
        slots = Slot.objects.filter(session__edition=participant.edition).select_related("session")
        self.fields["unavailable"].queryset = slots
        zone = participant.edition.time_zone
        self.fields["unavailable"].label_from_instance = lambda slot: slot_label(slot, zone)


def slot_label(slot: Slot, zone: str) -> str:
    from portal.core.templatetags.ponte import in_zone

    return f"{slot.session.name}: {in_zone(slot.starts_at, zone)}"
