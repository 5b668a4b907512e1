"""Fixtures of the notification tests."""

import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    # Factories hash a password per user; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def bell(settings) -> None:
    """The header bell's count, as the lead enables it in settings (one query per page)."""
    processors = settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    if "portal.core.notifications.context_processors.unread_notifications" not in processors:
        settings.TEMPLATES = [
            {
                **settings.TEMPLATES[0],
                "OPTIONS": {
                    **settings.TEMPLATES[0]["OPTIONS"],
                    "context_processors": [
                        *processors,
                        "portal.core.notifications.context_processors.unread_notifications",
                    ],
                },
            }
        ]
