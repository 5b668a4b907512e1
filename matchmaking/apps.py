from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("B2B matchmaking")

    def ready(self) -> None:
        from matchmaking import models, personal_data
        from portal.celery import app
        from portal.core.cache_versions import watch
        from programme import edition_links

        personal_data.register()
        # What the figures, agreement and organisation pages count or list; a person's
        # availability and the scheduler's runs show on no public page.
        watch(
            models.EditionB2B, models.Session, models.SessionBreak, models.Slot,
            models.Participant, models.Table, models.MeetingRequest, models.Meeting,
            models.Seat,
            name="b2b",
        )  # fmt: skip

        # Where delegates and staff find B2B: the edition's page (programme cannot link here).
        edition_links.register(
            name="b2b", label=_("B2B meetings"), url_name="matchmaking:requests",
            audience="signed_in",
        )  # fmt: skip
        edition_links.register(
            name="b2b-staff", label=_("B2B schedule"), url_name="matchmaking:staff",
            audience="staff",
        )  # fmt: skip
        # The beat entries live with the app that owns the tasks, not in the shared settings.
        app.conf.beat_schedule = {
            **(app.conf.beat_schedule or {}),
            "matchmaking-expire-requests": {
                "task": "matchmaking.tasks.expire_requests",
                "schedule": 300.0,
            },
            "matchmaking-sweep-runs": {
                "task": "matchmaking.tasks.sweep_runs",
                "schedule": 120.0,
            },
            "matchmaking-agenda-reminders": {
                "task": "matchmaking.tasks.send_agenda_reminders",
                "schedule": 3600.0,
            },
        }
