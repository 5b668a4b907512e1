import pytest


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path) -> None:
    # Uploaded documents go to a temporary directory, never to var/private.
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    # The factories set a password on every user: a fast hasher keeps the matrix quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
