"""Fields written in English, Italian and Chinese (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from portal.core.models import City, CooperationProfile, Organisation, ThematicArea


@register(ThematicArea)
class ThematicAreaTranslation(TranslationOptions):
    fields = ("name",)


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(CooperationProfile)
class CooperationProfileTranslation(TranslationOptions):
    fields = ("title", "summary")
