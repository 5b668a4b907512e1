from modeltranslation.translator import TranslationOptions, register

from matchmaking.models import Session, SessionBreak


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("name", "venue")


@register(SessionBreak)
class SessionBreakTranslation(TranslationOptions):
    fields = ("label",)
