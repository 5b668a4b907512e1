from modeltranslation.translator import TranslationOptions, register

from agreements.models import Agreement, Party, Project


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "summary", "signed_period", "occasion")


@register(Party)
class PartyTranslation(TranslationOptions):
    fields = ("role", "signatory_title")


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "outcome")
