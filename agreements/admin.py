from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from agreements import services
from agreements.models import Agreement, Document, Party, Project, StatusChange
from portal.core import cache_versions
from portal.core.filters import BoundedAdminSearch
from portal.core.versions import AdminVersionedModelForm


class PartyInline(TranslationTabularInline):
    model = Party
    extra = 0
    autocomplete_fields = ["organisation"]


class StatusChangeInline(admin.TabularInline):
    # Written by the services only: the history is read here, never edited.
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "changed_at", "changed_by", "note"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class DocumentInline(admin.TabularInline):
    # Uploads go through the agreement page's form, which checks the PDF.
    model = Document
    extra = 0
    fields = ["title", "original_name", "size", "published", "uploaded_at"]
    readonly_fields = ["original_name", "size", "uploaded_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class AgreementAdminForm(AdminVersionedModelForm):
    """The same checks as the services: no future date for a signed agreement, one occasion;
    a save against a newer version of the agreement is refused with the differences."""

    # No Meta: the admin builds the form's fields from its own options.
    def clean(self):
        data = super().clean()
        try:
            services.check_signing(
                status=data.get("status")
                or (self.instance.status if self.instance.pk else "signed"),
                signed_on=data.get("signed_on"),
                edition=data.get("edition"),
                activity=data.get("activity"),
            )
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        return data


def _status_action(status: str, label):
    @admin.action(description=label)
    def action(modeladmin, request, queryset):
        for agreement in queryset:
            try:
                services.agreement_status_change(
                    agreement=agreement, status=status, changed_by=request.user
                )
            except ValidationError as exc:
                messages.warning(request, f"{agreement}: {' '.join(exc.messages)}")

    action.__name__ = f"mark_{status}"
    return action


@admin.register(Agreement)
class AgreementAdmin(BoundedAdminSearch, TranslationAdmin):
    form = AgreementAdminForm
    list_display = ["title", "kind", "signed_on", "status", "visibility"]
    list_filter = ["kind", "status", "visibility", "edition"]
    search_fields = ["title_en", "title_it", "title_zh_hans", "slug"]
    prepopulated_fields = {"slug": ("title_en",)}
    filter_horizontal = ["areas"]
    # A select of every B2B meeting would load hundreds of them, each with its people.
    autocomplete_fields = ["meetings"]
    inlines = [PartyInline, DocumentInline, StatusChangeInline]
    actions = [_status_action(value, label) for value, label in Agreement.Status.choices]

    def get_readonly_fields(self, request, obj=None):
        # The status changes through the actions, so that its history is written.
        return ["status", "recorded_by"] if obj else ["recorded_by"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            StatusChange.objects.create(
                agreement=obj, from_status="", to_status=obj.status, changed_by=request.user
            )
        cache_versions.bump_on_commit("agreements")


@admin.register(Project)
class ProjectAdmin(BoundedAdminSearch, TranslationAdmin):
    list_display = ["title", "country", "status", "start_date"]
    list_filter = ["status", "country"]
    search_fields = ["title_en", "slug"]
    filter_horizontal = ["organisations", "agreements", "areas"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        cache_versions.bump_on_commit("agreements")
