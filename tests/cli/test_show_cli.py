"""`protocol-desk show` prints a whole document in each format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main

FORMATS = [
    ("text", "Test protocol\n"),
    ("markdown", "# Test protocol"),
    ("html", "<h1>Test protocol</h1>"),
    ("json", '"id": "test-protocol"'),
]


@pytest.mark.parametrize(("fmt", "marker"), FORMATS)
def test_show_formats(fmt: str, marker: str, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each --format prints the document."""
    assert main(["show", "test-protocol", "--format", fmt, "--packs", str(data_dir / "packs" / "good")]) == 0
    assert marker in capsys.readouterr().out


def test_show_accepts_pack_and_section_ids(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """pack/id and id#section resolve to the document."""
    good = str(data_dir / "packs" / "good")
    assert main(["show", "test-good/test-protocol#monitoring", "--format", "json", "--packs", good]) == 0
    assert json.loads(capsys.readouterr().out)["pack"] == "test-good"


def test_show_unknown_id_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown id exits 1 with a hint."""
    assert main(["show", "no-such-document"]) == 1
    assert "protocol-desk list" in capsys.readouterr().err


def test_show_fills_site_placeholders(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Placeholders come from the site configuration file."""
    site = tmp_path / "site.toml"
    site.write_text('[placeholders]\nclinic_phone = "555-0199"\n')
    monkeypatch.setenv("PROTOCOL_DESK_SITE_CONFIG", str(site))
    pack = tmp_path / "pack"
    import shutil

    shutil.copytree(data_dir / "packs" / "good", pack)
    doc = pack / "docs" / "protocol.yaml"
    doc.write_text(doc.read_text().replace("keeps its `<`.", "keeps its `<`. Call {{clinic_phone}}."))
    assert main(["show", "test-protocol", "--packs", str(pack)]) == 0
    assert "Call 555-0199." in capsys.readouterr().out
