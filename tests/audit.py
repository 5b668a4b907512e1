"""`make audit`: pip-audit over the installed packages, saying plainly when it could not look.

pip-audit asks PyPI's JSON API for each installed package's known vulnerabilities. Where that
cannot be reached it either fails with a connection error or, behind a registry mirror that
has no JSON API, skips every package as "not found" and still reports "No known
vulnerabilities found". Both are reported here as "skipped: no network" (exit 0), never as a
clean audit; known vulnerabilities exit 1.

Run as `python -m tests.audit`; arguments are passed on to pip-audit.
"""

import json
import subprocess
import sys
from pathlib import Path

NETWORK_ERRORS = (
    "Name or service not known",
    "Temporary failure in name resolution",
    "Failed to establish a new connection",
    "Max retries exceeded",
    "ConnectionError",
    "ConnectTimeout",
    "ReadTimeout",
    "timed out",
    "Network is unreachable",
)
SKIPPED = "skipped: no network"


def verdict(*, returncode: int, stdout: str, stderr: str) -> tuple[int, list[str]]:
    """The exit code and the lines to print for one pip-audit run (JSON output)."""
    try:
        report = json.loads(stdout)
    except ValueError:
        if any(marker in stderr for marker in NETWORK_ERRORS):
            return 0, ["pip-audit could not reach its vulnerability database.", SKIPPED]
        return returncode or 2, ["pip-audit failed:", *stderr.strip().splitlines()[-20:]]
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if "skip_reason" not in d]
    if not audited:
        return 0, [
            f"pip-audit got no vulnerability data for any of the {len(dependencies)} packages "
            "(the database answers for none of them: no access to it from here).",
            SKIPPED,
        ]
    lines = []
    skipped = len(dependencies) - len(audited)
    if skipped:
        lines.append(f"{skipped} packages could not be audited (unknown to the database).")
    vulnerable = [d for d in audited if d.get("vulns")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            lines.append(f"{dependency['name']} {dependency['version']}: {vuln['id']} ({fixes})")
    if vulnerable:
        lines.append(f"Known vulnerabilities in {len(vulnerable)} of {len(audited)} packages.")
        return 1, lines
    lines.append(f"No known vulnerabilities in the {len(audited)} packages audited.")
    return 0, lines


def main(argv: list[str]) -> int:
    pip_audit = Path(sys.executable).with_name("pip-audit")
    command = [str(pip_audit), "--skip-editable", "--progress-spinner", "off", "-f", "json"]
    try:
        result = subprocess.run(
            [*command, *argv], capture_output=True, text=True, timeout=600, check=False
        )
    except FileNotFoundError:
        # `make audit` installs it first; only a machine without network lacks it then.
        print("pip-audit is not installed (pip install -e '.[audit]').", SKIPPED, sep="\n")
        return 0
    except subprocess.TimeoutExpired:
        print("pip-audit did not answer within 10 minutes.", SKIPPED, sep="\n")
        return 0
    code, lines = verdict(returncode=result.returncode, stdout=result.stdout, stderr=result.stderr)
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
