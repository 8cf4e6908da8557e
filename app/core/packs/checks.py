"""Checks that need the whole pack: unique ids, links, references, card sources, review dates."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from app import __version__
from app.core import model
from app.core.model.manifest import MANIFEST, PLACEHOLDER_USE
from app.core.packs.outline import RESERVED_SECTION_IDS, section_ids
from app.core.packs.semver import is_older
from app.core.packs.yaml_reader import ParsedYaml, Path_, Position


@dataclass(frozen=True)
class ParsedFile:
    """One content file that parsed: where it is, its YAML with positions, and its validated model."""

    relpath: str
    parsed: ParsedYaml
    document: model.Document


class Reporter(Protocol):
    def __call__(
        self, relpath: str, position: Position, code: str, message: str, warn: bool = False
    ) -> None: ...


def _walk(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, (*path, index))


class _At:
    """Reports findings in one file at the position of a data path."""

    def __init__(self, report: Reporter, file: ParsedFile) -> None:
        self.report = report
        self.file = file

    def __call__(self, path: Path_, code: str, message: str, warn: bool = False) -> None:
        self.report(self.file.relpath, self.file.parsed.position_of(path), code, message, warn)


def _check_unique_ids(files: list[ParsedFile], report: Reporter) -> None:
    first_seen: dict[str, str] = {}
    for file in files:
        doc_id = file.document.id
        if doc_id in first_seen:
            _At(report, file)(
                ("id",),
                "duplicate-id",
                f"document id `{doc_id}` is also used by {first_seen[doc_id]}",
            )
        else:
            first_seen[doc_id] = file.relpath


def _duplicates_in(file: ParsedFile, list_key: str, what: str, report: Reporter, base: Path_ = ()) -> None:
    items = file.parsed.data
    for part in base:
        items = items[part]
    seen: set[object] = set()
    for index, item in enumerate(items.get(list_key, []) if isinstance(items, dict) else []):
        item_id = item.get("id") if isinstance(item, dict) else None
        if item_id in seen:
            _At(report, file)(
                (*base, list_key, index, "id"),
                "duplicate-id",
                f"{what} id `{item_id}` is used twice",
            )
        seen.add(item_id)


def _check_local_ids(file: ParsedFile, report: Reporter) -> None:
    document = file.document
    _duplicates_in(file, "sections", "section", report)
    for index, section in enumerate(document.sections):
        if section.id in RESERVED_SECTION_IDS:
            _At(report, file)(
                ("sections", index, "id"),
                "reserved-id",
                f"section id `{section.id}` is reserved for the document's structured part; choose another",
            )
    if isinstance(document, model.Checklist):
        _duplicates_in(file, "timepoints", "timepoint", report)
        items = [(t, i) for t, point in enumerate(document.timepoints) for i, _ in enumerate(point.items)]
        seen: set[str] = set()
        for t, i in items:
            item_id = document.timepoints[t].items[i].id
            if item_id in seen:
                _At(report, file)(
                    ("timepoints", t, "items", i, "id"),
                    "duplicate-id",
                    f"item id `{item_id}` is used twice",
                )
            seen.add(item_id)
    elif isinstance(document, model.Instructions):
        _duplicates_in(file, "phases", "phase", report)
    elif isinstance(document, model.CardDeck):
        _duplicates_in(file, "cards", "card", report)


def _check_values(file: ParsedFile, references: set[str], placeholders: set[str], report: Reporter) -> None:
    """One walk over the raw data: reference ids resolve and placeholders are declared."""
    at = _At(report, file)
    for path, value in _walk(file.parsed.data):
        if isinstance(value, str):
            if "{{" in value:
                _check_placeholders(value, path, placeholders, at)
        elif path and path[-1] == "references" and isinstance(value, list):
            for index, ref in enumerate(value):
                if isinstance(ref, str) and ref not in references:
                    message = f"reference `{ref}` is not in the pack's reference list (pack.yaml)"
                    at((*path, index), "unknown-reference", message)


def _check_links(
    file: ParsedFile, documents: dict[str, model.Document], broken: set[str], report: Reporter
) -> None:
    for key in ("see_also", "related_protocols"):
        for index, target in enumerate(getattr(file.document, key, [])):
            if target in broken:
                continue  # the target's own errors are reported; one cause, one message
            if target not in documents:
                _At(report, file)((key, index), "broken-link", f"`{target}` is not a document in this pack")
            elif target == file.document.id:
                _At(report, file)((key, index), "self-link", "a document cannot link to itself")


def _check_card_sources(
    file: ParsedFile, documents: dict[str, model.Document], broken: set[str], report: Reporter
) -> None:
    if not isinstance(file.document, model.CardDeck):
        return
    for index, card in enumerate(file.document.cards):
        doc_id, _, section = card.source.partition("#")
        target = documents.get(doc_id)
        path = ("cards", index, "source")
        if doc_id in broken:
            continue
        if target is None:
            _At(report, file)(path, "broken-source", f"card source `{doc_id}` is not a document in this pack")
        elif section not in section_ids(target):
            _At(report, file)(path, "broken-source", f"`{doc_id}` has no section `{section}`")


def _check_placeholders(value: str, path: Path_, declared: set[str], at: _At) -> None:
    for name in PLACEHOLDER_USE.findall(value):
        if name not in declared:
            at(
                path,
                "unknown-placeholder",
                f"placeholder `{{{{{name}}}}}` is not declared under `placeholders` in pack.yaml",
            )


def _check_review(file: ParsedFile, today: date, report: Reporter) -> None:
    document = file.document
    if document.review_due < today:
        _At(report, file)(
            ("review_due",),
            "review-overdue",
            f"review was due on {document.review_due.isoformat()}: the content may be out of date",
            warn=True,
        )
    if document.status is model.Status.RETIRED:
        _At(report, file)(
            ("status",),
            "retired",
            "this document is retired: shown only with a banner",
            warn=True,
        )
    elif document.status is model.Status.DRAFT:
        _At(report, file)(("status",), "draft", "this document is a draft: not for clinical use", warn=True)


def _check_manifest(manifest: model.PackManifest, report: Reporter) -> None:
    if is_older(__version__, manifest.min_app_version):
        report(
            MANIFEST,
            Position(1, 1),
            "app-too-old",
            f"the pack needs Protocol Desk {manifest.min_app_version} or later; this is {__version__}",
        )


def check_pack(
    manifest: model.PackManifest,
    files: list[ParsedFile],
    report: Reporter,
    today: date,
    broken_ids: set[str] | None = None,
) -> None:
    """Run every whole-pack check, reporting through `report`; `broken_ids` failed on their own."""
    broken = broken_ids or set()
    _check_manifest(manifest, report)
    _check_unique_ids(files, report)
    documents = {f.document.id: f.document for f in files}
    references = {r.id for r in manifest.references}
    placeholders = {p.name for p in manifest.placeholders}
    for file in files:
        _check_local_ids(file, report)
        _check_values(file, references, placeholders, report)
        _check_links(file, documents, broken, report)
        _check_card_sources(file, documents, broken, report)
        _check_review(file, today, report)
