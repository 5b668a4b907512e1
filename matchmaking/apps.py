from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("B2B matchmaking")

    def ready(self) -> None:
        from matchmaking import personal_data
        from portal.celery import app
        from programme import edition_links

        personal_data.register()

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
