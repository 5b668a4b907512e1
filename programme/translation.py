from modeltranslation.translator import TranslationOptions, register

from programme.models import Edition, EditionCity, ProgrammeSession, Speaker, Venue


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = ("title", "summary", "period", "formats", "reported_note")


@register(EditionCity)
class EditionCityTranslation(TranslationOptions):
    fields = ("focus",)


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("name",)


@register(ProgrammeSession)
class ProgrammeSessionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = ("role",)
