from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from events.models import Activity, DelegationMember, Mission, Stop


class StopInline(admin.TabularInline):
    model = Stop
    extra = 0


class DelegationInline(admin.TabularInline):
    model = DelegationMember
    extra = 0


@admin.register(Mission)
class MissionAdmin(TranslationAdmin):
    list_display = ["title", "kind", "start_date", "end_date", "status"]
    list_filter = ["kind", "status"]
    prepopulated_fields = {"slug": ("title_en",)}
    filter_horizontal = ["promoters", "organisers"]
    inlines = [StopInline, DelegationInline]


@admin.register(Activity)
class ActivityAdmin(TranslationAdmin):
    list_display = ["title", "kind", "date", "stop"]
    list_filter = ["kind"]
    filter_horizontal = ["organisations"]
