"""Find and load every pack under a list of roots; a bad pack never stops the others."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.core.loader import MANIFEST, load_pack
from app.core.pack import FailedPack, Origin, Pack, PackSet
from app.core.paths import bundled_content_dir, env_pack_folders
from app.core.problems import Level, Problem

Progress = Callable[[int, int, str], None]
"""progress(done, total, what): plain callback so that core never needs Qt signals."""


@dataclass(frozen=True)
class PackRoot:
    path: Path
    origin: Origin

    @property
    def display(self) -> str:
        return str(self.path)


def default_roots(extra: list[Path] | None = None) -> list[PackRoot]:
    """Bundled content, then folders from PROTOCOL_DESK_PACKS, then `--packs` folders."""
    roots = [PackRoot(bundled_content_dir(), Origin.BUNDLED)]
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


def load_packs(roots: list[PackRoot], today: date | None = None, progress: Progress | None = None) -> PackSet:
    """Load every pack found under `roots` into one PackSet."""
    result = PackSet()
    found: list[tuple[Path, Origin]] = []
    for root in roots:
        folders, problems = pack_folders(root)
        result.problems.extend(problems)
        found.extend((folder, root.origin) for folder in folders)
    for done, (folder, origin) in enumerate(found, start=1):
        loaded = load_pack(folder, _display(folder), origin, today)
        _admit(result, loaded)
        if progress is not None:
            progress(done, len(found), loaded.display)
    return result


def _admit(result: PackSet, loaded: Pack | FailedPack) -> None:
    result.problems.extend(loaded.problems)
    if isinstance(loaded, FailedPack):
        result.failed.append(loaded)
        return
    clash = _clash(result, loaded)
    if clash is None:
        result.packs.append(loaded)
        return
    problem = Problem(loaded.display, "pack.yaml", 1, 1, Level.ERROR, "duplicate-id", clash)
    result.problems.append(problem)
    result.failed.append(FailedPack(loaded.root, loaded.display, loaded.origin, [problem], loaded.manifest))


def _clash(result: PackSet, pack: Pack) -> str | None:
    for other in result.packs:
        if other.id == pack.id:
            return f"pack `{pack.id}` is already loaded from {other.display}"
        shared = sorted(set(other.documents) & set(pack.documents))
        if shared:
            return f"document ids also used by pack `{other.id}`: {', '.join(shared[:5])}"
    return None
