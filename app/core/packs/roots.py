"""Find and load every pack under a list of roots; a bad pack never stops the others."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from app.core.model import MANIFEST
from app.core.packs.cache import DocumentCache, collector_paused
from app.core.packs.loaded import FailedPack, Origin, Pack, PackSet
from app.core.packs.problems import Level, Problem
from app.core.packs.semver import is_older
from app.core.system.paths import app_paths, bundled_content_dir, env_pack_folders

log = logging.getLogger(__name__)


def load_pack(
    root: Path, display: str, origin: Origin, today: date | None, cache: DocumentCache | None
) -> Pack | FailedPack:
    """The loader, imported on first use: it brings pydantic, the models and the YAML reader, which
    a command that finds everything in the document cache does not need."""
    from app.core.packs.loader import load_pack as load

    return load(root, display, origin, today, cache)


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

    def vouches(self, pack: Pack) -> bool:
        """True when `pack` is signed by a trusted key (so it may update a bundled or site pack)."""
        ...


PROTECTED = (Origin.BUNDLED, Origin.SITE)
"""Packs from these roots cannot be replaced by a less trusted copy with the same id."""
TRUST_RANK = {Origin.BUNDLED: 0, Origin.SITE: 1, Origin.USER: 2, Origin.EXTRA: 3}


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
        children = sorted(child for child in path.iterdir() if not child.name.startswith("."))
    except OSError as error:
        return [], [_root_problem(root, "folder-unreadable", f"cannot list the folder: {error.strerror}")]
    # A link would load (and, from a share, cache) a folder from outside the configured one.
    links = [child for child in children if child.is_symlink()]
    problems = [
        Problem(
            str(link),
            "",
            1,
            1,
            Level.ERROR,
            "symlink",
            "a link to a folder is not loaded; copy the pack here",
        )
        for link in links
        if (link / MANIFEST).exists()
    ]
    packs = [c for c in children if not c.is_symlink() and c.is_dir() and (c / MANIFEST).is_file()]
    return packs, problems


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
    cache: DocumentCache | None = None,
) -> PackSet:
    """Load every pack found under `roots` into one PackSet (under `policy` when one is given;
    through `cache` for packs unchanged since they were last loaded)."""
    result = PackSet()
    found: list[tuple[Path, PackRoot]] = []
    for root in roots:
        folders, problems = policy.folders(root) if policy else pack_folders(root)
        result.problems.extend(problems)
        found.extend((folder, root) for folder in folders)
    # The most trusted copies first, so that a protected id is taken before anyone can claim it.
    found.sort(key=lambda item: TRUST_RANK[item[1].origin])
    with collector_paused():
        for done, (folder, root) in enumerate(found, start=1):
            loaded = _guarded_load(folder, root, today, policy, cache)
            _admit(result, loaded, policy.vouches if policy is not None else lambda _pack: False)
            if progress is not None:
                progress(done, len(found), loaded.display)
    return result


def _guarded_load(
    folder: Path, root: PackRoot, today: date | None, policy: LoadPolicy | None, cache: DocumentCache | None
) -> Pack | FailedPack:
    """One pack, inside a guard: whatever goes wrong in it (a RecursionError, a bug, a full disk
    while caching) fails this pack with a message and never the others."""
    display = _display(folder)
    try:
        loaded = load_pack(folder, display, root.origin, today, cache)
        return policy.admit(root, loaded) if policy is not None else loaded
    except Exception as error:  # the guard exists to catch what no one foresaw
        log.exception("loading the pack in %s failed", folder)
        reason = f"{type(error).__name__}: {str(error)[:200]}"
        message = f"the pack could not be loaded ({reason}); other packs are not affected"
        return FailedPack(
            folder, display, root.origin, [Problem(display, "", 1, 1, Level.ERROR, "load-failed", message)]
        )


def _admit(result: PackSet, loaded: Pack | FailedPack, vouches: Callable[[Pack], bool]) -> None:
    result.problems.extend(loaded.problems)
    if isinstance(loaded, FailedPack):
        result.failed.append(loaded)
        return
    clash = _taken(result, loaded, vouches)
    if clash is None and not _newest_copy(result, loaded):
        return
    clash = clash or _clash(result, loaded)
    if clash is None:
        result.packs.append(loaded)
        return
    code = "id-taken" if clash.startswith("the id") else "duplicate-id"
    problem = Problem(loaded.display, "pack.yaml", 1, 1, Level.ERROR, code, clash)
    result.problems.append(problem)
    result.failed.append(FailedPack(loaded.root, loaded.display, loaded.origin, [problem], loaded.manifest))


def _taken(result: PackSet, pack: Pack, vouches: Callable[[Pack], bool]) -> str | None:
    """A pack reusing the id of a bundled or site pack from a less trusted folder is refused, never
    a silent replacement, unless it is signed by a trusted key and its version is higher."""
    other = result.pack(pack.id)
    if other is None or other.origin not in PROTECTED:
        return None
    if TRUST_RANK[pack.origin] <= TRUST_RANK[other.origin]:
        return None
    if is_older(other.manifest.version, pack.manifest.version) and vouches(pack):
        return None
    return (
        f"the id `{pack.id}` belongs to the {other.origin} pack in {other.display} (version "
        f"{other.manifest.version}); this {pack.origin} copy (version {pack.manifest.version}) is not "
        "used: only a higher version signed by a trusted key may replace it"
    )


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
