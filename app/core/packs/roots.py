"""Find and load every pack under a list of roots; a bad pack never stops the others."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from app.core.model.manifest import MANIFEST
from app.core.packs.loaded import FailedPack, Origin, Pack, PackSet
from app.core.packs.loader import load_pack
from app.core.packs.problems import Level, Problem
from app.core.packs.semver import is_older
from app.core.system.paths import app_paths, bundled_content_dir, env_pack_folders

Progress = Callable[[int, int, str], None]
"""progress(done, total, what): plain callback so that core never needs Qt signals."""


@dataclass(frozen=True)
class PackRoot:
    path: Path
    origin: Origin

    @property
    def display(self) -> str:
        return str(self.path)


class LoadPolicy(Protocol):
    """Site rules applied while loading (signatures, cached share copies): app.core.distribution.policy."""

    def folders(self, root: PackRoot) -> tuple[list[Path], list[Problem]]: ...

    def admit(self, root: PackRoot, loaded: Pack | FailedPack) -> Pack | FailedPack: ...


def default_roots(extra: list[Path] | None = None) -> list[PackRoot]:
    """Bundled content, the user's installed packs, PROTOCOL_DESK_PACKS folders, `--packs` folders."""
    roots = [PackRoot(bundled_content_dir(), Origin.BUNDLED)]
    user_packs = app_paths().user_packs
    if user_packs.is_dir():
        roots.append(PackRoot(user_packs, Origin.USER))
    roots += [PackRoot(path, Origin.EXTRA) for path in env_pack_folders()]
    roots += [PackRoot(path, Origin.EXTRA) for path in extra or []]
    return roots


def _root_problem(root: PackRoot, code: str, message: str) -> Problem:
    return Problem(root.display, "", 1, 1, Level.ERROR, code, message)


def pack_folders(root: PackRoot) -> tuple[list[Path], list[Problem]]:
    """A root is a pack itself or a folder whose sub-folders are packs."""
    path = root.path
    if not path.is_dir():
        return [], [_root_problem(root, "folder-missing", "pack folder not found or not reachable")]
    if (path / MANIFEST).is_file():
        return [path], []
    try:
        children = sorted(
            child for child in path.iterdir() if child.is_dir() and not child.name.startswith(".")
        )
    except OSError as error:
        return [], [_root_problem(root, "folder-unreadable", f"cannot list the folder: {error.strerror}")]
    return [child for child in children if (child / MANIFEST).is_file()], []


def _display(folder: Path) -> str:
    try:
        return str(folder.relative_to(Path.cwd()))
    except ValueError:
        return str(folder)


def load_packs(
    roots: list[PackRoot],
    today: date | None = None,
    progress: Progress | None = None,
    *,
    policy: LoadPolicy | None = None,
) -> PackSet:
    """Load every pack found under `roots` into one PackSet (under `policy` when one is given)."""
    result = PackSet()
    found: list[tuple[Path, PackRoot]] = []
    for root in roots:
        folders, problems = policy.folders(root) if policy else pack_folders(root)
        result.problems.extend(problems)
        found.extend((folder, root) for folder in folders)
    for done, (folder, root) in enumerate(found, start=1):
        loaded = load_pack(folder, _display(folder), root.origin, today)
        if policy is not None:
            loaded = policy.admit(root, loaded)
        _admit(result, loaded)
        if progress is not None:
            progress(done, len(found), loaded.display)
    return result


def _admit(result: PackSet, loaded: Pack | FailedPack) -> None:
    result.problems.extend(loaded.problems)
    if isinstance(loaded, FailedPack):
        result.failed.append(loaded)
        return
    if not _newest_copy(result, loaded):
        return
    clash = _clash(result, loaded)
    if clash is None:
        result.packs.append(loaded)
        return
    problem = Problem(loaded.display, "pack.yaml", 1, 1, Level.ERROR, "duplicate-id", clash)
    result.problems.append(problem)
    result.failed.append(FailedPack(loaded.root, loaded.display, loaded.origin, [problem], loaded.manifest))


def _newest_copy(result: PackSet, pack: Pack) -> bool:
    """Of two versions of one pack the newer is used, so that an update installed into the user or
    site folder replaces the bundled copy; False when `pack` is the older one. The older copy is not
    broken, so it gets a warning in `problems` rather than a place among the failed packs."""
    other = result.pack(pack.id)
    if other is None or other.manifest.version == pack.manifest.version:
        return True
    older, newer = (other, pack) if is_older(other.manifest.version, pack.manifest.version) else (pack, other)
    message = f"version {newer.manifest.version} from {newer.display} is used instead of this copy"
    problem = Problem(older.display, "pack.yaml", 1, 1, Level.WARNING, "superseded", message)
    result.problems.append(problem)
    if older is other:
        result.packs.remove(other)
    return older is not pack


def _clash(result: PackSet, pack: Pack) -> str | None:
    for other in result.packs:
        if other.id == pack.id:
            return f"pack `{pack.id}` is already loaded from {other.display}"
        shared = sorted(set(other.documents) & set(pack.documents))
        if shared:
            return f"document ids also used by pack `{other.id}`: {', '.join(shared[:5])}"
    return None
