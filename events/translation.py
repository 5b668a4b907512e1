from modeltranslation.translator import TranslationOptions, register

from events.models import Activity, ActivityPerson, DelegationMember, Mission


@register(Mission)
class MissionTranslation(TranslationOptions):
    fields = ("title", "purpose", "summary", "outcomes")


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "summary", "outcomes", "venue", "host_name")


@register(ActivityPerson)
class ActivityPersonTranslation(TranslationOptions):
    fields = ("role",)


@register(DelegationMember)
class DelegationMemberTranslation(TranslationOptions):
    fields = ("position",)
