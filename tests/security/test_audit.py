"""`make audit` never reports a clean audit it could not make, and `make lint`'s bandit is clean."""

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from tests.audit import SKIPPED, verdict


def _report(*dependencies: dict) -> str:
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def _unknown(name: str) -> dict:
    return {"name": name, "skip_reason": f"Dependency not found on PyPI: {name} (1.0)"}


def test_no_route_to_the_database_is_skipped() -> None:
    stderr = "socket.gaierror: [Errno -2] Name or service not known\nrequests.ConnectionError"
    assert verdict(returncode=1, stdout="", stderr=stderr) == (
        0,
        ["pip-audit could not reach its vulnerability database.", SKIPPED],
    )


def test_every_package_unknown_is_skipped_not_clean() -> None:
    # What a registry mirror without PyPI's JSON API gives: pip-audit itself says "No known
    # vulnerabilities found" and exits 0.
    stdout = _report(_unknown("django"), _unknown("celery"))
    code, lines = verdict(returncode=0, stdout=stdout, stderr="No known vulnerabilities found")
    assert (code, lines[-1]) == (0, SKIPPED)


def test_known_vulnerabilities_fail() -> None:
    stdout = _report(
        {"name": "django", "version": "5.2.1", "vulns": [
            {"id": "PYSEC-2025-1", "fix_versions": ["5.2.2"], "aliases": []},
        ]},
        {"name": "celery", "version": "5.7.0", "vulns": []},
        _unknown("python-sat"),
    )  # fmt: skip
    assert verdict(returncode=1, stdout=stdout, stderr="") == (
        1,
        [
            "1 packages could not be audited (unknown to the database).",
            "django 5.2.1: PYSEC-2025-1 (5.2.2)",
            "Known vulnerabilities in 1 of 2 packages.",
        ],
    )


def test_a_clean_audit_says_how_much_it_saw() -> None:
    stdout = _report({"name": "django", "version": "5.2.19", "vulns": []})
    assert verdict(returncode=0, stdout=stdout, stderr="") == (
        0,
        ["No known vulnerabilities in the 1 packages audited."],
    )


def test_another_failure_is_an_error() -> None:
    assert verdict(returncode=2, stdout="", stderr="usage: pip-audit\nbad option") == (
        2,
        ["pip-audit failed:", "usage: pip-audit", "bad option"],
    )


def test_bandit_finds_nothing_of_medium_or_high_severity() -> None:
    bandit = Path(sys.executable).with_name("bandit")
    result = subprocess.run(
        [str(bandit), "-c", "pyproject.toml", "-r", ".", "--severity-level", "medium",
         "--confidence-level", "medium", "-q", "-f", "json"],
        cwd=settings.BASE_DIR, capture_output=True, text=True, check=False,
    )  # fmt: skip
    findings = [
        f"{r['filename']}:{r['line_number']} {r['test_id']}"
        for r in json.loads(result.stdout)["results"]
    ]
    assert (findings, result.returncode) == ([], 0)
