"""The lock files and the Makefile's choice of Python (issue 24): read as files, no network."""

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())

# A pin, its optional environment marker, then its "--hash=sha256:..." lines.
PIN = re.compile(
    r"^([A-Za-z0-9._-]+)==(\S+)[^\n]*\\\n((?:[ \t]+--hash=sha256:[0-9a-f]{64}.*\n)+)", re.M
)


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock(name: str) -> dict[str, set[str]]:
    """{package: versions} of requirements/<name>.txt; a package may have one version per marker."""
    text = (REQUIREMENTS / f"{name}.txt").read_text()
    pins: dict[str, set[str]] = {}
    for package, version, _hashes in PIN.findall(text):
        pins.setdefault(_name(package), set()).add(version)
    # Every requirement line is a pin with hashes: pip --require-hashes refuses anything else.
    requirement_lines = [line for line in text.splitlines() if re.match(r"[A-Za-z0-9]", line)]
    assert len(requirement_lines) == sum(len(v) for v in pins.values()), name
    return pins


def _direct(*groups: str) -> dict[str, str]:
    """{package: pinned version} of pyproject.toml's dependencies and the named extras."""
    requirements = list(PYPROJECT["project"]["dependencies"])
    for group in groups:
        requirements += PYPROJECT["project"]["optional-dependencies"][group]
    pins = {}
    for line in requirements:
        requirement = Requirement(line)
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{line} is not pinned exactly"
        pins[_name(requirement.name)] = specifier.version
    return pins


@pytest.mark.parametrize(
    ("lock", "groups"), [("runtime", ()), ("test", ("test",)), ("bench", ("test", "bench"))]
)
def test_lock_has_every_direct_pin_of_pyproject(lock: str, groups: tuple[str, ...]) -> None:
    pins = _lock(lock)
    missing = {
        package: version
        for package, version in _direct(*groups).items()
        if pins.get(package) != {version}
    }
    assert missing == {}, f"run `make lock`: requirements/{lock}.txt lacks {missing}"


def test_lock_has_the_build_backend_pinned_in_build_in() -> None:
    build_in = (REQUIREMENTS / "build.in").read_text()
    (line,) = [line for line in build_in.splitlines() if line and not line.startswith("#")]
    requirement = Requirement(line)
    (specifier,) = requirement.specifier
    build_system = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
    assert [r.name for r in build_system] == ["setuptools"]
    assert build_system[0].specifier.contains(specifier.version)
    for lock in ("runtime", "test", "bench"):
        assert _lock(lock)["setuptools"] == {specifier.version}


def test_locks_agree_and_bench_extras_stay_in_their_own() -> None:
    runtime, test, bench = _lock("runtime"), _lock("test"), _lock("bench")
    assert {p: test[p] for p in runtime} == runtime
    assert {p: bench[p] for p in test} == test
    for package in ("ortools", "locust", "numpy", "pandas", "gevent"):
        assert package in bench
        assert package not in test
    for package in ("pytest", "ruff", "playwright", "uv"):
        assert package in test
        assert package not in runtime


def _makefile_pythons() -> list[str]:
    (line,) = re.findall(r"^SUPPORTED_PYTHONS := (.+)$", (ROOT / "Makefile").read_text(), re.M)
    return line.split()


def test_supported_pythons_match_requires_python() -> None:
    requires = SpecifierSet(PYPROJECT["project"]["requires-python"])
    assert _makefile_pythons() == ["3.13", "3.12", "3.11"]
    assert [v for v in ("3.10", "3.11", "3.12", "3.13", "3.14") if requires.contains(v)] == [
        "3.11",
        "3.12",
        "3.13",
    ]


def _fake_python(directory: Path, name: str, version: str | None) -> None:
    """A `name` on PATH reporting `version`; None stands for a pyenv shim that cannot run."""
    script = directory / name
    if version is None:
        script.write_text(f"#!/bin/sh\necho 'pyenv: {name}: command not found' >&2\nexit 127\n")
    else:
        script.write_text(f'#!/bin/sh\n[ "$1" = -c ] && echo {version}\nexit 0\n')
    script.chmod(0o755)


def _make_interpreter(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Only the fakes on PATH: the machine's own Pythons (/usr/bin/python3.11) must not be found.
    # Nor what an outer `make test PYTHON=...` (as .ci/run calls it) passes down to its children.
    outer = {"PYTHON", "VENV", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"}
    env = {k: v for k, v in os.environ.items() if k not in outer}
    return subprocess.run(
        [shutil.which("make"), "--no-print-directory", "-s", "interpreter", *args],
        cwd=ROOT,
        env={**env, "PATH": str(path)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_make_picks_the_newest_supported_python_that_runs(tmp_path: Path) -> None:
    _fake_python(tmp_path, "python3.11", "3.11")
    _fake_python(tmp_path, "python3.12", "3.12")
    _fake_python(tmp_path, "python3.13", None)
    _fake_python(tmp_path, "python3.14", "3.14")
    result = _make_interpreter(tmp_path, "VENV=var/no-such-venv")
    assert (result.returncode, result.stdout, result.stderr) == (0, "python3.12 (3.12)\n", "")


def test_make_takes_the_python_named_in_python(tmp_path: Path) -> None:
    _fake_python(tmp_path, "python3.11", "3.11")
    _fake_python(tmp_path, "python3.13", "3.13")
    result = _make_interpreter(tmp_path, "VENV=var/no-such-venv", "PYTHON=python3.11")
    assert (result.returncode, result.stdout, result.stderr) == (0, "python3.11 (3.11)\n", "")


def test_make_refuses_an_unsupported_python_by_name(tmp_path: Path) -> None:
    _fake_python(tmp_path, "python3.10", "3.10")
    result = _make_interpreter(tmp_path, "VENV=var/no-such-venv", "PYTHON=python3.10")
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        "PYTHON=python3.10 is Python 3.10; Ponte supports Python 3.13, 3.12 and 3.11."
    )


def test_make_says_which_pythons_are_supported_when_none_is_found(tmp_path: Path) -> None:
    _fake_python(tmp_path, "python3.10", "3.10")
    _fake_python(tmp_path, "python3.13", None)
    result = _make_interpreter(tmp_path, "VENV=var/no-such-venv")
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        "No supported Python found: Ponte needs python3.13, python3.12 or python3.11 on PATH,"
        " or PYTHON=/path/to/python."
    )
