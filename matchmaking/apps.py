from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("B2B matchmaking")

    def ready(self) -> None:
        # The beat entry lives with the app that owns the task, not in the shared settings.
        from portal.celery import app

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
