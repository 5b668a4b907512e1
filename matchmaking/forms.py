"""Forms of B2B matchmaking: every input is validated here, errors in the user's language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from matchmaking.models import Meeting, Participant, Seat, Session, Slot, Table
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
    """A slot and table of the meeting's own session (tables are numbered per day), chosen in
    one list of the places where both people are free, grouped by slot.

    Any place of the session is accepted, not only those listed: a place taken since the page
    was drawn reaches the service, which refuses it with the reason.
    """

    place = forms.CharField(label=_("Where both are free"), widget=forms.Select)

    def __init__(
        self,
        *args,
        session=None,
        zone: str = "UTC",
        options: list[tuple[Slot, list[Table]]] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["place"].widget.choices = [
            (time_in_zone(slot.starts_at, zone), [(f"{slot.pk}:{t.pk}", str(t)) for t in tables])
            for slot, tables in options or []
        ]

    def clean(self) -> dict:
        data = super().clean()
        slot_id, _sep, table_id = (data.get("place") or "").partition(":")
        slot = Slot.objects.filter(session=self.session, pk=_int(slot_id)).first()
        table = Table.objects.filter(session=self.session, pk=_int(table_id)).first()
        if slot is None or table is None:
            raise forms.ValidationError(_("Choose a slot and a table of this session."))
        return {"slot": slot, "table": table}


def _int(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 18 else None


class SwapForm(forms.Form):
    """Another meeting of the session, among those in slots where this meeting's people are
    free; the service checks the other side and explains a refusal."""

    other = forms.ModelChoiceField(label=_("Swap with"), queryset=Meeting.objects.none())

    def __init__(
        self, *args, meeting=None, zone: str = "UTC", candidates: list | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["other"]
        field.queryset = Meeting.objects.filter(
            edition_id=meeting.edition_id, slot__session_id=meeting.slot.session_id
        ).exclude(pk=meeting.pk)
        field.choices = [("", "---------")] + [
            (
                m.pk,
                f"{time_in_zone(m.slot.starts_at, zone)} · {m.table} · {m.request.requester}"
                f" – {m.request.recipient}",
            )
            for m in candidates or []
        ]


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
