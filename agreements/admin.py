from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from agreements.models import Agreement, Party, Project


class PartyInline(TranslationTabularInline):
    model = Party
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(TranslationAdmin):
    list_display = ["title", "kind", "signed_on", "status", "visibility"]
    list_filter = ["kind", "status", "visibility"]
    prepopulated_fields = {"slug": ("title_en",)}
    filter_horizontal = ["areas"]
    inlines = [PartyInline]


@admin.register(Project)
class ProjectAdmin(TranslationAdmin):
    list_display = ["title", "country", "status", "start_date"]
    filter_horizontal = ["organisations", "agreements", "areas"]
