import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    # Tests create many accounts; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
