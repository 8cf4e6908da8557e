"""Install a pack (a zip or a folder) into the user's or a site's pack folder, safely and atomically.

The pack is unpacked into a hidden staging folder inside the destination (same file system, and
hidden so a running app never loads it), checked like any pack, verified when signatures are
required or present, and only then renamed into place. Any refusal leaves the previous pack as
it was. Zips are read member by member against limits, so a hostile archive (paths that escape,
links, devices, more bytes than it declares, an extreme compression ratio) is refused.
"""

from __future__ import annotations

import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from app.core.distribution.policy import signature_problems
from app.core.distribution.signing import SIGNATURE_FILE, is_safe_relative
from app.core.model import MANIFEST
from app.core.packs.loaded import FailedPack, Origin, Pack
from app.core.packs.loader import load_pack
from app.core.packs.problems import Problem
from app.core.packs.semver import is_older
from app.core.packs.yaml_reader import YamlRefused, read_yaml_bytes
from app.core.system.safe_files import copy_files, walk

CHUNK = 1 << 16


@dataclass(frozen=True)
class InstallLimits:
    """What an archive may hold; generous for clinical text, far below anything harmful."""

    max_files: int = 5_000
    max_total_bytes: int = 256 * 1024 * 1024
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1024 * 1024
    """Compression ratios are only judged above this size: tiny text files compress very well."""


@dataclass(frozen=True)
class InstallResult:
    pack_id: str
    version: str
    target: Path
    previous_version: str | None
    warnings: list[Problem] = field(default_factory=list)


