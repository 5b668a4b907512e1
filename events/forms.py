"""Staff forms for missions, stops and activities; every date rule answers as a form error."""

import datetime as dt
import zoneinfo
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from events.models import Activity, ActivityPerson, Mission, Stop
from events.services import activity_date_errors, stop_date_errors
from portal.core.collation import country_choices
from portal.core.models import City, Organisation
from portal.core.versions import VersionedModelForm

# Paths under /missions/ that a mission's slug must not take.
RESERVED_SLUGS = {"staff"}

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _organisations() -> Any:
    return Organisation.objects.order_by("name_en")


class MissionForm(VersionedModelForm):
    class Meta:
        model = Mission
        fields = [
            "slug", "kind", "status", "title_en", "title_it", "title_zh_hans",
            "purpose_en", "purpose_it", "purpose_zh_hans", "summary_en", "summary_it",
            "summary_zh_hans", "outcomes_en", "outcomes_it", "outcomes_zh_hans", "start_date",
            "end_date", "countries", "edition", "promoters", "organisers",
        ]  # fmt: skip
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_en"].required = True
        self.fields["promoters"].queryset = _organisations()
        self.fields["organisers"].queryset = _organisations()
        self.fields["countries"].choices = country_choices()
        for name in ("purpose", "summary", "outcomes"):
            for lang in ("en", "it", "zh_hans"):
                self.fields[f"{name}_{lang}"].widget.attrs["rows"] = 3

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise ValidationError(_("This address is reserved; choose another slug."))
        return slug

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end:
            if end < start:
                self.add_error("end_date", _("The last day cannot come before the first day."))
            elif self.instance.pk:
                outside = self.instance.stops.filter(Q(start_date__lt=start) | Q(end_date__gt=end))
                names = ", ".join(str(s.city.name) for s in outside.select_related("city"))
                if names:
                    raise ValidationError(
                        _("These dates leave stops outside the mission: %(stops)s."),
                        params={"stops": names},
                    )
        return data

    def service_fields(self) -> dict[str, Any]:
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in ("promoters", "organisers", "loaded_version")
        }


def _zone_choices() -> list[tuple[str, str]]:
    return [("", _("The city's time zone"))] + [
        (zone, zone) for zone in sorted(zoneinfo.available_timezones())
    ]


class StopForm(forms.Form):
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.order_by("name_en"))
    start_date = forms.DateField(label=_("First day"), widget=DATE)
    end_date = forms.DateField(label=_("Last day"), widget=DATE)
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False, choices=_zone_choices)

    def __init__(self, *args: Any, mission: Mission, stop: Stop | None = None, **kwargs) -> None:
        if stop is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "city": stop.city_id,
                "start_date": stop.start_date,
                "end_date": stop.end_date,
                "time_zone": stop.time_zone,
            }
        super().__init__(*args, **kwargs)
        self.mission, self.stop = mission, stop

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end:
            for error in stop_date_errors(
                mission=self.mission,
                start_date=start,
                end_date=end,
                exclude_pk=self.stop.pk if self.stop else None,
            ):
                self.add_error(None, error)
        return data


class ActivityForm(forms.ModelForm):
    start_time = forms.TimeField(label=_("Starts at"), required=False, widget=TIME)
    end_time = forms.TimeField(label=_("Ends at"), required=False, widget=TIME)

    class Meta:
        model = Activity
        fields = [
            "kind", "title_en", "title_it", "title_zh_hans", "date", "end_date", "venue_en",
            "venue_it", "venue_zh_hans", "host", "host_name_en", "host_name_it",
            "host_name_zh_hans", "organisations", "summary_en", "summary_it", "summary_zh_hans",
            "outcomes_en", "outcomes_it", "outcomes_zh_hans", "order",
        ]  # fmt: skip
        widgets = {"date": DATE, "end_date": DATE}

    field_order = ["kind", "title_en", "title_it", "title_zh_hans", "date", "end_date",
                   "start_time", "end_time"]  # fmt: skip

    def __init__(self, *args: Any, stop: Stop, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stop = stop
        self.zone = zoneinfo.ZoneInfo(stop.time_zone)
        self.fields["title_en"].required = True
        self.fields["host"].queryset = _organisations()
        self.fields["organisations"].queryset = _organisations()
        self.fields["start_time"].help_text = _("In the stop's time zone (%(zone)s).") % {
            "zone": stop.time_zone
        }
        for name in ("summary", "outcomes"):
            for lang in ("en", "it", "zh_hans"):
                self.fields[f"{name}_{lang}"].widget.attrs["rows"] = 3
        if self.instance.starts_at:
            self.initial["start_time"] = self.instance.starts_at.astimezone(self.zone).time()
        if self.instance.ends_at:
            self.initial["end_time"] = self.instance.ends_at.astimezone(self.zone).time()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day, last = data.get("date"), data.get("end_date")
        start, end = data.get("start_time"), data.get("end_time")
        for error in activity_date_errors(stop=self.stop, date=day, end_date=last):
            self.add_error("date", error)
        if (start or end) and day is None:
            self.add_error("start_time", _("Give the date of an activity that has times."))
        if end and not start:
            self.add_error("start_time", _("Give the start time as well."))
        if data.get("host") and data.get("host_name_en"):
            self.add_error(
                "host_name_en",
                _("Choose the host in the directory or give its name, not both."),
            )
        if day and start and end and self._at(last or day, end) <= self._at(day, start):
            self.add_error("end_time", _("The activity must end after it starts."))
        return data

    def _at(self, day: dt.date, time: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, time, tzinfo=self.zone)

    def service_fields(self) -> dict[str, Any]:
        data = {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in ("organisations", "start_time", "end_time")
        }
        day, last = data.get("date"), data.get("end_date")
        start, end = self.cleaned_data.get("start_time"), self.cleaned_data.get("end_time")
        data["starts_at"] = self._at(day, start) if day and start else None
        data["ends_at"] = self._at(last or day, end) if day and start and end else None
        return data


class PersonForm(forms.ModelForm):
    class Meta:
        model = ActivityPerson
        fields = ["name", "native_name", "role_en", "role_it", "role_zh_hans", "organisation"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations()


PeopleFormSet = formset_factory(PersonForm, extra=2, can_delete=True)


def people_initial(activity: Activity | None) -> list[dict[str, Any]]:
    if activity is None:
        return []
    return [
        {
            "name": p.name,
            "native_name": p.native_name,
            "role_en": p.role_en,
            "role_it": p.role_it,
            "role_zh_hans": p.role_zh_hans,
            "organisation": p.organisation_id,
        }
        for p in activity.people.all()
    ]


def people_data(formset: Any) -> list[dict[str, Any]]:
    """The named people the formset keeps, in order, without empty or deleted rows."""
    return [
        {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        for form in formset.forms
        if form.cleaned_data.get("name") and not form.cleaned_data.get("DELETE")
    ]


class HostToDirectoryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices, required=False)
