"""Forms of the portal app: every input is validated here and answered in the user's language."""

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from portal.core.collation import country_choices, sort_key
from portal.core.logos import clean_logo
from portal.core.models import City, CooperationProfile, Membership, Organisation, ThematicArea
from portal.core.models.organisations import WORKING_LANGUAGES
from portal.core.versions import VersionedModelForm


class OrganisationForm(VersionedModelForm):
    # Labels of required fields get this class (an asterisk in site.css); the inputs carry
    # `required`, and the form's legend says what the asterisk means.
    required_css_class = "required"

    # Not the model's ImageField: the upload goes through clean_logo (content checks,
    # re-encoding) and the service stores the result.
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG or WebP; at most 5 MB and 4000 × 4000 pixels."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    areas = forms.ModelMultipleChoiceField(
        label=_("Thematic areas"),
        queryset=ThematicArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=WORKING_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = [
            "name_en", "name_it", "name_zh_hans", "native_name", "acronym", "kind", "country",
            "region", "city_name", "city_native_name", "website", "email", "description_en",
            "description_it",
            "description_zh_hans", "areas", "founded", "size", "languages",
        ]  # fmt: skip
        labels = {
            "name_en": _("Name in English"),
            "name_it": _("Name in Italian"),
            "name_zh_hans": _("Name in Chinese"),
            "description_en": _("Description in English"),
            "description_it": _("Description in Italian"),
            "description_zh_hans": _("Description in Chinese"),
        }
        help_texts = {
            "native_name": _("As the organisation writes it, e.g. 北京市科学技术委员会."),
            "city_name": _("In Latin letters, e.g. Hangzhou or Torino."),
            "city_native_name": _("If it is written in another script, e.g. 杭州."),
        }
        widgets = {
            # Suggestions, not a list to choose from: any city can be typed.
            "city_name": forms.TextInput(attrs={"list": "known-cities", "autocomplete": "off"}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "description_it": forms.Textarea(attrs={"rows": 5}),
            "description_zh_hans": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("name_en", "name_it", "name_zh_hans", "native_name"):
            self.fields[name].required = False
        for name in ("description_en", "description_it", "description_zh_hans"):
            self.fields[name].validators.append(MaxLengthValidator(5000))
            self.fields[name].widget.attrs["maxlength"] = 5000
        if not (self.instance and self.instance.logo):
            del self.fields["remove_logo"]
        self.fields["country"].choices = [("", "---------"), *country_choices()]
        if self.instance.pk:
            self.initial["languages"] = self.instance.language_codes
            if self.instance.city_id and not self.instance.city_name:
                # Organisations registered when the city was a menu of the programme's cities.
                self.initial["city_name"] = self.instance.city.name_en

    @property
    def known_cities(self) -> list[str]:
        """The datalist's suggestions: the programme's cities in Latin letters (Naples, Napoli)."""
        names = set()
        for name_en, name_it in City.objects.values_list("name_en", "name_it"):
            names.update(name for name in (name_en, name_it) if name)
        return sorted(names, key=lambda name: sort_key(name, "en"))

    def clean_languages(self) -> str:
        chosen = set(self.cleaned_data["languages"])
        return ", ".join(code for code, _name in WORKING_LANGUAGES if code in chosen)

    def clean_founded(self) -> int | None:
        founded = self.cleaned_data.get("founded")
        if founded is not None and not 1000 <= founded <= timezone.localdate().year:
            raise ValidationError(_("Enter a year between 1000 and this year."))
        return founded

    def clean_logo(self) -> Any:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        return clean_logo(upload)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("name_en") or "").strip() and not (data.get("native_name") or "").strip():
            self.add_error(
                "name_en", _("Give the name in English or in the organisation's own script.")
            )
        return data

    def _post_clean(self) -> None:
        # The model's `logo` is set by the service, not from this form's upload field.
        logo = self.cleaned_data.pop("logo", None)
        super()._post_clean()
        self.cleaned_data["logo"] = logo


class CooperationProfileForm(forms.ModelForm):
    areas = forms.ModelMultipleChoiceField(
        label=_("Thematic areas"),
        queryset=ThematicArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CooperationProfile
        fields = [
            "kind", "title_en", "title_it", "title_zh_hans", "summary_en", "summary_it",
            "summary_zh_hans", "areas", "keywords", "trl", "expires_on",
        ]  # fmt: skip
        labels = {
            "title_en": _("Title in English"),
            "title_it": _("Title in Italian"),
            "title_zh_hans": _("Title in Chinese"),
            "summary_en": _("Summary in English"),
            "summary_it": _("Summary in Italian"),
            "summary_zh_hans": _("Summary in Chinese"),
        }
        widgets = {
            "expires_on": forms.DateInput(attrs={"type": "date"}),
            "summary_en": forms.Textarea(attrs={"rows": 5}),
            "summary_it": forms.Textarea(attrs={"rows": 5}),
            "summary_zh_hans": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_en"].required = True
        self.fields["summary_en"].required = True
        for name in ("title_it", "title_zh_hans", "summary_it", "summary_zh_hans"):
            self.fields[name].required = False

    def clean_expires_on(self) -> dt.date:
        expires_on = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if expires_on < today:
            raise ValidationError(_("The expiry date cannot be in the past."))
        if expires_on > today + dt.timedelta(days=2 * 366):
            raise ValidationError(_("A profile can stay published for at most two years."))
        return expires_on

    def clean_keywords(self) -> str:
        words = [w.strip() for w in self.cleaned_data.get("keywords", "").split(",")]
        return ", ".join(w for w in words if w)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the administrators"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OwnMembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["job_title", "shown_publicly"]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ChangeApproveForm(forms.Form):
    # When the proposal staff looked at was made; a newer one must be reviewed again.
    proposed_at = forms.DateTimeField()


# The zones people of the programme live in, first; any IANA zone is valid, this keeps the list
# short enough to choose from.
COMMON_TIME_ZONES = [
    "Europe/Rome",
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Macau",
    "Asia/Taipei",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "America/New_York",
    "America/Los_Angeles",
    "UTC",
]


class AccountForm(forms.Form):
    """My account: what others see of the person, and how the portal writes to them."""

    full_name = forms.CharField(
        label=pgettext_lazy("person", "Name"),
        max_length=150,
        help_text=_("In Latin letters, as others should see it, for example Wang Wei."),
    )
    native_name = forms.CharField(
        label=_("Name in native script"),
        max_length=150,
        required=False,
        help_text=_("For example 王伟, if your name is also written in Chinese characters."),
    )
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("E-mails and notifications are written in this language."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        choices=[("", _("The time zone of my country of residence"))]
        + [(zone, zone.replace("_", " ")) for zone in COMMON_TIME_ZONES],
        help_text=_("Times of events are also shown in this zone when it differs."),
    )
    country = forms.ChoiceField(label=_("Country of residence"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Built per form, so the names are in the reader's language and order.
        self.fields["country"].choices = [("", "—"), *countries]


class AccountEraseForm(forms.Form):
    """Delete my account: the password, and a code from the authenticator app when set."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be erased for good.")
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        from allauth.mfa.models import Authenticator

        super().__init__(*args, **kwargs)
        self.user = user
        self.totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if self.totp is None:
            del self.fields["code"]
        else:
            self.fields["code"].required = True

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("The password is not right."), code="password")
        return password

    def clean_code(self) -> str:
        from allauth.mfa.totp.internal.auth import TOTP

        code = self.cleaned_data["code"]
        if self.totp is not None and not TOTP(self.totp).validate_code(code):
            raise ValidationError(_("The code is not right."), code="code")
        return code


class StaffEraseForm(forms.Form):
    """Staff erase an account on the person's request, found by its e-mail address."""

    email = forms.EmailField(label=_("E-mail address of the account"))
    confirm = forms.BooleanField(
        label=_("The person asked for their account to be erased, and I checked it was them.")
    )
