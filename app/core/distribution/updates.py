"""What changed in a pack since this workstation last showed it.

A copy of each loaded pack's YAML files is kept in the state folder (packs are small: the bundled
one is under 1 MB). When a pack loads with a different version than the kept copy, the two are
compared with `packdiff.diff_packs`, and the new version is kept for next time. A first start has
nothing to compare, so it reports nothing.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from app.core.distribution.diff import PackDiff, diff_packs
from app.core.packs.loaded import Pack, PackSet
from app.core.packs.loader import load_pack

log = logging.getLogger(__name__)


MARKER = ".seen"
"""`version content-hash` of the kept copy, so an ordinary start compares two strings instead of
loading the kept pack (the copy is loaded only when the version changed)."""


def store_dir(state: Path) -> Path:
    return state / "seen-packs"


def _marker(store: Path, pack_id: str) -> tuple[str, str]:
    try:
        version, _, content_hash = (store / pack_id / MARKER).read_text(encoding="utf-8").partition(" ")
    except OSError:
        return "", ""
    return version, content_hash.strip()


def _kept(store: Path, pack_id: str) -> Pack | None:
    folder = store / pack_id
    if not (folder / "pack.yaml").is_file():
        return None
    loaded = load_pack(folder, str(folder))
    if not isinstance(loaded, Pack):
        log.warning("kept copy of pack %s does not load; it will be replaced", pack_id)
        return None
    return loaded


def pack_updates(packs: PackSet, store: Path) -> list[PackDiff]:
    """A diff for every loaded pack whose version differs from the copy kept last time."""
    diffs = []
    for pack in packs.packs:
        version, _ = _marker(store, pack.id)
        if not version or version == pack.manifest.version:
            continue
        kept = _kept(store, pack.id)
        if kept is not None:
            diffs.append(diff_packs(kept, pack))
    return diffs


def remember(packs: PackSet, store: Path) -> None:
    """Keep the YAML files of every loaded pack, replacing the older copy only when it differs."""
    store.mkdir(parents=True, exist_ok=True)
    for pack in packs.packs:
        if _marker(store, pack.id) == (pack.manifest.version, pack.content_hash):
            continue
        try:
            _replace_copy(pack.root, store / pack.id)
            (store / pack.id / MARKER).write_text(
                f"{pack.manifest.version} {pack.content_hash}", encoding="utf-8"
            )
        except OSError as error:  # a full disk must not stop the app; the next start tries again
            log.warning("could not keep a copy of pack %s: %s", pack.id, error)


def _replace_copy(source: Path, target: Path) -> None:
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    for path in source.rglob("*.y*ml"):
        relative = path.relative_to(source)
        if path.is_symlink() or any(part.startswith(".") for part in relative.parts):
            continue
        (staging / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, staging / relative)
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
