from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from programme.models import Edition, EditionCity


class EditionCityInline(TranslationTabularInline):
    model = EditionCity
    extra = 0


@admin.register(Edition)
class EditionAdmin(TranslationAdmin):
    list_display = ["title", "year", "host_country", "start_date", "status"]
    list_filter = ["status", "host_country"]
    inlines = [EditionCityInline]
