"""Ordering of pack versions (semantic versioning), for updates and rollback refusal."""

from __future__ import annotations

import re

_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$")

PreRelease = tuple[tuple[int, int | str], ...]


def _pre_release(tag: str | None) -> tuple[int, PreRelease]:
    """A release sorts after every pre-release of the same number (1.0.0-rc.1 < 1.0.0)."""
    if not tag:
        return 1, ()
    parts = tuple((0, int(p)) if p.isdigit() else (1, p) for p in tag.split("."))
    return 0, parts


def version_key(version: str) -> tuple[int, int, int, tuple[int, PreRelease]]:
    """A sortable key; raises ValueError for a string that is not semantic versioning."""
    match = _SEMVER.match(version.strip())
    if match is None:
        raise ValueError(f"not a version number: {version!r}")
    major, minor, patch, tag = match.groups()
    return int(major), int(minor), int(patch), _pre_release(tag)


def is_older(version: str, than: str) -> bool:
    return version_key(version) < version_key(than)
