"""Read one pack folder: parse and validate every file, then check it as a whole.

A pack with any error is returned as a FailedPack: a clinical reference must never show a
partly broken pack as if it were whole. Warnings (overdue reviews, retired documents) do not
stop a pack from loading.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import TypeAdapter, ValidationError

from app.core import model
from app.core.model import (  # the adapters: importing the loader builds the models
    DOCUMENT_ADAPTER,
    MANIFEST,
    MANIFEST_ADAPTER,
)
from app.core.packs.cache import DocumentCache, ReadFiles
from app.core.packs.checks import ContentFile, PackNames, check_pack
from app.core.packs.loaded import FailedPack, Origin, Pack
from app.core.packs.messages import findings
from app.core.packs.problems import Level, Problem, has_errors
from app.core.packs.yaml_reader import MAX_FILE_BYTES, ParsedYaml, Position, YamlRefused, read_yaml_bytes
from app.core.system.safe_files import FileTooLarge, NotRegularFile, read_head, read_regular, walk
from app.core.wording import plural

START = Position(1, 1)

T = TypeVar("T")
CLAIMED_ID = re.compile(r"^id:\s*[\"']?([A-Za-z0-9_-]+)", re.MULTILINE)
MAX_FILES = 20_000
MAX_PROBLEMS = 200
"""Problems kept per pack: enough to fix a pack, and a hostile one cannot exhaust memory or time."""
TIME_BUDGET_SECONDS = 120.0
"""A pack still loading after this long is refused, so that one pack cannot hold up the others."""
SCHEMA_COMMENT = "# yaml-language-server: $schema="


@dataclass
class _Context:
    root: Path
    display: str
    problems: list[Problem] = field(default_factory=list)
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)
    hashes: dict[str, str] = field(default_factory=dict)
    """SHA-256 of the bytes that were parsed, per file: what a signature check compares."""
    read: ReadFiles = field(default_factory=ReadFiles)
    """Size, modification time and hash of every file read: what the document cache is keyed by."""
    deadline: float = field(default_factory=lambda: time.monotonic() + TIME_BUDGET_SECONDS)
    dropped: int = 0

    def add(self, relpath: str, position: Position, code: str, message: str, warn: bool = False) -> None:
        level = Level.WARNING if warn else Level.ERROR
        if len(self.problems) >= MAX_PROBLEMS:
            self.dropped += 1
            if level is Level.ERROR and not has_errors(self.problems):
                self.problems[-1] = Problem(self.display, relpath, 1, 1, level, code, message)
            return
        self.problems.append(
            Problem(self.display, relpath, position.line, position.column, level, code, message)
        )

    def finish(self) -> None:
        """Say how many problems were left out, so a capped list is never mistaken for all of them."""
        if self.dropped:
            message = (
                f"{plural(self.dropped, 'more problem')} not listed; fix the ones above and validate again"
            )
            level = Level.ERROR if has_errors(self.problems) else Level.WARNING
            self.problems.append(Problem(self.display, "", 1, 1, level, "too-many-problems", message))

    def out_of_time(self) -> bool:
        if time.monotonic() <= self.deadline:
            return False
        limit = f"{TIME_BUDGET_SECONDS:.0f} s"
        self.add(MANIFEST, START, "too-slow", f"the pack took longer than {limit} to load, so it was skipped")
        return True


def _document_files(root: Path, context: _Context) -> list[Path]:
    found = walk(root, skip_hidden=True)
    for relative in found.links:
        context.add(relative, START, "symlink", "links are not allowed inside a pack")
    for relative in found.special:
        context.add(relative, START, "not-a-file", "only plain files and folders are allowed inside a pack")
    for relative in found.too_deep:
        context.add(relative, START, "too-deep", "folders are nested too deeply inside this pack")
    if found.truncated:
        context.add(MANIFEST, START, "too-many-files", "the pack folder holds too many entries to read")
    files = [
        root / name for name in found.files if name != MANIFEST and Path(name).suffix in {".yaml", ".yml"}
    ]
    if len(files) > MAX_FILES:
        context.add(MANIFEST, START, "too-many-files", f"a pack may hold at most {MAX_FILES} documents")
        return []
    return files


def _read(path: Path, context: _Context) -> ParsedYaml | None:
    relpath = path.relative_to(context.root).as_posix()
    try:
        info = os.stat(path, follow_symlinks=False)  # before reading: a later change reads as stale
        raw = read_regular(path, MAX_FILE_BYTES)
    except FileTooLarge as error:
        context.add(relpath, START, "too-large", str(error))
        return None
    except NotRegularFile as error:
        context.add(relpath, START, "not-a-file", f"{error}; only plain files are allowed inside a pack")
        return None
    except OSError as error:
        context.add(relpath, START, "unreadable", f"cannot read the file: {error.strerror or error}")
        return None
    context.digest.update(relpath.encode() + b"\0" + raw + b"\0")
    context.hashes[relpath] = hashlib.sha256(raw).hexdigest()
    context.read.keys[relpath] = (len(raw), info.st_mtime_ns, context.hashes[relpath])
    context.read.order.append(relpath)
    if not raw.startswith(SCHEMA_COMMENT.encode()):
        context.add(relpath, START, "schema-comment", f"start the file with `{SCHEMA_COMMENT}...`", warn=True)
    try:
        return read_yaml_bytes(raw)
    except YamlRefused as refused:
        for issue in refused.issues:
            context.add(relpath, Position(issue.line, issue.column), issue.code, issue.message)
        return None


def _validate(adapter: TypeAdapter[T], parsed: ParsedYaml, relpath: str, context: _Context) -> T | None:
    try:
        return adapter.validate_python(parsed.data)
    except ValidationError as error:
        for position, code, message in findings(error, parsed):
            context.add(relpath, position, code, message)
        return None


def _claimed_id(path: Path) -> str:
    """The id an unreadable file meant to have, so links to it say why they were not checked."""
    try:
        head = read_head(path, 65536).decode("utf-8", "replace")
    except OSError:
        return path.stem
    match = CLAIMED_ID.search(head)
    return match.group(1) if match else path.stem


def load_pack(
    root: Path,
    display: str | None = None,
    origin: Origin = Origin.EXTRA,
    today: date | None = None,
    cache: DocumentCache | None = None,
) -> Pack | FailedPack:
    """Load the pack in `root`; never raises for bad content. With `cache`, an unchanged pack is
    taken from it instead of parsed, validated and checked again (app.core.packs.cache)."""
    context = _Context(root, display if display is not None else str(root))
    day = today or date.today()
    cached = cache.lookup(root, context.display, origin, day) if cache is not None else None
    if cached is not None:
        return cached
    loaded = _load(root, context, origin, day)
    context.finish()
    if cache is not None and isinstance(loaded, Pack) and not context.dropped:
        cache.store(loaded, context.read)
    return loaded


def _load(root: Path, context: _Context, origin: Origin, today: date) -> Pack | FailedPack:
    manifest_path = root / MANIFEST
    if not manifest_path.is_file():
        context.add(MANIFEST, START, "no-manifest", "this folder has no pack.yaml, so it is not a pack")
        return FailedPack(root, context.display, origin, context.problems)
    parsed_manifest = _read(manifest_path, context)
    manifest: model.PackManifest | None = None
    if parsed_manifest is not None:
        manifest = _validate(MANIFEST_ADAPTER, parsed_manifest, MANIFEST, context)
    files: list[ContentFile] = []
    unreadable_ids: set[str] = set()
    for path in _document_files(root, context):
        if context.out_of_time():
            return FailedPack(root, context.display, origin, context.problems, manifest)
        relpath = path.relative_to(root).as_posix()
        parsed = _read(path, context)
        if parsed is None:
            unreadable_ids.add(_claimed_id(path))
            continue
        document = _validate(DOCUMENT_ADAPTER, parsed, relpath, context)
        files.append(ContentFile(relpath, parsed, document))
    names = PackNames.from_manifest(parsed_manifest.data if parsed_manifest else None)
    check_pack(manifest, names, files, context.add, today=today, unreadable_ids=unreadable_ids)
    if manifest is None or has_errors(context.problems):
        return FailedPack(root, context.display, origin, context.problems, manifest)
    parsed_files = [(f, f.document) for f in files if f.document is not None]
    documents = {d.id: d for _, d in parsed_files}
    relpaths = {d.id: f.relpath for f, d in parsed_files}
    return Pack(
        manifest,
        root,
        context.display,
        origin,
        documents,
        relpaths,
        context.digest.hexdigest(),
        context.problems,
        context.hashes,
    )
