"""Sign-in rate limits count the client behind the trusted proxies, never a forged address."""

import pytest

from tests.test_settings import PRODUCTION_ENV, run_manage

TOO_MANY = "Too many failed login attempts. Try again later."
WRONG = "The email address and/or password you specified are not correct."


def fail_login(client, attempt: int, forwarded_for: str) -> str:
    # A different address each time: only the per-client limit (10 a minute) can be reached.
    response = client.post(
        "/en/accounts/login/",
        {"login": f"nobody{attempt}@example.org", "password": "wrong"},
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )
    return response.content.decode()


@pytest.mark.django_db
def test_clients_behind_the_proxy_are_limited_separately(client, settings) -> None:
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for attempt in range(10):
        assert WRONG in fail_login(client, attempt, "203.0.113.5")
    assert TOO_MANY in fail_login(client, 10, "203.0.113.5")
    # The proxy appends the address it saw: a forged one in front changes nothing.
    assert TOO_MANY in fail_login(client, 11, "198.51.100.77, 203.0.113.5")
    # Another client behind the same proxy still signs in.
    assert WRONG in fail_login(client, 12, "203.0.113.6")


@pytest.mark.django_db
def test_without_trusted_proxies_the_header_is_ignored(client, settings) -> None:
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for attempt in range(10):
        assert WRONG in fail_login(client, attempt, f"203.0.113.{attempt}")
    # A new forged address each time does not escape the limit of the real one.
    assert TOO_MANY in fail_login(client, 10, "203.0.113.99")


@pytest.mark.parametrize(("env", "count"), [({}, "0"), ({"PONTE_TRUSTED_PROXY_COUNT": "2"}, "2")])
def test_trusted_proxy_count_comes_from_the_environment(env: dict, count: str) -> None:
    code = "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    result = run_manage("shell", "-v", "0", "-c", code, env={**PRODUCTION_ENV, **env})
    assert result.stdout.strip() == count, result.stderr
