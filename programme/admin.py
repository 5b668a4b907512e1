from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from portal.core.filters import BoundedAdminSearch
from programme import services
from programme.admin_forms import EditionAdminForm, ProgrammeSessionAdminForm
from programme.models import (
    CheckIn,
    Edition,
    EditionCity,
    ProgrammeSession,
    Registration,
    RegistrationInvitation,
    Speaker,
    StartupApplication,
    Venue,
)


class EditionCityInline(TranslationTabularInline):
    model = EditionCity
    extra = 0


class VenueInline(TranslationTabularInline):
    model = Venue
    extra = 0


@admin.register(Edition)
class EditionAdmin(TranslationAdmin):
    form = EditionAdminForm
    list_display = ["title", "year", "host_country", "start_date", "status"]
    list_filter = ["status", "host_country"]
    inlines = [EditionCityInline, VenueInline]


class SpeakerInline(TranslationTabularInline):
    model = Speaker
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(ProgrammeSession)
class ProgrammeSessionAdmin(BoundedAdminSearch, TranslationAdmin):
    form = ProgrammeSessionAdminForm
    list_display = ["title", "edition", "kind", "start", "city"]
    list_filter = ["edition", "kind", "city"]
    search_fields = ["title_en", "title_it", "title_zh_hans"]
    filter_horizontal = ["areas"]
    inlines = [SpeakerInline]
    list_select_related = ["edition", "city"]


@admin.register(Registration)
class RegistrationAdmin(BoundedAdminSearch, admin.ModelAdmin):
    list_display = ["person", "organisation", "edition", "role", "b2b", "status"]
    list_filter = ["edition", "status", "role", "b2b"]
    search_fields = ["person__email", "person__full_name", "organisation__name"]
    list_select_related = ["person", "organisation", "edition"]
    raw_id_fields = ["person", "organisation", "registered_by"]
    filter_horizontal = ["sessions"]
    actions = ["confirm", "cancel"]

    @admin.action(description=_("Confirm the selected registrations"))
    def confirm(self, request: HttpRequest, queryset: QuerySet[Registration]) -> None:
        for registration in queryset:
            services.registration_confirm(registration=registration)

    @admin.action(description=_("Cancel the selected registrations"))
    def cancel(self, request: HttpRequest, queryset: QuerySet[Registration]) -> None:
        for registration in queryset:
            services.registration_cancel(registration=registration)


@admin.register(RegistrationInvitation)
class RegistrationInvitationAdmin(BoundedAdminSearch, admin.ModelAdmin):
    """Read only: invitations change through their services (the invitee answers them)."""

    list_display = ["email", "organisation", "edition", "status", "created_at", "answered_at"]
    list_filter = ["edition", "status"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation", "edition"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(StartupApplication)
class StartupApplicationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "edition", "status", "created_at"]
    list_filter = ["edition", "status"]
    list_select_related = ["organisation", "edition"]
    raw_id_fields = ["organisation", "submitted_by"]
    actions = ["shortlist", "decline"]

    @admin.action(description=_("Shortlist the selected startups"))
    def shortlist(self, request: HttpRequest, queryset: QuerySet[StartupApplication]) -> None:
        for application in queryset:
            services.startup_decide(application=application, shortlist=True)

    @admin.action(description=_("Decline the selected startups"))
    def decline(self, request: HttpRequest, queryset: QuerySet[StartupApplication]) -> None:
        for application in queryset:
            services.startup_decide(application=application, shortlist=False)


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    """Read-only: check-ins are made at the door (programme.checkin.services), where the rule of
    one per person, venue and day is kept; a mistaken one can be deleted here."""

    list_display = ["registration", "venue", "day", "checked_in_at", "checked_in_by"]
    list_filter = ["day", "venue__edition"]
    list_select_related = [
        "registration__person", "registration__edition", "venue__city", "checked_in_by",
    ]  # fmt: skip
    date_hierarchy = "checked_in_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
