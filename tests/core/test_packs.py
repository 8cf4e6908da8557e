"""Loading from several roots: a broken pack is reported and skipped, the others load."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.core.packs.loaded import Origin
from app.core.packs.roots import PackRoot, default_roots, load_packs
from app.core.system.paths import bundled_content_dir


def _mixed_folder(tmp_path: Path, data_dir: Path) -> Path:
    folder = tmp_path / "packs"
    shutil.copytree(data_dir / "packs" / "good", folder / "good")
    shutil.copytree(data_dir / "broken" / "unquoted-no", folder / "broken")
    broken_manifest = folder / "broken" / "pack.yaml"
    broken_manifest.write_text(broken_manifest.read_text().replace("id: test-good", "id: test-broken"))
    return folder


def test_broken_pack_skipped_good_pack_usable(tmp_path: Path, data_dir: Path) -> None:
    """One broken and one good pack in a folder: the good one is loaded and usable."""
    packs = load_packs([PackRoot(_mixed_folder(tmp_path, data_dir), Origin.EXTRA)])
    assert [p.id for p in packs.packs] == ["test-good"]
    assert [f.manifest.id for f in packs.failed if f.manifest] == ["test-broken"]
    found = packs.find("test-protocol")
    assert found is not None and found[1].title == "Test protocol"
    assert any(p.code == "quote-text" for p in packs.failed[0].problems)


def test_missing_root_is_reported_not_fatal(tmp_path: Path, data_dir: Path) -> None:
    """An unreachable folder is a problem in the list; other roots still load."""
    roots = [
        PackRoot(tmp_path / "nowhere", Origin.EXTRA),
        PackRoot(data_dir / "packs" / "good", Origin.EXTRA),
    ]
    packs = load_packs(roots)
    assert [p.id for p in packs.packs] == ["test-good"]
    assert [p.code for p in packs.problems] == ["folder-missing"]


def test_same_documents_in_two_packs_are_refused(tmp_path: Path, data_dir: Path) -> None:
    """Document ids are unique across loaded packs: the second pack is refused, not merged."""
    copy = tmp_path / "copy"
    shutil.copytree(data_dir / "packs" / "good", copy)
    manifest = copy / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("id: test-good", "id: test-copy"))
    packs = load_packs([PackRoot(data_dir / "packs" / "good", Origin.EXTRA), PackRoot(copy, Origin.EXTRA)])
    assert [p.id for p in packs.packs] == ["test-good"]
    assert "test-protocol" in packs.failed[0].problems[0].message


def test_progress_callback_reports_each_pack(tmp_path: Path, data_dir: Path) -> None:
    """Loading reports progress through a plain callback."""
    calls: list[tuple[int, int]] = []
    load_packs(
        [PackRoot(_mixed_folder(tmp_path, data_dir), Origin.EXTRA)],
        progress=lambda d, t, _: calls.append((d, t)),
    )
    assert calls == [(1, 2), (2, 2)]


def test_env_folders_are_roots(monkeypatch, tmp_path: Path, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """PROTOCOL_DESK_PACKS adds pack folders after the bundled content."""
    monkeypatch.setenv("PROTOCOL_DESK_PACKS", f"{data_dir / 'packs'}{__import__('os').pathsep}{tmp_path}")
    roots = default_roots([tmp_path / "cli"])
    assert [r.path for r in roots] == [bundled_content_dir(), data_dir / "packs", tmp_path, tmp_path / "cli"]


def test_bundled_content_loads_without_errors() -> None:
    """The bundled content folder loads as at least one pack and nothing fails."""
    packs = load_packs(default_roots())
    assert packs.packs and not packs.failed
    assert all(p.severity.value == "warning" for p in packs.problems)


def test_content_hash_changes_with_content(tmp_path: Path, data_dir: Path) -> None:
    """The pack hash (the search cache key) changes when any file changes."""
    pack = tmp_path / "good"
    shutil.copytree(data_dir / "packs" / "good", pack)
    before = load_packs([PackRoot(pack, Origin.EXTRA)]).packs[0].content_hash
    doc = pack / "docs" / "protocol.yaml"
    doc.write_text(doc.read_text().replace("An indication.", "Another indication."))
    after = load_packs([PackRoot(pack, Origin.EXTRA)]).packs[0].content_hash
    assert before != after
