"""What changed in a pack since the workstation last showed it."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.core.distribution.diff import Change
from app.core.distribution.updates import pack_updates, remember
from app.core.packs.loaded import Origin
from app.core.packs.roots import PackRoot, load_packs


def _pack(folder: Path, data_dir: Path, version: str = "1.0.0", body: str = "") -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(data_dir / "packs" / "good", folder)
    manifest = folder / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("version: 1.0.0", f"version: {version}"))
    if body:
        doc = folder / "docs" / "protocol.yaml"
        doc.write_text(doc.read_text().replace("Check the blood pressure before the dose.", body))
    return folder


def test_first_start_reports_nothing_and_keeps_a_copy(tmp_path: Path, data_dir: Path) -> None:
    """With nothing kept yet there is nothing to compare; the pack is kept for next time."""
    packs = load_packs([PackRoot(_pack(tmp_path / "p", data_dir), Origin.EXTRA)])
    store = tmp_path / "store"
    assert pack_updates(packs, store) == []
    remember(packs, store)
    assert (store / "test-good" / "docs" / "protocol.yaml").is_file()


def test_new_version_reports_the_changed_section(tmp_path: Path, data_dir: Path) -> None:
    """A version bump with a changed section is reported once; the next start is quiet."""
    store = tmp_path / "store"
    remember(load_packs([PackRoot(_pack(tmp_path / "p", data_dir), Origin.EXTRA)]), store)
    updated = _pack(tmp_path / "p", data_dir, "1.1.0", "Check blood pressure twice before the dose.")
    packs = load_packs([PackRoot(updated, Origin.EXTRA)])
    diffs = pack_updates(packs, store)
    assert [(d.old_version, d.new_version) for d in diffs] == [("1.0.0", "1.1.0")]
    changed = {s.id: s.change for doc in diffs[0].documents for s in doc.sections}
    assert changed["monitoring"] is Change.CHANGED
    remember(packs, store)
    assert pack_updates(packs, store) == []


def test_same_version_edits_are_not_announced(tmp_path: Path, data_dir: Path) -> None:
    """Only a new version is announced; the kept copy still follows the content."""
    store = tmp_path / "store"
    remember(load_packs([PackRoot(_pack(tmp_path / "p", data_dir), Origin.EXTRA)]), store)
    edited = load_packs([PackRoot(_pack(tmp_path / "p", data_dir, body="Edited."), Origin.EXTRA)])
    assert pack_updates(edited, store) == []
