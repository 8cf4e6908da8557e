"""Validated packs kept between launches: an unchanged pack is neither parsed nor checked again.

One cache file per pack folder holds what a clean load of that folder produced: the manifest and
the documents as the models dump them to JSON, which document came from which file, and the
problems found (warnings only: a pack with errors is never cached). It is keyed by every file's
size, modification time and SHA-256, and by the versions of the app, of pydantic and of the model
sources. A second load still walks the folder and reads and hashes every file (the pack's content
hash and the per-file hashes a signature check compares come from the real bytes, never from the
cache); when every key matches, it skips YAML parsing and the whole-pack checks, and the models
validate the cached JSON (in pydantic-core, a fraction of validating YAML-built data). The
review-date warnings depend on the day, so they are never cached but worked out again each load.

Why JSON and not pickle: unpickling runs whatever the file says, so a pickle cache would let
anyone who can write to the cache folder run code in the app. JSON is only data, and it goes back
through the same pydantic models, so the worst a doctored cache can do is describe documents the
models accept; the app never takes the cache for a pack whose site requires signatures (see
app.core.distribution.policy). Rust-side `validate_json` costs little more than unpickling.

A cache file that is missing, damaged, stale or from another version is ignored, and the pack is
loaded from its files and cached again: the cache is only ever a copy.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import importlib.util
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from app import __version__
from app.core import model
from app.core.model import MANIFEST
from app.core.packs.loaded import Origin, Pack
from app.core.packs.problems import Level, Problem
from app.core.system.safe_files import read_regular_stat, walk

if TYPE_CHECKING:
    from pydantic import TypeAdapter

# pydantic, the models, the YAML reader and the checks are imported where they are used: checking
# that a pack is unchanged (`DocumentCache.content_hash`, all a cached search needs) uses none of them.

log = logging.getLogger(__name__)

FORMAT = 1
"""Raised whenever the layout of a cache file changes."""
SUFFIXES = (".yaml", ".yml")

FileKey = tuple[int, int, str]
"""size, modification time (ns), SHA-256"""


@functools.cache
def _documents_adapter() -> TypeAdapter[list[model.Document]]:
    from pydantic import TypeAdapter

    return TypeAdapter(list[model.Document])


@functools.cache
def _models_fingerprint() -> str:
    """Changes with the app, pydantic or any model source file: a document dumped by other models
    may not validate, or not mean, the same. Found without importing pydantic (see above)."""
    digest = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    sources = sorted(Path(model.__file__).parent.glob("*.py"))
    for package in ("pydantic", "pydantic_core"):
        spec = importlib.util.find_spec(package)
        sources += [Path(spec.origin)] if spec is not None and spec.origin else []
    for source in sources:
        try:
            info = source.stat()
        except OSError:
            continue
        digest.update(f"{source.name}:{info.st_size}:{info.st_mtime_ns}".encode())
    return digest.hexdigest()


@dataclass
class ReadFiles:
    """What the loader learnt of the files it read: the keys the cache is checked against."""

    keys: dict[str, FileKey] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    """pack.yaml first, then the documents in the order they were read"""


class DocumentCache:
    """A folder of cache files, one per pack folder, named by a hash of its resolved path."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def file_for(self, root: Path) -> Path:
        return self.folder / f"{hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:32]}.json"

    def lookup(self, root: Path, display: str, origin: Origin, today: date) -> Pack | None:
        """The pack as last cached, if every file in `root` is unchanged; else None."""
        try:
            return _Lookup(self.file_for(root), root, display, origin, today).run()
        except FileNotFoundError:  # not cached yet, or a file went away: a full load says which
            return None
        except Exception:  # a damaged or foreign cache costs a full load, never the pack
            log.info("the document cache for %s is unusable; it will be rebuilt", root, exc_info=True)
            return None

    def content_hash(self, root: Path) -> tuple[str, str] | None:
        """(pack id, content hash) of the pack in `root` as a load would give them, if it is cached
        and every file is unchanged (each one read and hashed); else None. Nothing is validated."""
        try:
            return _Lookup(self.file_for(root), root, "", Origin.EXTRA, date.min).content_hash()
        except Exception:  # whatever is wrong, the caller loads the pack the full way
            return None

    def store(self, pack: Pack, files: ReadFiles) -> None:
        """Keep `pack` (just loaded cleanly from the files described by `files`)."""
        from app.core.packs.checks import REVIEW_OVERDUE

        header = {
            "format": FORMAT,
            "models": _models_fingerprint(),
            "pack": pack.id,
            "files": {relpath: list(files.keys[relpath]) for relpath in files.order},
            "relpaths": pack.files,
            "review_due": {pack.files[i]: d.review_due.isoformat() for i, d in pack.documents.items()},
            "problems": [_problem_row(p) for p in pack.problems if p.code != REVIEW_OVERDUE],
        }
        manifest = model.MANIFEST_ADAPTER.dump_json(pack.manifest)
        documents = _documents_adapter().dump_json(list(pack.documents.values()))
        try:
            _write(self.file_for(pack.root), [json.dumps(header).encode(), manifest, documents])
        except OSError as error:  # a read-only or full cache folder only costs speed
            log.warning("the document cache for %s could not be written: %s", pack.root, error)


