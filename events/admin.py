"""The Django admin for missions: the same date rules and itinerary order as the staff pages."""

import zoneinfo
from itertools import pairwise

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from events import services
from events.models import Activity, ActivityPerson, DelegationMember, Mission, Stop
from portal.core.filters import BoundedAdminSearch
from portal.core.versions import AdminVersionedModelForm


class StopFormSet(forms.BaseInlineFormSet):
    """Stops inside the mission's dates and not overlapping one another."""

    def clean(self) -> None:
        super().clean()
        mission_start = self.instance.start_date
        mission_end = self.instance.end_date
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        kept = [row for row in kept if row.get("start_date") and row.get("end_date")]
        errors = []
        for row in kept:
            if row["end_date"] < row["start_date"]:
                errors.append(_("A stop's last day cannot come before its first day."))
            elif (
                mission_start
                and mission_end
                and (row["start_date"] < mission_start or row["end_date"] > mission_end)
            ):
                errors.append(
                    _("The stop in %(city)s falls outside the mission's dates.")
                    % {"city": row["city"]}
                )
        kept.sort(key=lambda row: row["start_date"])
        for before, after in pairwise(kept):
            if after["start_date"] <= before["end_date"]:
                errors.append(
                    _("The stops in %(a)s and %(b)s overlap.")
                    % {"a": before["city"], "b": after["city"]}
                )
        if errors:
            raise ValidationError(errors)

    def save_new(self, form: forms.ModelForm, commit: bool = True) -> Stop:
        stop = super().save_new(form, commit=False)
        # A provisional number far from the real ones; save_related renumbers by date.
        stop.order = 20_000 + len(self.new_objects)
        if commit:
            stop.save()
        return stop


class StopAdminForm(forms.ModelForm):
    class Meta:
        model = Stop
        fields = ["city", "start_date", "end_date", "time_zone"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].required = False
        self.fields["time_zone"].help_text = _("Empty: the city's time zone.")

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data["time_zone"]
        if zone and zone not in zoneinfo.available_timezones():
            raise ValidationError(_("Unknown time zone."))
        return zone


class StopInline(admin.TabularInline):
    model = Stop
    form = StopAdminForm
    formset = StopFormSet
    extra = 0
    fields = ["order", "city", "start_date", "end_date", "time_zone"]
    readonly_fields = ["order"]
    ordering = ["order"]


class DelegationInline(TranslationTabularInline):
    model = DelegationMember
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Mission)
class MissionAdmin(BoundedAdminSearch, TranslationAdmin):
    # Two staff saving one mission: the second is refused with the differences shown.
    form = AdminVersionedModelForm
    list_display = ["title", "kind", "start_date", "end_date", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title_en", "title_it", "title_zh_hans", "slug"]
    prepopulated_fields = {"slug": ("title_en",)}
    filter_horizontal = ["promoters", "organisers"]
    inlines = [StopInline, DelegationInline]

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model is Stop:
            for stop_form in formset.forms:
                if stop_form.has_changed() and not stop_form.cleaned_data.get("time_zone"):
                    stop_form.instance.time_zone = stop_form.instance.city.time_zone
        super().save_formset(request, form, formset, change)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        services.stops_renumber(mission=form.instance)


class PersonInline(TranslationTabularInline):
    model = ActivityPerson
    extra = 0
    autocomplete_fields = ["organisation"]


class ActivityAdminForm(forms.ModelForm):
    class Meta:
        model = Activity
        exclude: list[str] = []

    def clean(self) -> dict:
        data = super().clean()
        stop = data.get("stop")
        if stop is not None:
            for error in services.activity_date_errors(
                stop=stop, date=data.get("date"), end_date=data.get("end_date")
            ):
                self.add_error("date", error)
        return data


@admin.register(Activity)
class ActivityAdmin(BoundedAdminSearch, TranslationAdmin):
    form = ActivityAdminForm
    list_display = ["title", "kind", "date", "stop", "host"]
    list_filter = ["kind", "stop__mission"]
    list_select_related = ["stop__mission", "stop__city", "host"]
    search_fields = ["title_en", "title_it", "title_zh_hans", "host_name_en"]
    autocomplete_fields = ["host"]
    filter_horizontal = ["organisations"]
    inlines = [PersonInline]
    actions = ["add_hosts_to_directory"]

    @admin.action(description=_("Add the hosts recorded by name to the directory (pending)"))
    def add_hosts_to_directory(self, request: HttpRequest, queryset: QuerySet[Activity]) -> None:
        linked = 0
        for activity in queryset.filter(host__isnull=True, host_name_en__gt=""):
            services.activity_host_to_directory(activity=activity)
            linked += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d host linked to the directory.",
                "%(count)d hosts linked to the directory.",
                linked,
            )
            % {"count": linked},
            messages.SUCCESS,
        )
