"""The installation manifest: every file of a built folder with its SHA-256, written at build time.

build.spec writes it into the frozen folder; `protocol-desk self-test --installed` checks the
installed copy against it, so IT can tell an intact installation from one with files missing,
modified (a failed copy, a virus scanner's quarantine, someone's edit) or links that point elsewhere.
Files added beside the app (portable.txt, site.toml, the portable data folder) are not part of the
check; files added inside the bundle's own folder are listed, because nothing should put them there.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST_NAME = "install-manifest.json"
FORMAT = 1
CHUNK = 1 << 20


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        base = Path(folder)
        found += [base / name for name in sorted(files)]
        found += [base / name for name in dirs if (base / name).is_symlink()]  # os.walk does not descend
    return found


def build_manifest(root: Path, app_id: str, version: str, skip: Path | None = None) -> dict[str, Any]:
    """Hash every file under `root` (paths relative to it, with `/`); symbolic links are recorded as links."""
    files: dict[str, str] = {}
    links: dict[str, str] = {}
    for path in _walk(root):
        if skip is not None and path == skip:
            continue
        relative = path.relative_to(root).as_posix()
        if path.is_symlink():
            links[relative] = os.readlink(path)
        else:
            files[relative] = _sha256(path)
    return {
        "format": FORMAT,
        "app": app_id,
        "version": version,
        "algorithm": "sha256",
        "files": files,
        "links": links,
    }


def write_manifest(root: Path, manifest_path: Path, app_id: str, version: str) -> Path:
    manifest = build_manifest(root, app_id, version, skip=manifest_path)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest_path


@dataclass
class ManifestCheck:
    """The outcome of checking an installed folder; `ok` when nothing listed is missing or changed."""

    version: str
    checked: int = 0
    missing: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.modified


class ManifestError(ValueError):
    """The manifest itself cannot be read: missing, not JSON, or not a manifest."""


def read_manifest(manifest_path: Path) -> dict[str, Any]:
    try:
        data = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ManifestError(
            f"{manifest_path}: no installation manifest (not a built installation?)"
        ) from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ManifestError(f"{manifest_path}: cannot read the installation manifest: {error}") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), dict):
        raise ManifestError(f"{manifest_path}: not an installation manifest of format {FORMAT}")
    return data


def verify_manifest(root: Path, manifest_path: Path, watched: Path | None = None) -> ManifestCheck:
    """Check `root` against the manifest; files under `watched` that the manifest lacks are `unexpected`."""
    manifest = read_manifest(manifest_path)
    check = ManifestCheck(version=str(manifest.get("version", "?")))
    for relative, expected in sorted(manifest["files"].items()):
        path = root / relative
        check.checked += 1
        if not path.is_file() or path.is_symlink():
            check.missing.append(relative)
        elif _sha256(path) != expected:
            check.modified.append(relative)
    for relative, target in sorted(manifest.get("links", {}).items()):
        path = root / relative
        check.checked += 1
        if not path.is_symlink():
            check.missing.append(relative)
        elif os.readlink(path) != target:
            check.modified.append(relative)
    if watched is not None:
        listed = set(manifest["files"]) | set(manifest.get("links", {}))
        for path in _walk(watched):
            relative = path.relative_to(root).as_posix()
            if relative not in listed and path != manifest_path:
                check.unexpected.append(relative)
    return check
