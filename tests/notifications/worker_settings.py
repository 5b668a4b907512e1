"""Settings of the Celery worker a test or the benchmark starts: its database, broker, SMTP sink.

Everything else is Ponte's own settings, so the worker runs the production code path.
"""

import os

from portal.settings import *  # noqa: F403
from portal.settings import CELERY_BEAT_SCHEDULE, DATABASES

DATABASES["default"]["NAME"] = os.environ["PONTE_WORKER_DB_NAME"]
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["PONTE_WORKER_SMTP_PORT"])
EMAIL_USE_TLS = False
EMAIL_TIMEOUT = 10
NOTIFICATION_CLAIM_TIMEOUT = int(os.environ.get("PONTE_WORKER_CLAIM_TIMEOUT", "900"))
# The test cannot wait a minute for each beat tick.
CELERY_BEAT_SCHEDULE["send-pending-notifications"]["schedule"] = float(
    os.environ.get("PONTE_WORKER_SWEEP_EVERY", "60")
)
