"""Walking and reading pack folders without trusting them.

A pack folder may come from a share that anyone on the network can write to, so:
- walking never follows a link and never recurses in Python (a folder nested 1,500 deep is a
  finding, not a RecursionError);
- only regular files are opened, with O_NOFOLLOW and O_NONBLOCK so that a FIFO or device cannot
  make the app wait forever or read without end, and every read is bounded;
- a file is read once: callers hash and parse the same bytes (see loader and signing).
Used by loading, signing, the site cache and install.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

MAX_DEPTH = 32
"""Folder levels below a pack root; content is a few levels deep at most."""
MAX_ENTRIES = 100_000
"""Directory entries looked at in one walk before it stops (and says so)."""


class NotRegularFile(OSError):
    """The path is a link, FIFO, device, socket or folder: nothing a pack may contain."""


class FileTooLarge(OSError):
    """The file is larger than the caller's limit."""


@dataclass
class Walk:
    """What one walk found, as POSIX paths relative to the root."""

    files: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    special: list[str] = field(default_factory=list)
    """FIFOs, devices and sockets: never opened."""
    too_deep: list[str] = field(default_factory=list)
    truncated: bool = False
    """True when the walk stopped at MAX_ENTRIES."""

    @property
    def refused(self) -> list[str]:
        return sorted({*self.links, *self.special})


def walk(root: Path, *, skip_hidden: bool = False, max_depth: int = MAX_DEPTH) -> Walk:
    """Every regular file under `root`, iteratively, never following links (sorted)."""
    found = Walk()
    pending: list[tuple[Path, str, int]] = [(root, "", 0)]
    seen = 0
    while pending:
        folder, prefix, depth = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            found.special.append(prefix or ".")
            continue
        for entry in entries:
            seen += 1
            if seen > MAX_ENTRIES:
                found.truncated = True
                return _sorted(found)
            if skip_hidden and entry.name.startswith("."):
                continue
            relative = f"{prefix}{entry.name}"
            _classify(entry, relative, depth < max_depth, found, pending)
    return _sorted(found)


def _classify(
    entry: os.DirEntry[str],
    relative: str,
    may_descend: bool,
    found: Walk,
    pending: list[tuple[Path, str, int]],
) -> None:
    if entry.is_symlink():
        found.links.append(relative)
    elif entry.is_dir(follow_symlinks=False):
        if may_descend:
            pending.append((Path(entry.path), f"{relative}/", relative.count("/") + 1))
        else:
            found.too_deep.append(relative)
    elif entry.is_file(follow_symlinks=False):
        found.files.append(relative)
    else:
        found.special.append(relative)


def _sorted(found: Walk) -> Walk:
    for items in (found.files, found.links, found.special, found.too_deep):
        items.sort()
    return found


def _open_regular(path: Path) -> BinaryIO:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if path.is_symlink():
            raise NotRegularFile(f"{path.name} is a link, not a plain file") from error
        raise
    handle = os.fdopen(descriptor, "rb")
    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
        handle.close()
        raise NotRegularFile(f"{path.name} is not a plain file")
    return handle


def sha256_regular(path: Path) -> str:
    """SHA-256 of a regular file, read in blocks; raises like `read_regular`."""
    digest = hashlib.sha256()
    with _open_regular(path) as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def read_head(path: Path, size: int) -> bytes:
    """The first `size` bytes of a regular file (never a link, FIFO or device)."""
    with _open_regular(path) as handle:
        return handle.read(size)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path` if it is a regular file (not a link) of at most `limit` bytes.

    Raises FileNotFoundError, NotRegularFile, FileTooLarge or another OSError."""
    return read_regular_stat(path, limit)[0]


def read_regular_stat(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """read_regular, with the file's status as it was opened (size and modification time)."""
    with _open_regular(path) as handle:
        info = os.fstat(handle.fileno())
        if info.st_size > limit:
            raise FileTooLarge(f"the file is {info.st_size // 1024} KB; the limit is {limit // 1024} KB")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(f"the file grew past the limit of {limit // 1024} KB while being read")
    return data, info


def is_regular(path: Path) -> bool:
    """A regular file that is not a link (does not follow a link at the last component)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def copy_regular_tree(source: Path, target: Path) -> Walk:
    """Copy the regular files under `source` into the new folder `target`; links, FIFOs and
    devices are left behind (the returned walk lists them). Raises OSError when a copy fails."""
    found = walk(source)
    target.mkdir(parents=True)
    copy_files(source, target, found.files)
    return found


def copy_files(source: Path, target: Path, names: list[str]) -> None:
    """Copy `names` (relative paths of regular files) from `source` to `target`, refusing any that
    has become something else in the meantime."""
    for name in names:
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with _open_regular(source / name) as reader, destination.open("xb") as writer:
            shutil.copyfileobj(reader, writer, 1 << 16)
