from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from portal.core.filters import BoundedAdminSearch
from portal.core.logos import clean_logo
from portal.core.models import (
    City,
    CooperationProfile,
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    ThematicArea,
    User,
)
from portal.core.services import cooperation
from portal.core.services import organisations as organisation_services
from portal.core.versions import AdminVersionedModelForm


@admin.register(User)
class UserAdmin(BoundedAdminSearch, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "language", "is_staff", "mfa_required", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "mfa_required"]
    search_fields = ["email", "full_name"]
    actions = ["require_mfa", "stop_requiring_mfa"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("full_name", "language", "country")}),
        (
            _("Permissions"),
            {
                "fields": (
                    "is_active", "mfa_required", "is_staff", "is_superuser", "groups",
                    "user_permissions",
                )
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )  # fmt: skip
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    @admin.action(description=_("Require two-factor authentication"))
    def require_mfa(self, request, queryset) -> None:
        queryset.update(mfa_required=True)

    @admin.action(description=_("Stop requiring two-factor authentication"))
    def stop_requiring_mfa(self, request, queryset) -> None:
        queryset.update(mfa_required=False)


@admin.register(ThematicArea)
class ThematicAreaAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(City)
class CityAdmin(BoundedAdminSearch, TranslationAdmin):
    list_display = ["name", "country", "time_zone"]
    search_fields = ["name_en", "name_it", "name_zh_hans"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class OrganisationAdminForm(AdminVersionedModelForm):
    def clean_logo(self):
        # Staff uploads go through the same content checks and re-encoding as members'.
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            return clean_logo(logo)
        return logo


@admin.register(Organisation)
class OrganisationAdmin(BoundedAdminSearch, TranslationAdmin):
    form = OrganisationAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "native_name", "kind", "country", "status", "created_at"]
    list_filter = ["status", "kind", "country"]
    # Accents and case ignored, as in the directory (portal.core.search).
    search_fields = [
        "name_en__folded", "name_it__folded", "name_zh_hans__folded", "native_name__folded",
        "acronym__folded", "slug",
    ]  # fmt: skip
    filter_horizontal = ["areas"]
    readonly_fields = ["reviewed_at", "reviewed_by", "created_at"]
    inlines = [MembershipInline]
    actions = ["approve"]

    def get_readonly_fields(self, request, obj=None):
        # The slug is set once at creation: links to the organisation never break.
        return [*self.readonly_fields, "slug"] if obj else self.readonly_fields

    @admin.action(description=_("Approve the selected organisations"))
    def approve(self, request, queryset) -> None:
        for organisation in queryset:
            organisation_services.organisation_approve(organisation=organisation, by=request.user)
        messages.success(request, _("Approved."))


@admin.register(CooperationProfile)
class CooperationProfileAdmin(BoundedAdminSearch, TranslationAdmin):
    list_display = ["title", "organisation", "kind", "status", "expires_on"]
    list_filter = ["status", "kind"]
    search_fields = ["title_en", "title_it", "title_zh_hans", "keywords"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["areas"]
    actions = ["approve"]

    @admin.action(description=_("Approve the selected profiles"))
    def approve(self, request, queryset) -> None:
        for profile in queryset:
            cooperation.profile_approve(profile=profile, by=request.user)
        messages.success(request, _("Approved."))


@admin.register(Invitation)
class InvitationAdmin(BoundedAdminSearch, admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["email", "organisation__name_en"]
    raw_id_fields = ["organisation", "invited_by", "accepted_by"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["organisation", "user", "decided_by"]
