"""Probes used by /healthz."""

import logging

from django.conf import settings
from django.db import DatabaseError
from django.db.backends.base.base import BaseDatabaseWrapper

logger = logging.getLogger(__name__)


def database_ok(connection: BaseDatabaseWrapper) -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.warning("Health check: database does not answer", exc_info=True)
        return False


def broker_state() -> str:
    """'eager' when tasks run in-process, else 'ok' or 'unreachable' for the broker."""
    url = settings.CELERY_BROKER_URL
    if not url:
        return "eager"
    from portal.celery import app

    try:
        with app.connection_for_write(url) as conn:
            # One quick attempt: a health check must answer fast even with the broker gone.
            conn.ensure_connection(max_retries=0, timeout=1)
        return "ok"
    except Exception:  # kombu raises several unrelated types for "cannot connect"
        logger.warning("Health check: broker unreachable", exc_info=True)
        return "unreachable"
