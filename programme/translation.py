from modeltranslation.translator import TranslationOptions, register

from programme.models import Edition, EditionCity


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = ("title", "summary", "period", "formats")


@register(EditionCity)
class EditionCityTranslation(TranslationOptions):
    fields = ("focus",)