class InstallError(Exception):
    """The pack was not installed; `code` is stable for scripts, `problems` has the details."""

    def __init__(self, code: str, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.problems = problems or []


# Unpacking ---------------------------------------------------------------------------------------


class _Budget:
    def __init__(self, limits: InstallLimits) -> None:
        self.limits = limits
        self.files = 0
        self.bytes = 0

    def add_file(self) -> None:
        self.files += 1
        if self.files > self.limits.max_files:
            raise InstallError("too-many-files", f"more than {self.limits.max_files} files")

    def add_bytes(self, count: int) -> None:
        self.bytes += count
        if self.bytes > self.limits.max_total_bytes:
            limit = self.limits.max_total_bytes // (1024 * 1024)
            raise InstallError("too-large", f"more than {limit} MB once unpacked (a zip bomb?)")


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's path, refused when it could land outside the staging folder."""
    name = info.filename.rstrip("/") if info.is_dir() else info.filename
    if not is_safe_relative(name):
        raise InstallError("unsafe-path", f"the archive holds an unsafe path: {info.filename!r}")
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        what = "a link" if kind == stat.S_IFLNK else "a special file"
        raise InstallError("unsafe-entry", f"{info.filename!r} is {what}; only plain files are allowed")
    if info.flag_bits & 0x1:
        raise InstallError("encrypted", f"{info.filename!r} is encrypted")
    return name


def _check_declared(members: list[zipfile.ZipInfo], limits: InstallLimits) -> None:
    if len(members) > limits.max_files:
        raise InstallError("too-many-files", f"the archive holds more than {limits.max_files} entries")
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if total > limits.max_total_bytes:
        raise InstallError("too-large", f"the archive unpacks to {total // (1024 * 1024)} MB (a zip bomb?)")
    if total > limits.ratio_floor_bytes and total > packed * limits.max_ratio:
        raise InstallError("zip-bomb", f"compression ratio above {limits.max_ratio:g}:1 (a zip bomb?)")


def _copy_limited(source: IO[bytes], target: Path, declared: int, budget: _Budget) -> None:
    """Copy at most `declared` bytes: an entry that inflates beyond its header is refused."""
    written = 0
    with target.open("xb") as out:  # "x": two entries with one name never overwrite each other
        for block in iter(lambda: source.read(CHUNK), b""):
            written += len(block)
            if written > declared:
                raise InstallError("zip-bomb", f"{target.name} unpacks to more than it declares")
            budget.add_bytes(len(block))
            out.write(block)


def _extract_zip(archive: Path, staging: Path, limits: InstallLimits) -> None:
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = bundle.infolist()
            _check_declared(members, limits)
            budget = _Budget(limits)
            for info in members:
                target = staging / _member_name(info)
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                budget.add_file()
                target.parent.mkdir(parents=True, exist_ok=True)
                with bundle.open(info) as source:
                    _copy_limited(source, target, info.file_size, budget)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as error:
        raise InstallError("bad-archive", f"not a readable zip file: {error}") from error
    except FileExistsError as error:
        raise InstallError("unsafe-entry", f"the archive holds {error.filename} twice") from error


def _copy_folder(source: Path, staging: Path, limits: InstallLimits) -> None:
    budget = _Budget(limits)
    found = walk(source)  # iterative, never follows a link or opens a FIFO
    for relative in found.links:
        raise InstallError("unsafe-entry", f"{relative} is a link; only plain files are allowed")
    for relative in [*found.special, *found.too_deep]:
        raise InstallError("unsafe-entry", f"{relative} is not a plain file or is nested too deeply")
    if found.truncated:
        raise InstallError("too-large", "the folder holds too many entries")
    for relative in found.files:
        budget.add_file()
        budget.add_bytes((source / relative).lstat().st_size)
    copy_files(source, staging, found.files)


def unpack(source: Path, into: Path, limits: InstallLimits | None = None) -> Path:
    """Copy a pack folder or safely extract a zip into the new folder `into`; returns the pack in it."""
    limits = limits or InstallLimits()
    into.mkdir(parents=True)
    if source.is_dir():
        _copy_folder(source, into, limits)
    else:
        _extract_zip(source, into, limits)
    return _pack_root(into)


def _pack_root(unpacked: Path) -> Path:
    """The pack is at the top of the archive or in its only folder that holds a pack.yaml."""
    if (unpacked / MANIFEST).is_file():
        return unpacked
    candidates = [c for c in unpacked.iterdir() if c.is_dir() and (c / MANIFEST).is_file()]
    if len(candidates) != 1:
        raise InstallError("no-pack", "expected one pack (a folder with pack.yaml) in what was given")
    return candidates[0]


# Checking ----------------------------------------------------------------------------------------


def _validated(root: Path, display: str, origin: Origin, today: date | None) -> Pack:
    loaded = load_pack(root, display, origin, today)
    if isinstance(loaded, FailedPack):
        raise InstallError("invalid", "the pack has errors and was not installed", loaded.problems)
    return loaded


def _check_signature(pack: Pack, require_signed: bool, trusted_keys: list[str]) -> None:
    """Required: must verify. Not required but present: must still be intact (a damaged download)."""
    if not require_signed and not (pack.root / SIGNATURE_FILE).is_file():
        return
    problems = signature_problems(pack, trusted_keys)
    if not require_signed:
        problems = [p for p in problems if p.code != "untrusted-key"]
    if problems:
        raise InstallError(problems[0].code, "the pack's signature is not acceptable", problems)


def _manifest_of(folder: Path) -> tuple[str, str] | None:
    """(id, version) of an installed pack, read without a full load."""
    try:
        data = read_yaml_bytes((folder / MANIFEST).read_bytes()).data
    except (OSError, YamlRefused):
        return None
    pack_id, version = data.get("id"), data.get("version")
    return (pack_id, version) if isinstance(pack_id, str) and isinstance(version, str) else None


def installed_copy(dest: Path, pack_id: str) -> tuple[Path, str] | None:
    """The folder and version of `pack_id` already in `dest`, whatever the folder is called."""
    if not dest.is_dir():
        return None
    for child in sorted(dest.iterdir()):
        if child.is_dir() and not child.name.startswith("."):
            found = _manifest_of(child)
            if found is not None and found[0] == pack_id:
                return child, found[1]
    return None


def _check_rollback(new_version: str, installed: tuple[Path, str] | None, force: bool) -> None:
    if installed is None or force:
        return
    try:
        older = is_older(new_version, installed[1])
    except ValueError:
        return  # the installed copy has no valid version: replacing it is an improvement
    if older:
        message = (
            f"version {new_version} is older than the installed {installed[1]}; use --force to downgrade"
        )
        raise InstallError("rollback", message)


# Installing --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InstallOptions:
    origin: Origin = Origin.USER
    require_signed: bool = False
    trusted_keys: tuple[str, ...] = ()
    force: bool = False
    limits: InstallLimits = InstallLimits()
    today: date | None = None


def install_pack(source: Path, dest: Path, options: InstallOptions | None = None) -> InstallResult:
    """Install the pack in `source` (zip or folder) into the pack folder `dest`."""
    options = options or InstallOptions()
    if not source.exists():
        raise InstallError("not-found", f"{source} does not exist")
    try:
        dest.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".install-", dir=dest))
    except OSError as error:
        raise InstallError("io-error", f"cannot write to {dest}: {error.strerror or error}") from error
    try:
        root = unpack(source, staging / "unpacked", options.limits)
        return _finish(root, source, dest, staging, options)
    except OSError as error:  # disk full, permissions: nothing was moved into place
        raise InstallError("io-error", f"the pack could not be unpacked: {error}") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _finish(root: Path, source: Path, dest: Path, staging: Path, options: InstallOptions) -> InstallResult:
    pack = _validated(root, source.name, options.origin, options.today)
    _check_signature(pack, options.require_signed, list(options.trusted_keys))
    installed = installed_copy(dest, pack.id)
    _check_rollback(pack.manifest.version, installed, options.force)
    target = dest / pack.id
    _swap(root, target, installed[0] if installed else None, staging)
    previous = installed[1] if installed else None
    return InstallResult(pack.id, pack.manifest.version, target, previous, pack.problems)


def _swap(new: Path, target: Path, old: Path | None, staging: Path) -> None:
    """Move the old copy aside, the new one in; put the old one back if the second step fails."""
    if old is None and target.exists():
        raise InstallError("target-exists", f"{target} exists and is not a copy of this pack")
    aside = staging / "previous"
    if old is not None:
        old.rename(aside)
    try:
        new.rename(target)
    except OSError as error:
        if old is not None:
            aside.rename(old)
        raise InstallError("io-error", f"could not move the pack into place: {error}") from error
