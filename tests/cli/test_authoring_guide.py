"""The steps of docs/authoring.md, driven through the command line from an empty folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from tests.export.pdf_text import pdf_text

pytestmark = pytest.mark.usefixtures("qapp")  # PDF export needs a Qt application


def _finish_drafts(pack: Path) -> None:
    """What the author does by hand: write the text, then mark each file active."""
    for path in pack.rglob("*.yaml"):
        path.write_text(path.read_text().replace("status: draft", "status: active"))


def test_guide_from_an_empty_folder_to_a_signed_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """new pack, new documents, validate, strict validate, show, search, export, sign and verify."""
    pack = tmp_path / "lithium-monitoring"
    assert main(["new", "pack", str(pack), "--title", "Lithium monitoring"]) == 0
    assert (pack / "pack.schema.json").is_file()
    first_line = (pack / "protocols" / "lithium-monitoring-overview.yaml").read_text().splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../pack.schema.json"
    new = ["new", "document", "--pack", str(pack)]
    assert main([*new, "checklist", "lithium-review-visit", "--visit"]) == 0
    assert main([*new, "instructions", "lithium-patient-card"]) == 0
    assert main([*new, "calculator", "lithium-tablet-count", "--formula", "available-strengths"]) == 0
    assert main([*new, "cards", "lithium-cards"]) == 0
    capsys.readouterr()

    assert main(["validate", str(pack)]) == 0  # drafts load, with warnings
    assert "draft" in capsys.readouterr().out
    assert main(["validate", str(pack), "--strict"]) == 1  # ... and are not finished
    _finish_drafts(pack)
    capsys.readouterr()
    assert main(["validate", str(pack), "--strict"]) == 0, capsys.readouterr().out

    packs = ["--packs", str(pack)]
    assert main([*packs, "show", "lithium-review-visit", "--format", "text"]) == 0
    assert "plausible 0 to 4" in capsys.readouterr().out
    assert main([*packs, "search", "tablets", "--pack", "lithium-monitoring", "--json"]) == 0
    assert any(hit["id"] == "lithium-tablet-count" for hit in json.loads(capsys.readouterr().out))
    assert main([*packs, "calc", "lithium-tablet-count", "--dose", "950", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["results"]["dose"]["value"] == 1000
    out = tmp_path / "visit.pdf"
    assert main([*packs, "export", "lithium-review-visit", "--pdf", str(out), "--blank"]) == 0
    assert "Lithium review visit" in pdf_text(out)

    key = tmp_path / "keys" / "author.key"
    assert main(["pack", "keygen", str(key)]) == 0
    assert main(["pack", "sign", str(pack), "--key", str(key)]) == 0
    capsys.readouterr()
    assert main(["pack", "verify", str(pack), "--trusted-key", str(key) + ".pub"]) == 0
    assert "intact" in capsys.readouterr().out
    assert main(["validate", str(pack), "--strict"]) == 0


def test_schema_write_and_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`schema --write DIR` puts the schema beside a pack; `schema --path` names the installed copy."""
    assert main(["schema", "--write", str(tmp_path)]) == 0
    written = json.loads((tmp_path / "pack.schema.json").read_text())
    assert written["title"].startswith("Protocol Desk content file")
    capsys.readouterr()
    assert main(["schema", "--path"]) == 0
    assert Path(capsys.readouterr().out.strip()).is_file()


def test_new_refuses_what_it_cannot_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad id, an existing folder or a folder that is not a pack are usage errors with a reason."""
    assert main(["new", "pack", str(tmp_path / "Bad_Name")]) == 2
    assert "lower-case letters" in capsys.readouterr().err
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    assert main(["new", "pack", str(tmp_path / "full")]) == 2
    assert "not empty" in capsys.readouterr().err
    assert main(["new", "document", "protocol", "p", "--pack", str(tmp_path)]) == 2
    assert "not a pack" in capsys.readouterr().err


def test_new_pack_in_the_current_folder_and_a_document_without_a_local_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`new pack .` names the pack after the folder; a pack without its own schema copy gets
    documents whose schema line points at the installation's schema, which exists."""
    folder = tmp_path / "renal-dosing"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert main(["new", "pack", "."]) == 0
    assert "id: renal-dosing" in (folder / "pack.yaml").read_text()
    (folder / "pack.schema.json").unlink()
    assert main(["new", "document", "calculator", "crcl", "--formula", "cockcroft-gault"]) == 0
    first = (folder / "calculators" / "crcl.yaml").read_text().splitlines()[0]
    assert Path(first.split("$schema=", 1)[1]).is_file()
