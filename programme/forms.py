"""Forms of the programme app; services repeat the checks that protect the data."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core import l10n
from portal.core.models import Membership, ThematicArea
from programme.models import Edition, ProgrammeSession, Registration

ZONES = [("Europe/Rome", _("Italy time")), ("Asia/Shanghai", _("China time"))]

# Which field a service's refusal belongs to, so the error shows next to it.
ERROR_FIELDS = {
    "duplicate": "email",
    "unapproved": "organisation",
    "not_startup": "organisation",
    "no_b2b_days": "b2b_days",
    "b2b_day": "b2b_days",
    "session": "sessions",
}


def add_service_error(
    form: forms.Form, error: ValidationError, fields: dict[str, str] | None = None
) -> None:
    field = {**ERROR_FIELDS, **(fields or {})}.get(error.code or "")
    form.add_error(field if field in form.fields else None, error)


class _SessionLabel(forms.ModelMultipleChoiceField):
    def __init__(self, *args, edition: Edition, **kwargs) -> None:
        self.edition = edition
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: ProgrammeSession) -> str:
        start = timezone.localtime(obj.start, self.edition.zone)
        when = f"{l10n.date(start, 'short')} {l10n.time(start)} {start.tzname()}"
        return f"{when} · {obj.city} · {obj.title}"


class ParticipationForm(forms.Form):
    """What a delegate does at the edition: role, languages, B2B days, sessions."""

    role = forms.ChoiceField(label=_("Role"), choices=Registration.Role.choices)
    languages = forms.CharField(
        label=_("Languages spoken"),
        max_length=100,
        required=False,
        help_text=_("For example: en, it, zh"),
    )
    b2b = forms.BooleanField(label=_("Takes part in B2B meetings"), required=False)
    b2b_days = forms.TypedMultipleChoiceField(
        label=_("B2B days"),
        required=False,
        coerce=dt.date.fromisoformat,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, edition: Edition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["b2b_days"].choices = [
            (day.isoformat(), l10n.date(day)) for day in edition.days
        ]
        self.fields["sessions"] = _SessionLabel(
            label=_("Sessions they plan to attend"),
            queryset=ProgrammeSession.objects.filter(edition=edition).select_related("city"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            edition=edition,
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("b2b") and not cleaned.get("b2b_days"):
            self.add_error("b2b_days", _("Choose the days of B2B meetings."))
        return cleaned


class RegistrationForm(ParticipationForm):
    """A member registers themselves, or invites someone else by e-mail address."""

    field_order = ["email", "organisation", "role", "languages", "b2b", "b2b_days", "sessions"]

    email = forms.EmailField(
        label=_("Delegate's e-mail address"),
        help_text=_(
            "Your own address registers you. For anyone else, we invite them; "
            "the registration counts once they accept."
        ),
    )
    organisation = forms.ChoiceField(label=_("On behalf of"))

    def __init__(self, *args, edition: Edition, memberships: list[Membership], **kwargs) -> None:
        super().__init__(*args, edition=edition, **kwargs)
        self.organisations = {str(m.organisation_id): m.organisation for m in memberships}
        self.fields["organisation"].choices = [
            (key, str(org)) for key, org in self.organisations.items()
        ]

    def clean_email(self) -> str:
        # Never looked up here: whether an address has an account is nobody's business.
        return self.cleaned_data["email"].strip().lower()

    def clean_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]


class CopyEditionForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    ordinal = forms.IntegerField(label=_("Edition number"), min_value=1, max_value=1000)
    start_date = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    host_country = forms.ChoiceField(
        label=_("Host country"), choices=[("IT", _("Italy")), ("CN", _("China"))]
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=ZONES)
    title_en = forms.CharField(label=_("Title in English"), max_length=200)
    title_it = forms.CharField(label=_("Title in Italian"), max_length=200, required=False)
    title_zh_hans = forms.CharField(label=_("Title in Chinese"), max_length=200, required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        start, year = cleaned.get("start_date"), cleaned.get("year")
        if start and year and start.year != year:
            self.add_error("start_date", _("The first day must fall in the edition's year."))
        if year and Edition.objects.filter(year=year).exists():
            self.add_error("year", _("An edition of this year already exists."))
        if cleaned.get("ordinal") and Edition.objects.filter(ordinal=cleaned["ordinal"]).exists():
            self.add_error("ordinal", _("An edition with this number already exists."))
        return cleaned


class StartupApplicationForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Startup"))
    pitch = forms.CharField(
        label=_("Pitch"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the startup does, for whom, and what it seeks in China or Italy."),
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Thematic areas"),
        queryset=ThematicArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, memberships: list[Membership], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {str(m.organisation_id): m.organisation for m in memberships}
        self.fields["organisation"].choices = [
            (key, str(org)) for key, org in self.organisations.items()
        ]

    def clean_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]
