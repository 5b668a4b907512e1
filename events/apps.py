from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Missions and roadshows")

    def ready(self) -> None:
        from events import models
        from events.queries import for_organisation
        from portal.core import sections as organisation_sections
        from portal.core.cache_versions import watch

        watch(
            models.Mission, models.Stop, models.Activity, models.ActivityPerson,
            models.DelegationMember,
            name="missions",
        )  # fmt: skip

        organisation_sections.register(
            name="missions",
            template="events/_for_organisation.html",
            load=lambda org, user: {"missions": for_organisation(org)},
            order=30,
        )
