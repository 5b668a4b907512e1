"""Fixtures of the notification tests."""

import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    # Factories hash a password per user; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
