"""The B2B world of the matchmaking tests (two delegates who can meet), and a media folder of
the test's own for the archives."""

import pytest

from tests.matchmaking.conftest import world  # noqa: F401  (the fixture, shared)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
