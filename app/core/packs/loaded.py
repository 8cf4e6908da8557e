"""Loaded packs: the value types the rest of the app reads."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from app.core import model
from app.core.packs.problems import Problem


class Origin(StrEnum):
    BUNDLED = "bundled"
    SITE = "site"
    USER = "user"
    EXTRA = "extra"


@dataclass
class Pack:
    """A pack that loaded without errors (it may carry warnings)."""

    manifest: model.PackManifest
    root: Path
    display: str
    origin: Origin
    documents: dict[str, model.Document]
    files: dict[str, str]
    """document id -> file path relative to the pack"""
    content_hash: str
    problems: list[Problem] = field(default_factory=list)
    file_hashes: dict[str, str] = field(default_factory=dict)
    """SHA-256 of the bytes parsed from each file (pack-relative path): a signature check compares
    these, so the bytes verified are the bytes shown, even if a file is swapped after loading."""

    @property
    def id(self) -> str:
        return self.manifest.id

    def reference(self, ref_id: str) -> model.Reference | None:
        return next((r for r in self.manifest.references if r.id == ref_id), None)


@dataclass
class FailedPack:
    """A pack that was skipped: its problems say why."""

    root: Path
    display: str
    origin: Origin
    problems: list[Problem]
    manifest: model.PackManifest | None = None

    @property
    def title(self) -> str:
        return self.manifest.title if self.manifest else self.root.name


@dataclass
class PackSet:
    """Every pack found under the configured roots, loaded or not."""

    packs: list[Pack] = field(default_factory=list)
    failed: list[FailedPack] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Problems of every pack (loaded or failed) and of the roots themselves."""
    signed_only: bool = False
    """Loaded under a policy that requires signed packs: nothing derived from them may be taken
    from a cache that is not itself verified (the search index is rebuilt)."""

    def documents(self) -> Iterator[tuple[Pack, model.Document]]:
        for pack in self.packs:
            for document in pack.documents.values():
                yield pack, document

    def find(self, doc_id: str) -> tuple[Pack, model.Document] | None:
        """Look a document up by `id`, `pack/id` or `id#section`."""
        pack_id, _, rest = doc_id.rpartition("/")
        wanted = rest.partition("#")[0]
        for pack in self.packs:
            if pack_id and pack.id != pack_id:
                continue
            if wanted in pack.documents:
                return pack, pack.documents[wanted]
        return None

    def pack(self, pack_id: str) -> Pack | None:
        return next((p for p in self.packs if p.id == pack_id), None)

    def acronyms(self) -> frozenset[str]:
        """The packs' own single-word abbreviations, lower case (`iv`, `trd`): labels show them upper case."""
        return frozenset(
            entry.short.lower()
            for pack in self.packs
            for entry in pack.manifest.abbreviations
            if entry.short.isalnum()
        )

    @property
    def content_hash(self) -> str:
        return ",".join(f"{p.id}:{p.content_hash}" for p in self.packs)