def _problem_row(problem: Problem) -> list[Any]:
    return [problem.file, problem.line, problem.column, problem.severity.value, problem.code, problem.message]


def _problem(display: str, row: list[Any]) -> Problem:
    file, line, column, severity, code, message = row
    return Problem(display, str(file), int(line), int(column), Level(severity), str(code), str(message))


class _Lookup:
    """One attempt to take a pack from its cache file; any mismatch returns None."""

    def __init__(self, file: Path, root: Path, display: str, origin: Origin, today: date) -> None:
        self.file, self.root, self.display, self.origin, self.today = file, root, display, origin, today
        self.digest = hashlib.sha256()
        self.hashes: dict[str, str] = {}
        self.kept: dict[str, bytes] = {}
        """The bytes of files whose review is overdue: the warning needs the line of `review_due`."""

    def _verified(self, stream: IO[bytes]) -> dict[str, Any] | None:
        """The cache file's header, if it is this version's and every file is unchanged."""
        header: dict[str, Any] = json.loads(stream.readline())
        if header.get("format") != FORMAT or header.get("models") != _models_fingerprint():
            return None
        return header if self._same_files(header["files"], header["review_due"]) else None

    def content_hash(self) -> tuple[str, str] | None:
        with self.file.open("rb") as stream:
            header = self._verified(stream)
        return None if header is None else (str(header["pack"]), self.digest.hexdigest())

    def run(self) -> Pack | None:
        with self.file.open("rb") as stream:
            header = self._verified(stream)
            if header is None:
                return None
            manifest_json, documents_json = stream.readline(), stream.read()
        manifest = model.MANIFEST_ADAPTER.validate_json(manifest_json)
        documents = {d.id: d for d in _documents_adapter().validate_json(documents_json)}
        relpaths: dict[str, str] = {doc_id: header["relpaths"][doc_id] for doc_id in documents}
        problems = [_problem(self.display, row) for row in header["problems"]]
        problems += [self._overdue(relpaths[i], d) for i, d in documents.items() if relpaths[i] in self.kept]
        return Pack(
            manifest,
            self.root,
            self.display,
            self.origin,
            documents,
            relpaths,
            self.digest.hexdigest(),
            problems,
            self.hashes,
        )

    def _same_files(self, keys: dict[str, list[Any]], review_due: dict[str, str]) -> bool:
        """The same files in the same order, each with the same size, modification time and hash;
        every file is read and hashed, as the loader would."""
        found = walk(self.root, skip_hidden=True)
        if found.links or found.special or found.too_deep or found.truncated:
            return False
        names = [n for n in found.files if n != MANIFEST and Path(n).suffix in SUFFIXES]
        if [MANIFEST, *names] != list(keys):
            return False
        today = self.today.isoformat()
        for relpath, (size, mtime_ns, sha256) in keys.items():
            raw, info = read_regular_stat(self.root / relpath, size)  # larger than cached: changed
            if info.st_size != size or info.st_mtime_ns != mtime_ns:
                return False
            self.hashes[relpath] = hashlib.sha256(raw).hexdigest()
            if self.hashes[relpath] != sha256:
                return False
            self.digest.update(relpath.encode() + b"\0" + raw + b"\0")
            if review_due.get(relpath, today) < today:
                self.kept[relpath] = raw
        return True

    def _overdue(self, relpath: str, document: model.Document) -> Problem:
        from app.core.packs.checks import REVIEW_OVERDUE, review_overdue
        from app.core.packs.yaml_reader import ParsedYaml, decode_text

        line, column = ParsedYaml(None, decode_text(self.kept[relpath])).position_of(("review_due",))
        message = review_overdue(document, self.today) or ""
        return Problem(self.display, relpath, line, column, Level.WARNING, REVIEW_OVERDUE, message)


def _write(file: Path, lines: list[bytes]) -> None:
    # Only the user may read or write the cache: it decides what the app shows for a pack.
    file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=file.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(b"\n".join(lines))  # JSON as dumped here holds no raw newline
        os.replace(name, file)  # readers see the old file or the new one, never half of one
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while packs are built: a load creates millions of
    objects that all stay alive, so the collections they trigger find nothing to free and cost about
    a fifth of the load. Reference counting still frees whatever is dropped."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
