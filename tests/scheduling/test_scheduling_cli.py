"""The command line: output format, and a one-line error with exit code 2 on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from matchmaking.scheduling import __main__ as cli
from matchmaking.scheduling import solve
from matchmaking.scheduling.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
GOOD: dict[str, Any] = {
    "name": "cli",
    "slots": [{"id": 1, "block": 1, "capacity": 1}, {"id": 2, "block": 1, "capacity": 1}],
    "participants": [{"id": 1, "unavailable": []}, {"id": 2, "unavailable": [1]}],
    "meetings": [{"id": 7, "participants": [1, 2], "slots": None, "fixed": None}],
}


def _write(tmp_path: Path, content: str) -> str:
    path = tmp_path / "instance.json"
    path.write_text(content, encoding="utf-8")
    return str(path)


def test_cli_solve_prints_placement_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["solve", _write(tmp_path, json.dumps(GOOD)), "--time-limit", "5"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["placements"] == [{"meeting": 7, "slot": 2}]
    assert out["unplaced"] == []
    assert out["stats"]["breaks"] == 0


def test_cli_runs_as_module(tmp_path: Path) -> None:
    path = _write(tmp_path, json.dumps(GOOD))
    done = subprocess.run(
        [sys.executable, "-m", "matchmaking.scheduling", "solve", path, "--time-limit", "5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["placements"] == [{"meeting": 7, "slot": 2}]


def _bad(**changes: Any) -> str:
    return json.dumps({**GOOD, **changes})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ("[]", "instance must be an object"),
        (_bad(meetings=[{"id": 7, "participants": [1, 9]}]), "unknown participant 9"),
        (_bad(meetings=[{"id": 7, "participants": [1, 2], "fixed": 1}]), "participant 2 is"),
        (_bad(slots=[{"id": 1, "block": 1, "capacity": -3}]), "negative capacity"),
        (_bad(participants=[{"id": 1}, {"id": 1}]), "duplicate participant id 1"),
    ],
)
def test_cli_reports_bad_input_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    code = main(["solve", _write(tmp_path, content)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("error: ")
    assert message in err


def test_cli_rejects_negative_polish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", _write(tmp_path, json.dumps(GOOD)), "--polish", "-1"]) == 2
    assert capsys.readouterr().err == "error: --polish cannot be negative\n"


def test_cli_passes_polish_steps_to_solve(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def spy(instance: Any, **options: Any) -> Any:
        seen.update(options)
        return solve(instance, **options)

    monkeypatch.setattr(cli, "solve", spy)
    assert main(["solve", _write(tmp_path, json.dumps(GOOD)), "--polish", "10"]) == 0
    assert seen["polish"] == 10
    assert json.loads(capsys.readouterr().out)["placements"] == [{"meeting": 7, "slot": 2}]


def test_cli_reports_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", "/no/such/instance.json"]) == 2
    assert capsys.readouterr().err == "error: no such file: /no/such/instance.json\n"


def test_cli_rejects_bad_option_without_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "matchmaking.scheduling", "solve", "x.json", "--time-limit", "soon"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


def test_cli_reports_unknown_slot_in_subprocess(tmp_path: Path) -> None:
    path = _write(tmp_path, _bad(participants=[{"id": 1, "unavailable": [5]}, {"id": 2}]))
    done = subprocess.run(
        [sys.executable, "-m", "matchmaking.scheduling", "solve", path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == f"error: {path}: participant 1 is unavailable in unknown slot 5\n"


def test_cli_output_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    # String ids must not make the result depend on Python's per-process hash randomisation.
    people = [{"id": f"org-{p}", "unavailable": []} for p in range(8)]
    meetings = [
        {"id": f"m{k}", "participants": [f"org-{k % 8}", f"org-{(3 * k + 1) % 8}"]}
        for k in range(16)
        if k % 8 != (3 * k + 1) % 8
    ]
    slots = [{"id": f"s{s}", "block": s // 3, "capacity": 3} for s in range(6)]
    path = _write(
        tmp_path, json.dumps({"slots": slots, "participants": people, "meetings": meetings})
    )
    outputs = []
    for hash_seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "matchmaking.scheduling", "solve", path, "--no-stats"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]


def test_cli_default_is_the_sat_phase_until_proved_within_the_default_budget(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def spy(instance: Any, **options: Any) -> Any:
        seen.update(options)
        return solve(instance, **options)

    monkeypatch.setattr(cli, "solve", spy)
    assert main(["solve", _write(tmp_path, json.dumps(GOOD))]) == 0
    # The same rule as the Celery task: `solve` picks the CPU budget from the event's size.
    assert (seen["polish"], seen["time_limit"]) == (None, None)
    stats = json.loads(capsys.readouterr().out)["stats"]
    assert (stats["breaks"], stats["lower_bound"], stats["optimal"]) == (0, 0, True)
