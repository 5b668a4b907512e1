from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements and projects")

    def ready(self) -> None:
        from agreements import models
        from agreements.queries import for_organisation
        from portal.core import sections as organisation_sections
        from portal.core.cache_versions import watch

        watch(
            models.Agreement, models.Party, models.Project, models.StatusChange,
            models.Document,
            name="agreements",
        )  # fmt: skip

        organisation_sections.register(
            name="agreements",
            template="agreements/_for_organisation.html",
            load=lambda org, user: {"cooperation": for_organisation(org, user)},
            order=40,
        )
        # Agreements are public acts: staff who recorded them stay their authors, and the
        # signatories' names (typed, not accounts) stay with them after any erasure.
        from portal.core import personal_data

        for label in ("agreements.Agreement", "agreements.StatusChange", "agreements.Document"):
            personal_data.exclude(label, "staff's record of a public act they entered")
