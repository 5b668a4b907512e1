from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("The Week")

    def ready(self) -> None:
        from portal.core import sections as organisation_sections
        from portal.core.cache_versions import watch
        from programme import models, personal_data
        from programme.queries import editions_for_organisation

        watch(
            models.Edition, models.EditionCity, models.Venue, models.ProgrammeSession,
            models.Speaker, models.Registration, models.StartupApplication,
            name="programme",
        )  # fmt: skip

        organisation_sections.register(
            name="editions",
            template="programme/_for_organisation.html",
            load=lambda org, user: {"editions": editions_for_organisation(org)},
            order=20,
        )
        personal_data.register()
