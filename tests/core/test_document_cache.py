"""The validated-document cache: an unchanged pack is taken from it, anything else is loaded again."""

from __future__ import annotations

import gc
import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from app.core.distribution.policy import DOCUMENT_CACHE, load_configured_packs
from app.core.packs import cache as cache_module
from app.core.packs import loader, roots
from app.core.packs.cache import DocumentCache
from app.core.packs.loaded import FailedPack, Origin, Pack
from app.core.packs.loader import load_pack
from app.core.system.config import load_config
from app.core.system.paths import app_paths
from tests.conftest import CONTENT_CHECKED_ON, REPO

BUNDLED = REPO / "content" / "ketamine-therapy"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BUNDLED, tmp_path / "pack"))


@pytest.fixture
def cache(tmp_path: Path) -> DocumentCache:
    return DocumentCache(tmp_path / "cache")


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(raw: bytes) -> None:
        raise AssertionError("a cached pack was parsed again")

    monkeypatch.setattr(loader, "read_yaml_bytes", refuse)


def _summary(loaded: Pack | FailedPack) -> tuple[object, ...]:
    assert isinstance(loaded, Pack)
    problems = sorted(loaded.problems, key=lambda p: (p.file, p.line, p.column, p.code, p.message))
    return (
        loaded.manifest,
        loaded.documents,
        list(loaded.documents),
        loaded.files,
        loaded.content_hash,
        loaded.file_hashes,
        problems,
    )


def test_an_unchanged_pack_comes_from_the_cache_whole(
    pack: Path, cache: DocumentCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_pack(pack, "p", today=CONTENT_CHECKED_ON, cache=cache)
    _no_parsing(monkeypatch)
    second = load_pack(pack, "p", today=CONTENT_CHECKED_ON, cache=cache)
    assert _summary(second) == _summary(first)


def test_review_warnings_follow_the_day_not_the_cache(
    pack: Path, cache: DocumentCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_pack(pack, "p", today=CONTENT_CHECKED_ON, cache=cache)
    later = date(2031, 1, 1)  # every bundled review is overdue by then
    expected = load_pack(pack, "p", today=later)
    _no_parsing(monkeypatch)
    cached = load_pack(pack, "p", today=later, cache=cache)
    assert _summary(cached) == _summary(expected)
    assert any(p.code == "review-overdue" and p.line > 1 for p in cached.problems)


@pytest.mark.parametrize("keep_size_and_time", [True, False])
def test_a_changed_file_is_read_again(pack: Path, cache: DocumentCache, keep_size_and_time: bool) -> None:
    first = load_pack(pack, "p", today=CONTENT_CHECKED_ON, cache=cache)
    file = next((pack / "protocols").glob("*.yaml"))
    info = file.stat()
    text = file.read_text()
    at = text.index("\ntitle:") + len("\ntitle: ") + 1
    letter = "x" if text[at] != "x" else "y"
    file.write_text(text[:at] + letter + text[at + 1 :])
    if keep_size_and_time:  # only the hash tells: same size, modification time put back
        os.utime(file, ns=(info.st_atime_ns, info.st_mtime_ns))
    loaded = load_pack(pack, "p", today=CONTENT_CHECKED_ON, cache=cache)
    assert _summary(loaded) == _summary(load_pack(pack, "p", today=CONTENT_CHECKED_ON))
    assert _summary(loaded) != _summary(first)


def test_an_added_or_removed_file_is_noticed(pack: Path, cache: DocumentCache) -> None:
    load_pack(pack, "p", today=CONTENT_CHECKED_ON, cache=cache)
    removed = next((pack / "cards").glob("*.yaml"))
    removed.unlink()
    loaded = load_pack(pack, "p", today=CONTENT_CHECKED_ON, cache=cache)
    assert _summary(loaded) == _summary(load_pack(pack, "p", today=CONTENT_CHECKED_ON))


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],
        lambda blob: b"not a cache at all",
        lambda blob: blob.replace(b'"review_due":"20', b'"review_due":"xx', 1),
        lambda blob: blob.replace(b'"format": 1', b'"format": 0', 1),
        lambda blob: b"",
    ],
    ids=["truncated", "garbage", "invalid-document", "other-format", "empty"],
)
def test_a_damaged_or_foreign_cache_is_rebuilt_silently(
    pack: Path, cache: DocumentCache, damage: object, caplog: pytest.LogCaptureFixture
) -> None:
    expected = _summary(load_pack(pack, "p", today=CONTENT_CHECKED_ON, cache=cache))
    file = cache.file_for(pack)
    blob = file.read_bytes()
    damaged = damage(blob)  # type: ignore[operator]
    assert damaged != blob
    file.write_bytes(damaged)
    assert _summary(load_pack(pack, "p", today=CONTENT_CHECKED_ON, cache=cache)) == expected
    assert not [r for r in caplog.records if r.levelname in {"WARNING", "ERROR"}]
    header = json.loads(file.read_bytes().split(b"\n", 1)[0])  # written again, whole
    assert header["format"] == cache_module.FORMAT


