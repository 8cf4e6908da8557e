"""`protocol-desk validate`, `list` and `schema` from the command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from tests.core.test_loader_errors import ERRORS

REPO = Path(__file__).resolve().parents[2]


def test_bundled_content_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    """`validate content/` exits 0."""
    assert main(["validate", str(REPO / "content")]) == 0
    assert "0 errors" in capsys.readouterr().out


def test_broken_pack_exits_1_with_location(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """A broken pack exits 1 and prints path:line:column: message."""
    assert main(["validate", str(data_dir / "broken" / "unquoted-no")]) == 1
    out = capsys.readouterr().out
    assert "unquoted-no/docs/protocol.yaml:4:8: error: title: `NO` was read as a yes/no value" in out


def test_json_output_has_problem_objects(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """--json prints objects with file, line, column, severity, code and message."""
    assert main(["validate", "--json", str(data_dir / "broken" / "duplicate-key")]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert {"file", "line", "column", "severity", "code", "message"} <= set(problems[0])
    assert problems[0]["code"] == "duplicate-key" and problems[0]["line"] == 7


def test_strict_turns_warnings_into_errors(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """An overdue review passes normally and fails with --strict."""
    target = str(data_dir / "broken" / "review-overdue")
    assert main(["validate", target]) == 0
    assert main(["validate", "--strict", target]) == 1


def test_single_file_validation(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """A single file is checked within its pack and only its problems are shown."""
    path = data_dir / "broken" / "bad-choice" / "docs" / "protocol.yaml"
    assert main(["validate", str(path)]) == 1
    assert "`licensed` is not allowed" in capsys.readouterr().out


def test_folder_with_broken_and_good_pack(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through the CLI: the broken pack is reported, the good one is listed."""
    shutil.copytree(data_dir / "packs" / "good", tmp_path / "good")
    shutil.copytree(data_dir / "broken" / "python-tag", tmp_path / "broken")
    (tmp_path / "broken" / "pack.yaml").write_text(
        (tmp_path / "broken" / "pack.yaml").read_text().replace("id: test-good", "id: test-broken")
    )
    assert main(["validate", str(tmp_path)]) == 1
    assert "broken/docs/protocol.yaml:4:8" in capsys.readouterr().out
    assert main(["list", "--json", "--packs", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    ids = {row["id"] for row in json.loads(captured.out)}
    assert "test-protocol" in ids
    assert "skipped" in captured.err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown option is a usage error (exit 2)."""
    with pytest.raises(SystemExit) as exited:
        main(["validate", "--no-such-option"])
    assert exited.value.code == 2


def test_missing_path_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A path that does not exist is a problem, not a crash."""
    assert main(["validate", str(tmp_path / "absent")]) == 1
    assert "not found" in capsys.readouterr().out


def test_schema_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`schema` prints the JSON Schema."""
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"].startswith("Protocol Desk")


def test_console_script_runs_as_module() -> None:
    """`python -m app validate` works in a real process."""
    done = subprocess.run(
        [sys.executable, "-m", "app", "validate", str(REPO / "content")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_every_broken_pack_exits_1_naming_the_place(
    case: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through the command line too, each error class exits 1 with its file:line:column."""
    relpath, line, column, code, _ = ERRORS[case]
    assert main(["validate", str(data_dir / "broken" / case)]) == 1
    out = capsys.readouterr().out
    assert f"{case}/{relpath}:{line}:{column}: error:" in out and f"[{code}]" in out
