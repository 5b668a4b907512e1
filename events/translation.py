from modeltranslation.translator import TranslationOptions, register

from events.models import Activity, ActivityPerson, Mission


@register(Mission)
class MissionTranslation(TranslationOptions):
    fields = ("title", "purpose", "summary")


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "summary", "outcomes")


@register(ActivityPerson)
class ActivityPersonTranslation(TranslationOptions):
    fields = ("role",)
