"""Settings are safe by default and strict in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PRODUCTION_ENV = {
    "PONTE_ENV": "production",
    "DJANGO_SECRET_KEY": "x8#w2!p0-a-long-random-production-secret-used-only-in-this-test-91",
    "DATABASE_URL": "postgres://ponte@127.0.0.1:5432/ponte",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
    "DJANGO_ALLOWED_HOSTS": "ponte.example.org",
    "PONTE_SITE_URL": "https://ponte.example.org",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PONTE_"))}
    for key in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "EMAIL_HOST"):
        clean.pop(key, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_variables() -> None:
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "PONTE_SITE_URL"]
)
def test_production_refuses_to_start_without(missing: str) -> None:
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_debug_is_off_unless_asked_for() -> None:
    code = "from django.conf import settings; print(settings.DEBUG)"
    result = run_manage("shell", "-v", "0", "-c", code, env={})
    assert result.stdout.strip() == "False"
    result = run_manage("shell", "-v", "0", "-c", code, env={"DJANGO_DEBUG": "1"})
    assert result.stdout.strip() == "True"


def test_embedded_default_uses_sqlite_eager_tasks_and_file_mail() -> None:
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND)"
    )
    result = run_manage("shell", "-v", "0", "-c", code, env={})
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.filebased.EmailBackend",
    ]
