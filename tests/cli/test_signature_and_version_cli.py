"""`validate` knows signatures and `pack diff` knows versions: an edited signed pack is caught."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.cli.main import main
from tests.conftest import copy_pack_for_author


def _signed_pack(tmp_path: Path, data_dir: Path) -> Path:
    pack = copy_pack_for_author(data_dir / "packs" / "good", tmp_path / "pack")
    key = tmp_path / "keys" / "author.key"
    assert main(["pack", "keygen", str(key)]) == 0
    assert main(["pack", "sign", str(pack), "--key", str(key)]) == 0
    return pack


def _edit_protocol(pack: Path) -> None:
    protocol = pack / "docs" / "protocol.yaml"
    protocol.write_text(protocol.read_text().replace("56 mg", "84 mg"))


def test_freshly_signed_pack_validates_cleanly(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pack validated right after signing has no signature finding."""
    pack = _signed_pack(tmp_path, data_dir)
    capsys.readouterr()
    assert main(["validate", str(pack), "--strict"]) == 0
    assert "stale-signature" not in capsys.readouterr().out


def test_edited_signed_pack_is_a_warning_and_a_strict_error(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file changed after signing is named by `validate`; `--strict` fails on it."""
    pack = _signed_pack(tmp_path, data_dir)
    _edit_protocol(pack)
    capsys.readouterr()
    assert main(["validate", str(pack)]) == 0
    out = capsys.readouterr().out
    assert "docs/protocol.yaml:1:1: warning: the file was changed after the pack was signed" in out
    assert main(["validate", str(pack), "--strict", "--json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert [(p["code"], p["severity"], p["file"]) for p in problems] == [
        ("stale-signature", "error", "docs/protocol.yaml")
    ]


def test_validating_one_file_of_an_edited_signed_pack_reports_it(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Checking a single file still says that the pack's signature is stale."""
    pack = _signed_pack(tmp_path, data_dir)
    (pack / "docs" / "extra.txt").write_text("added after signing")
    capsys.readouterr()
    assert main(["validate", str(pack / "docs" / "protocol.yaml"), "--strict"]) == 1
    assert "this file was added after the pack was signed" in capsys.readouterr().out


def test_diff_flags_changed_content_under_the_same_version(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Changed content with the pack and document versions unchanged is flagged in text and JSON."""
    old = tmp_path / "old"
    shutil.copytree(data_dir / "packs" / "good", old)
    new = tmp_path / "new"
    shutil.copytree(old, new)
    _edit_protocol(new)
    capsys.readouterr()
    assert main(["pack", "diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "warning: the content changed but the pack version is still 1.0.0: raise the version" in out
    assert "warning: document test-protocol changed but its version is still 1.0.0" in out
    assert main(["pack", "diff", str(old), str(new), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["unbumped"]) == 2


def test_diff_is_quiet_when_versions_were_raised(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Raising both versions silences the warning; identical packs have none either."""
    old = tmp_path / "old"
    shutil.copytree(data_dir / "packs" / "good", old)
    new = tmp_path / "new"
    shutil.copytree(old, new)
    _edit_protocol(new)
    for path in (new / "pack.yaml", new / "docs" / "protocol.yaml"):
        path.write_text(path.read_text().replace("version: 1.0.0", "version: 1.0.1", 1))
    capsys.readouterr()
    assert main(["pack", "diff", str(old), str(new)]) == 0
    assert "warning" not in capsys.readouterr().out
    assert main(["pack", "diff", str(old), str(old)]) == 0
    assert "warning" not in capsys.readouterr().out


def test_list_shows_the_pack_of_each_document(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`list` has a pack column, so documents of several packs can be told apart."""
    capsys.readouterr()
    assert main(["list", "--packs", str(data_dir / "packs" / "lithium-monitoring")]) == 0
    line = next(
        row for row in capsys.readouterr().out.splitlines() if row.startswith("lithium-review-visit ")
    )
    assert line.split()[1] == "lithium-monitoring"
