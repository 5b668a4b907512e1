"""Staff set up B2B here: settings, sessions with breaks and tables; actions call services."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from matchmaking import services
from matchmaking.models import (
    EditionB2B,
    Meeting,
    MeetingRequest,
    Participant,
    SchedulingRun,
    Session,
    SessionBreak,
    Table,
)
from portal.core.filters import BoundedAdminSearch
from portal.core.services.common import Refused


@admin.register(EditionB2B)
class EditionB2BAdmin(admin.ModelAdmin):
    list_display = ["edition", "request_deadline", "meeting_cap", "published_at"]


class BreakInline(TranslationTabularInline):
    model = SessionBreak
    extra = 0


class TableInline(admin.TabularInline):
    model = Table
    extra = 0
    raw_id_fields = ["reserved_for"]


@admin.register(Session)
class SessionAdmin(TranslationAdmin):
    list_display = [
        "name",
        "edition",
        "programme_session",
        "venue",
        "date",
        "start",
        "end",
        "slot_minutes",
    ]
    list_filter = ["edition"]
    inlines = [BreakInline, TableInline]
    actions = ["build_slots"]

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        # Slots follow the session's times and breaks, which the inlines have just saved.
        super().save_related(request, form, formsets, change)
        try:
            services.session_build_slots(session=form.instance)
        except Refused as error:
            self.message_user(request, str(error), messages.WARNING)

    @admin.action(description=_("Derive the slots again"))
    def build_slots(self, request: HttpRequest, queryset: QuerySet[Session]) -> None:
        for session in queryset:
            try:
                services.session_build_slots(session=session)
            except Refused as error:
                self.message_user(request, f"{session}: {error}", messages.ERROR)


@admin.register(Participant)
class ParticipantAdmin(BoundedAdminSearch, admin.ModelAdmin):
    list_display = ["__str__", "edition", "created_at"]
    list_filter = ["edition"]
    raw_id_fields = ["registration"]
    readonly_fields = ["feed_token"]
    search_fields = ["registration__person__full_name", "registration__person__email"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "edition", "status", "mutual", "created_at"]
    list_filter = ["edition", "status"]
    raw_id_fields = ["requester", "recipient", "low", "high", "acted_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Requests go through the services (and the staff page) so their rules hold.
        return False


@admin.register(Meeting)
class MeetingAdmin(BoundedAdminSearch, admin.ModelAdmin):
    list_display = ["__str__", "slot", "table", "status", "locked"]
    list_filter = ["edition", "status", "locked"]
    # Also what an agreement's "meetings it grew from" searches (its autocomplete).
    search_fields = [
        "request__requester__registration__person__full_name",
        "request__recipient__registration__person__full_name",
    ]
    raw_id_fields = ["request", "slot", "table", "run"]

    def get_queryset(self, request: HttpRequest):
        # A meeting names its two people and its slot: the list and the autocomplete fetch
        # them in one query.
        return (
            super()
            .get_queryset(request)
            .select_related(
                "request__requester__registration__person",
                "request__recipient__registration__person",
                "slot__session",
                "table",
            )
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # Moves go through the grid, which checks conflicts and keeps the seats in step.
        return False


@admin.register(SchedulingRun)
class SchedulingRunAdmin(admin.ModelAdmin):
    list_display = ["__str__", "session", "status", "placed", "unplaced", "breaks", "created_at"]
    list_filter = ["edition", "status"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
