"""`search`, `show` and `list` load packs through the validated-document cache; a repeated `search`
answers from the caches without importing the models at all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.packs import loader
from tests.conftest import REPO

COMMANDS = [["list"], ["show", "test-protocol", "--format", "json"], ["search", "monitoring"]]

PROBE = """
import json, sys
from app.cli.main import main
code = main(sys.argv[1:])
heavy = [m for m in ("pydantic", "yaml", "app.core.model.formats", "cryptography") if m in sys.modules]
print(json.dumps({"code": code, "heavy": heavy}))
"""


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_second_run_parses_no_file(
    command: list[str], data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first run fills the cache; the second reads every document from it and prints the same."""
    argv = [*command, "--packs", str(data_dir / "packs" / "good")]
    assert main(argv) == 0
    first = capsys.readouterr().out

    def refuse(raw: bytes) -> None:
        raise AssertionError("a cached file was parsed again")

    monkeypatch.setattr(loader, "read_yaml_bytes", refuse)
    assert main(argv) == 0
    assert capsys.readouterr().out == first


def _probe(*argv: str) -> tuple[dict[str, object], str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, cwd=REPO, env=env, check=False
    )
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]), "\n".join(lines[:-1])


def test_repeated_search_imports_no_model_and_sees_changes(data_dir: Path, tmp_path: Path) -> None:
    """Unchanged packs: answered from the caches, no pydantic, YAML reader or models imported.
    A pack file edited since: loaded and indexed again, and the edit is found."""
    pack = Path(shutil.copytree(data_dir / "packs" / "good", tmp_path / "good"))
    first, first_out = _probe("search", "monitoring", "--packs", str(pack))
    assert first["code"] == 0 and "pydantic" in first["heavy"]  # built the caches the full way
    second, second_out = _probe("search", "monitoring", "--packs", str(pack))
    assert second == {"code": 0, "heavy": []}
    assert second_out == first_out
    protocol = pack / "docs" / "protocol.yaml"
    protocol.write_text(protocol.read_text().replace("title: ", "title: Zanzibarite ", 1))
    third, third_out = _probe("search", "zanzibarite", "--packs", str(pack))
    assert third["code"] == 0 and "pydantic" in third["heavy"]
    assert "test-protocol" in third_out


def test_search_for_an_unknown_pack_id_still_says_so(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["search", "monitoring", "--packs", str(data_dir / "packs" / "good")]
    assert main(argv) == 0
    capsys.readouterr()
    assert main([*argv, "--pack", "no-such-pack"]) == 2
    assert "no loaded pack has the id 'no-such-pack'" in capsys.readouterr().err