def test_a_cache_from_other_models_is_not_used(
    pack: Path, cache: DocumentCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_pack(pack, "p", today=CONTENT_CHECKED_ON, cache=cache)
    monkeypatch.setattr(cache_module, "_models_fingerprint", lambda: "other models")
    parsed: list[bytes] = []
    original = loader.read_yaml_bytes
    monkeypatch.setattr(loader, "read_yaml_bytes", lambda raw: parsed.append(raw) or original(raw))
    assert isinstance(load_pack(pack, "p", today=CONTENT_CHECKED_ON, cache=cache), Pack)
    assert parsed


def test_a_pack_with_errors_is_not_cached(pack: Path, cache: DocumentCache) -> None:
    file = next((pack / "protocols").glob("*.yaml"))
    file.write_text(file.read_text().replace("kind: protocol", "kind: protocl", 1))
    assert isinstance(load_pack(pack, "p", today=CONTENT_CHECKED_ON, cache=cache), FailedPack)
    assert not cache.file_for(pack).exists()


def test_the_cache_lives_in_the_user_cache_folder_not_the_pack(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack.chmod(0o555)  # packs may sit on a read-only share
    try:
        before = sorted(p.name for p in pack.rglob("*"))
        first = load_configured_packs([pack], today=CONTENT_CHECKED_ON)
        assert sorted(p.name for p in pack.rglob("*")) == before
        stored = list((app_paths().cache / DOCUMENT_CACHE).iterdir())
        assert stored and all(oct(p.stat().st_mode)[-2:] == "00" for p in stored)
        _no_parsing(monkeypatch)
        second = load_configured_packs([pack], today=CONTENT_CHECKED_ON)
    finally:
        pack.chmod(0o755)
    assert [p.content_hash for p in second.packs] == [p.content_hash for p in first.packs]
    assert [p.documents for p in second.packs] == [p.documents for p in first.packs]


def test_no_cache_where_signatures_are_required(monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(app_paths())
    monkeypatch.setattr(config, "get", lambda key: key == "packs.require_signed" or [])
    seen: list[object] = []

    def spy(folder: Path, display: str, origin: Origin, today: date, cache: object) -> FailedPack:
        seen.append(cache)
        return FailedPack(folder, display, origin, [])

    monkeypatch.setattr(roots, "load_pack", spy)
    load_configured_packs(config=config, today=CONTENT_CHECKED_ON)
    assert seen and all(cache is None for cache in seen)


def test_the_collector_is_paused_while_packs_are_built(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    states: list[bool] = []
    original = roots.load_pack

    def spy(*args: object) -> Pack | FailedPack:
        states.append(gc.isenabled())
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(roots, "load_pack", spy)
    load_configured_packs([pack], today=CONTENT_CHECKED_ON)
    assert states and not any(states)
    assert gc.isenabled()
