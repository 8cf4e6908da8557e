"""The last good copy of packs from site folders, used when the share cannot be reached.

Each site folder gets its own cache folder (named by a hash of its path) holding a copy of every
pack that last loaded cleanly from it and an index with when it was last seen. A pack that
disappears from a reachable share is removed from the cache too: a pack withdrawn by the site
must not come back the next time the network is down.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from app.core.distribution.signing import SIGNATURE_FILE
from app.core.model import MANIFEST
from app.core.packs.loaded import Pack
from app.core.packs.problems import Level, Problem
from app.core.system.safe_files import copy_regular_tree, sha256_regular

INDEX = "cached.json"
log = logging.getLogger(__name__)


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _copy_key(pack: Pack) -> str:
    """Content hash plus the signature, so a re-signed pack is copied again."""
    try:
        extra = sha256_regular(pack.root / SIGNATURE_FILE)
    except OSError:
        extra = ""
    return f"{pack.content_hash}:{extra}"


class SiteCache:
    """Cached copies of the packs of one site folder."""

    def __init__(self, base: Path, root: Path) -> None:
        self.root = root
        self.folder = base / hashlib.sha256(str(root).encode()).hexdigest()[:16]

    def _index(self) -> dict[str, Any]:
        try:
            data = json.loads((self.folder / INDEX).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"root": str(self.root), "packs": {}}
        return data if isinstance(data, dict) and isinstance(data.get("packs"), dict) else {"packs": {}}

    def _save(self, index: dict[str, Any]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{INDEX}.tmp"
        temporary.write_text(json.dumps(index, indent=2, sort_keys=True), encoding="utf-8")
        temporary.replace(self.folder / INDEX)

    def remember(self, pack: Pack) -> None:
        """Keep a copy of a pack that loaded (and verified) cleanly; best effort, never raises."""
        try:
            self._remember(pack)
        except OSError as error:
            log.warning("could not cache a copy of %s: %s", pack.display, error)

    def _remember(self, pack: Pack) -> None:
        index = self._index()
        name, key = pack.root.name, _copy_key(pack)
        entry = index["packs"].get(name)
        if not (isinstance(entry, dict) and entry.get("key") == key and (self.folder / name).is_dir()):
            self._copy(pack.root, name)
            entry = {"key": key, "version": pack.manifest.version, "copied": _now()}
        index["packs"][name] = {**entry, "seen": _now()}
        index["root"] = str(self.root)
        self._save(index)

    def _copy(self, source: Path, name: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".copy-", dir=self.folder))
        try:
            # Never copytree: it follows links (a hidden `.cache -> /dev/zero` would fill the disk).
            skipped = copy_regular_tree(source, staging / name)
            if skipped.refused or skipped.too_deep or skipped.truncated:
                log.warning("%s: left out of the cached copy: %s", source, ", ".join(skipped.refused[:10]))
            target = self.folder / name
            if target.exists():
                target.rename(staging / "previous")
            (staging / name).rename(target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def prune(self, present: list[Path]) -> None:
        """Forget cached packs that are no longer in the (reachable) site folder."""
        index = self._index()
        names = {folder.name for folder in present}
        gone = [name for name in index["packs"] if name not in names]
        if not gone:
            return
        for name in gone:
            shutil.rmtree(self.folder / name, ignore_errors=True)
            del index["packs"][name]
        try:
            self._save(index)
        except OSError as error:
            log.warning("could not update the pack cache %s: %s", self.folder, error)

    def fallback(self, display: str, problems: list[Problem]) -> tuple[list[Path], list[Problem]]:
        """The cached packs of an unreachable folder, with a problem saying which copy is in use."""
        packs = self._index()["packs"]
        folders = sorted(self.folder / name for name in packs if (self.folder / name / MANIFEST).is_file())
        if not folders:
            return [], problems
        seen = min(str(packs[folder.name].get("seen", "?")) for folder in folders)
        reason = "; ".join(p.message for p in problems) or "not reachable"
        message = (
            f"the pack folder cannot be used ({reason}); using the last good copy cached on "
            f"{_readable(seen)}, which may be out of date"
        )
        return folders, [Problem(display, "", 1, 1, Level.WARNING, "folder-cached", message)]


def _readable(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp
