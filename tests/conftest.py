"""Shared fixtures; also tells which database and broker the run uses."""

import os
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation

CHROMIUM = "/usr/bin/chromium"


def _backends() -> tuple[str, str]:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        database = f"PostgreSQL at {db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"
    else:
        database = "SQLite (embedded default)"
    broker = (
        f"Redis at {settings.CELERY_BROKER_URL}"
        if settings.CELERY_BROKER_URL
        else "none: tasks run in-process (embedded default)"
    )
    return database, broker


def pytest_configure(config: pytest.Config) -> None:
    # The embedded default's file cache would be shared by every run on the machine, and each
    # test clears it: give this run a folder of its own.
    cache_settings = settings.CACHES["default"]
    if cache_settings["BACKEND"].endswith("FileBasedCache"):
        cache_settings["LOCATION"] = tempfile.mkdtemp(prefix="ponte-test-cache-")


def pytest_report_header(config: pytest.Config) -> list[str]:
    database, broker = _backends()
    return [f"ponte database: {database}", f"ponte broker: {broker}"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run PostgreSQL-only tests where PostgreSQL is; elsewhere skip them, or fail when asked."""
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    with_broker = bool(settings.CELERY_BROKER_URL)
    with_browser = Path(CHROMIUM).exists()
    required = os.environ.get("PONTE_REQUIRE_SERVICES") == "1"
    for item in items:
        missing = []
        if item.get_closest_marker("postgres") and not on_postgres:
            missing.append("PostgreSQL (set DATABASE_URL)")
        if item.get_closest_marker("redis") and not with_broker:
            missing.append("Redis (set CELERY_BROKER_URL)")
        if item.get_closest_marker("browser") and not with_browser:
            missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium chromium-driver)")
        if not missing:
            continue
        reason = "needs " + " and ".join(missing) + "; runs in the services pass of .ci/run"
        if required:
            # The services pass must never skip silently: a missing service fails the run.
            raise pytest.UsageError(f"{item.nodeid} {reason}, but it is not configured.")
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _english() -> None:
    # A request leaves its language active in the thread; reverse() in the next test
    # would then build /it/ URLs. Every test starts in English.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    # Rate limits and cached pages live in the cache: each test starts from an empty one.
    cache.clear()


@pytest.fixture(autouse=True)
def _eager_tasks(request: pytest.FixtureRequest) -> None:
    """Tasks run in-process unless the test asks for a real broker and worker."""
    from portal.celery import app

    if request.node.get_closest_marker("redis"):
        # A generator fixture must yield even when it has nothing to set up.
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def on_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _force_login_passes_second_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    """`client.force_login(staff)` signs staff in as after a sign-in with their code.

    Staff (and people who must use two-factor) get a TOTP authenticator and a session that
    passed it: see tests/factories.py, `force_login_passing_second_factor`. A test that needs a
    session without the second step calls `force_login_without_second_factor` instead.
    """
    from django.test import Client

    from tests.factories import force_login_passing_second_factor

    monkeypatch.setattr(Client, "force_login", force_login_passing_second_factor)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    # Tests create many accounts; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
