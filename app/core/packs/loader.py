"""Read one pack folder: parse and validate every file, then check it as a whole.

A pack with any error is returned as a FailedPack: a clinical reference must never show a
partly broken pack as if it were whole. Warnings (overdue reviews, retired documents) do not
stop a pack from loading.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import TypeAdapter, ValidationError

from app.core import model
from app.core.model.manifest import MANIFEST
from app.core.packs.checks import ParsedFile, check_pack
from app.core.packs.loaded import FailedPack, Origin, Pack
from app.core.packs.messages import findings
from app.core.packs.problems import Level, Problem, has_errors
from app.core.packs.yaml_reader import MAX_FILE_BYTES, ParsedYaml, Position, YamlRefused, read_yaml_bytes

START = Position(1, 1)

T = TypeVar("T")
CLAIMED_ID = re.compile(r"^id:\s*[\"']?([A-Za-z0-9_-]+)", re.MULTILINE)
MAX_FILES = 20_000
SCHEMA_COMMENT = "# yaml-language-server: $schema="


@dataclass
class _Context:
    root: Path
    display: str
    problems: list[Problem] = field(default_factory=list)
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)

    def add(self, relpath: str, position: Position, code: str, message: str, warn: bool = False) -> None:
        level = Level.WARNING if warn else Level.ERROR
        self.problems.append(
            Problem(self.display, relpath, position.line, position.column, level, code, message)
        )


def _document_files(root: Path, context: _Context) -> list[Path]:
    files = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or path.name == MANIFEST:
            continue
        if path.is_symlink():
            context.add(relative.as_posix(), START, "symlink", "links are not allowed inside a pack")
        elif path.is_file() and path.suffix in {".yaml", ".yml"}:
            files.append(path)
    if len(files) > MAX_FILES:
        context.add(MANIFEST, START, "too-many-files", f"a pack may hold at most {MAX_FILES} documents")
        return []
    return files


def _read(path: Path, context: _Context) -> ParsedYaml | None:
    relpath = path.relative_to(context.root).as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // 1024
            context.add(
                relpath, START, "too-large", f"the file is {size // 1024} KB; the limit is {limit} KB"
            )
            return None
        raw = path.read_bytes()
    except OSError as error:
        context.add(relpath, START, "unreadable", f"cannot read the file: {error.strerror or error}")
        return None
    context.digest.update(relpath.encode() + b"\0" + raw + b"\0")
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


def _claimed_id(parsed: ParsedYaml | None, path: Path) -> str:
    """The id a broken file meant to have, so links to it are not reported a second time."""
    if parsed is not None and isinstance(parsed.data.get("id"), str):
        return str(parsed.data["id"])
    try:
        with path.open("rb") as handle:
            head = handle.read(65536).decode("utf-8", "replace")
    except OSError:
        return path.stem
    match = CLAIMED_ID.search(head)
    return match.group(1) if match else path.stem


def load_pack(
    root: Path, display: str | None = None, origin: Origin = Origin.EXTRA, today: date | None = None
) -> Pack | FailedPack:
    """Load the pack in `root`; never raises for bad content."""
    context = _Context(root, display if display is not None else str(root))
    manifest_path = root / MANIFEST
    if not manifest_path.is_file():
        context.add(MANIFEST, START, "no-manifest", "this folder has no pack.yaml, so it is not a pack")
        return FailedPack(root, context.display, origin, context.problems)
    parsed_manifest = _read(manifest_path, context)
    manifest: model.PackManifest | None = None
    if parsed_manifest is not None:
        manifest = _validate(model.MANIFEST_ADAPTER, parsed_manifest, MANIFEST, context)
    parsed_files = []
    invalid_ids: set[str] = set()
    for path in _document_files(root, context):
        relpath = path.relative_to(root).as_posix()
        parsed = _read(path, context)
        document = _validate(model.DOCUMENT_ADAPTER, parsed, relpath, context) if parsed else None
        if parsed is not None and document is not None:
            parsed_files.append(ParsedFile(relpath, parsed, document))
        else:
            invalid_ids.add(_claimed_id(parsed, path))
    if manifest is not None:
        check_pack(manifest, parsed_files, context.add, today or date.today(), invalid_ids)
    if manifest is None or has_errors(context.problems):
        return FailedPack(root, context.display, origin, context.problems, manifest)
    documents = {f.document.id: f.document for f in parsed_files}
    files = {f.document.id: f.relpath for f in parsed_files}
    return Pack(
        manifest,
        root,
        context.display,
        origin,
        documents,
        files,
        context.digest.hexdigest(),
        context.problems,
    )
