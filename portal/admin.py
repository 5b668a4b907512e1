from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from portal.models import City, Membership, Organisation, ThematicArea, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "language", "is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("full_name", "language", "country")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(ThematicArea)
class ThematicAreaAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(City)
class CityAdmin(TranslationAdmin):
    list_display = ["name", "country", "time_zone"]
    search_fields = ["name_en", "name_it", "name_zh_hans"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ["name", "native_name", "kind", "country", "status"]
    list_filter = ["status", "kind", "country"]
    search_fields = ["name_en", "name_it", "name_zh_hans", "native_name", "acronym"]
    filter_horizontal = ["areas"]
    inlines = [MembershipInline]
