"""Forms of the agreements pages; every check answers in the user's language."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries.fields import LazyTypedChoiceField

from agreements.documents import validate_pdf
from agreements.models import Agreement, Project
from agreements.services import check_parties, check_signing
from events.models import Activity
from portal.core.collation import country_choices
from portal.core.models import City, Organisation, ThematicArea
from portal.core.versions import loaded_version_field
from programme.models import Edition


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("PDF file"), help_text=_("A PDF document of at most 10 MB."), allow_empty_file=False
    )
    published = forms.BooleanField(
        label=_("Publish it (anyone who sees the agreement can download it)"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_pdf(upload)
        return upload


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Agreement.Status.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    # The agreement's version when the page was loaded (portal.versions).
    loaded_version = loaded_version_field()


class ProjectForm(forms.Form):
    """A partnership project that followed an agreement."""

    title_en = forms.CharField(label=_("Title in English"), max_length=300)
    title_it = forms.CharField(label=_("Title in Italian"), max_length=300, required=False)
    title_zh_hans = forms.CharField(label=_("Title in Chinese"), max_length=300, required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"), queryset=Organisation.objects.order_by("name")
    )
    country = LazyTypedChoiceField(label=_("Country where it lands"), choices=country_choices)
    areas = forms.ModelMultipleChoiceField(
        label=_("Thematic areas"), queryset=ThematicArea.objects.all(), required=False
    )
    start_date = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_("Status"), choices=Project.Status.choices)
    outcome_en = forms.CharField(
        label=_("Outcome in English"), widget=forms.Textarea, required=False
    )


class CeremonyForm(forms.Form):
    """What the agreements signed at one ceremony share."""

    signed_on = forms.DateField(
        label=_("Date of signing"), widget=forms.DateInput(attrs={"type": "date"})
    )
    edition = forms.ModelChoiceField(
        label=_("At the Week"), queryset=Edition.objects.order_by("-year"), required=False
    )
    activity = forms.ModelChoiceField(
        label=_("During the mission activity"),
        queryset=Activity.objects.filter(kind=Activity.Kind.SIGNING).order_by("-date"),
        required=False,
    )
    occasion = forms.CharField(label=_("Or another occasion"), max_length=200, required=False)
    city = forms.ModelChoiceField(
        label=_("Place of signing"), queryset=City.objects.order_by("slug"), required=False
    )

    def clean(self):
        data = super().clean()
        try:
            check_signing(
                status=Agreement.Status.SIGNED,
                signed_on=data.get("signed_on"),
                edition=data.get("edition"),
                activity=data.get("activity"),
            )
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                self.add_error(field, errors)
        return data


class CeremonyRowForm(forms.Form):
    """One agreement of the ceremony."""

    title_en = forms.CharField(label=_("Title in English"), max_length=300)
    title_it = forms.CharField(label=_("Title in Italian"), max_length=300, required=False)
    title_zh_hans = forms.CharField(label=_("Title in Chinese"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Agreement.Kind.choices)
    # Every organisation is listed so that a pending one gets a clear message, not
    # "select a valid choice".
    parties = forms.ModelMultipleChoiceField(
        label=_("Parties"), queryset=Organisation.objects.order_by("name")
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Thematic areas"), queryset=ThematicArea.objects.all(), required=False
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=Agreement.Visibility.choices,
        initial=Agreement.Visibility.PUBLIC,
    )
    summary_en = forms.CharField(
        label=_("Summary in English"), widget=forms.Textarea, required=False
    )

    def clean_parties(self):
        parties = list(self.cleaned_data["parties"])
        try:
            check_parties(parties)
        except ValidationError as exc:
            raise ValidationError(exc.error_dict["parties"]) from exc
        return parties


class BaseCeremonyFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if not any(form.has_changed() for form in self.forms):
            raise ValidationError(_("Record at least one agreement."))


CeremonyFormSet = forms.formset_factory(
    CeremonyRowForm, formset=BaseCeremonyFormSet, extra=3, max_num=30, validate_max=True
)
