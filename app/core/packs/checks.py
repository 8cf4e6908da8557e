"""Checks that need the whole pack: unique ids, links, references, card sources, review dates.

They run on every file that parses, valid or not, and read its raw data rather than the validated
model, so that one run reports every problem: an author who fixes the schema errors of a file must
not discover its unknown references, duplicate ids or broken card sources only in the next round.
Where a check cannot be made (pack.yaml unreadable, a link to a file that does not parse), the
message says so instead of staying silent.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from app import __version__
from app.core import model
from app.core.model import MANIFEST
from app.core.model.cards import SOURCE_PATTERN
from app.core.model.checklist import covered_items, is_vital
from app.core.model.manifest import PLACEHOLDER_USE
from app.core.packs.outline import RESERVED_SECTION_IDS, section_ids
from app.core.packs.semver import is_older
from app.core.packs.yaml_reader import ParsedYaml, Path_, Position

LINK_FIELDS = ("see_also", "related_protocols")
DOC_LINK = re.compile(r"\]\(doc:([^)#\s]*)(?:#([^)\s]*))?\)")
"""A Markdown link to another document or its section: `[text](doc:id)`, `[text](doc:id#section)`."""
SOURCE = re.compile(SOURCE_PATTERN)
REVIEW_OVERDUE = "review-overdue"


class Reporter(Protocol):
    def __call__(
        self, relpath: str, position: Position, code: str, message: str, warn: bool = False
    ) -> None: ...


@dataclass
class ContentFile:
    """A document file that parsed as YAML; `document` is None when it failed validation."""

    relpath: str
    parsed: ParsedYaml
    document: model.Document | None = None

    @property
    def data(self) -> dict[str, Any]:
        return self.parsed.data if isinstance(self.parsed.data, dict) else {}

    @property
    def doc_id(self) -> str | None:
        value = self.data.get("id")
        return value if isinstance(value, str) else None

    @property
    def kind(self) -> str | None:
        value = self.data.get("kind")
        return value if isinstance(value, str) else None


@dataclass
class PackNames:
    """What documents may refer to: reference ids and placeholders (None: pack.yaml unreadable)."""

    references: set[str] | None
    placeholders: set[str] | None

    @classmethod
    def from_manifest(cls, data: Any) -> PackNames:
        """Read from pack.yaml's raw data, so that a manifest with its own errors still serves."""
        if not isinstance(data, dict):
            return cls(None, None)
        listed = data.get("references")  # required: without a list, every citation would look unknown
        references = _ids(listed, "id") if isinstance(listed, list) else None
        return cls(references, _ids(data.get("placeholders"), "name"))


def _ids(items: Any, key: str) -> set[str]:
    listed = items if isinstance(items, list) else []
    return {item[key] for item in listed if isinstance(item, dict) and isinstance(item.get(key), str)}


def _walk(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, (*path, index))


def did_you_mean(word: str, choices: set[str] | list[str]) -> str:
    """`; did you mean `x`?` when a close match exists, else nothing."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


class _At:
    """Reports findings in one file at the position of a data path."""

    def __init__(self, report: Reporter, file: ContentFile) -> None:
        self.report = report
        self.file = file

    def __call__(self, path: Path_, code: str, message: str, warn: bool = False) -> None:
        self.report(self.file.relpath, self.file.parsed.position_of(path), code, message, warn)


def _list(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _item_ids(items: list[Any]) -> Iterator[tuple[int, str]]:
    for index, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            yield index, item["id"]


def _check_unique_ids(files: list[ContentFile], report: Reporter) -> None:
    first_seen: dict[str, str] = {}
    for file in files:
        doc_id = file.doc_id
        if doc_id is None:
            continue
        if doc_id in first_seen:
            message = f"document id `{doc_id}` is also used by {first_seen[doc_id]}"
            _At(report, file)(("id",), "duplicate-id", message)
        else:
            first_seen[doc_id] = file.relpath


def _duplicates(base: Path_, items: list[Any], seen: set[str]) -> Iterator[tuple[Path_, str]]:
    for index, item_id in _item_ids(items):
        if item_id in seen:
            yield (*base, index, "id"), item_id
        seen.add(item_id)


def _report_duplicates(file: ContentFile, report: Reporter, list_key: str, what: str) -> None:
    at = _At(report, file)
    for path, item_id in _duplicates((list_key,), _list(file.data, list_key), set()):
        at(path, "duplicate-id", f"{what} id `{item_id}` is used twice")


def _check_local_ids(file: ContentFile, report: Reporter) -> None:
    at = _At(report, file)
    _report_duplicates(file, report, "sections", "section")
    for index, section_id in _item_ids(_list(file.data, "sections")):
        if section_id in RESERVED_SECTION_IDS:
            at(
                ("sections", index, "id"),
                "reserved-id",
                f"section id `{section_id}` is reserved for the document's structured part; choose another",
            )
    if file.kind == "checklist":
        _report_duplicates(file, report, "timepoints", "timepoint")
        seen: set[str] = set()
        for t, point in enumerate(_list(file.data, "timepoints")):
            for path, item_id in _duplicates(("timepoints", t, "items"), _list(point, "items"), seen):
                at(path, "duplicate-id", f"item id `{item_id}` is used twice")
    elif file.kind == "instructions":
        _report_duplicates(file, report, "phases", "phase")
    elif file.kind == "cards":
        _report_duplicates(file, report, "cards", "card")


def _check_values(file: ContentFile, names: PackNames, report: Reporter) -> None:
    """One walk over the raw data: reference ids resolve and placeholders are declared."""
    at = _At(report, file)
    for path, value in _walk(file.parsed.data):
        if isinstance(value, str):
            if "{{" in value and names.placeholders is not None:
                _check_placeholders(value, path, names.placeholders, at)
        elif path and path[-1] == "references" and isinstance(value, list) and names.references is not None:
            for index, ref in enumerate(value):
                if isinstance(ref, str) and ref not in names.references:
                    message = f"reference `{ref}` is not in the pack's reference list (pack.yaml)"
                    at((*path, index), "unknown-reference", message + did_you_mean(ref, names.references))


class _Targets:
    """Every document a link or card source may point at, valid or not."""

    def __init__(self, files: list[ContentFile], unreadable: set[str]) -> None:
        self.files = {f.doc_id: f for f in files if f.doc_id is not None}
        self.unreadable = unreadable - set(self.files)

    def sections(self, doc_id: str) -> set[str]:
        """Section ids of a document; for one that failed validation, read from its raw data."""
        file = self.files[doc_id]
        if file.document is not None:
            return section_ids(file.document)
        raw = {i for _, i in _item_ids(_list(file.data, "sections"))}
        raw |= {i for key in ("timepoints", "phases") for _, i in _item_ids(_list(file.data, key))}
        return raw | RESERVED_SECTION_IDS


def _check_links(file: ContentFile, targets: _Targets, report: Reporter) -> None:
    at = _At(report, file)
    for key in LINK_FIELDS:
        for index, target in enumerate(_list(file.data, key)):
            if not isinstance(target, str):
                continue
            if target == file.doc_id:
                at((key, index), "self-link", "a document cannot link to itself")
            elif target in targets.unreadable:
                message = f"`{target}` was not checked: the file that claims that id cannot be read"
                at((key, index), "not-checked", message, warn=True)
            elif target not in targets.files:
                hint = did_you_mean(target, set(targets.files))
                at((key, index), "broken-link", f"`{target}` is not a document in this pack{hint}")


def _check_body_links(file: ContentFile, targets: _Targets, report: Reporter) -> None:
    """`doc:` links in Markdown bodies lead somewhere: to a document, and to one of its sections."""
    at = _At(report, file)
    for index, section in enumerate(_list(file.data, "sections")):
        body = section.get("body") if isinstance(section, dict) else None
        for doc_id, part in DOC_LINK.findall(body) if isinstance(body, str) else []:
            path = ("sections", index, "body")
            if doc_id in targets.unreadable:
                continue
            if doc_id not in targets.files:
                hint = did_you_mean(doc_id, set(targets.files))
                at(path, "broken-link", f"link `doc:{doc_id}`: no document `{doc_id}` in this pack{hint}")
            elif part and part not in (found := targets.sections(doc_id)):
                hint = did_you_mean(part, found)
                at(
                    path,
                    "broken-link",
                    f"link `doc:{doc_id}#{part}`: `{doc_id}` has no section `{part}`{hint}",
                )


def _check_card_sources(file: ContentFile, targets: _Targets, report: Reporter) -> None:
    if file.kind != "cards":
        return
    at = _At(report, file)
    for index, card in enumerate(_list(file.data, "cards")):
        source = card.get("source") if isinstance(card, dict) else None
        if not isinstance(source, str) or not SOURCE.match(source):
            continue  # a missing or malformed source is a schema error, reported already
        doc_id, _, section = source.partition("#")
        path = ("cards", index, "source")
        if doc_id in targets.unreadable:
            message = f"card source `{source}` was not checked: the file of `{doc_id}` cannot be read"
            at(path, "not-checked", message, warn=True)
        elif doc_id not in targets.files:
            hint = did_you_mean(doc_id, set(targets.files))
            at(path, "broken-source", f"card source `{doc_id}` is not a document in this pack{hint}")
        elif section not in (found := targets.sections(doc_id)):
            hint = did_you_mean(section, found)
            at(path, "broken-source", f"`{doc_id}` has no section `{section}`{hint}")


def _check_monitoring_rules(file: ContentFile, report: Reporter) -> None:
    """A monitoring checklist has a rule on every vital sign and sedation score it records."""
    document = file.document
    if not isinstance(document, model.Checklist) or "monitoring" not in document.tags.topics:
        return
    covered = covered_items(document)
    for t, point in enumerate(document.timepoints):
        for i, item in enumerate(point.items):
            if is_vital(item) and (point.id, item.id) not in covered:
                _At(report, file)(
                    ("timepoints", t, "items", i, "id"),
                    "vital-without-rule",
                    f"`{item.id}` is a vital sign or sedation score in a monitoring checklist "
                    "but has no alert rule (add `alerts`, or name it in another item's `or`/`and` rule)",
                    warn=True,
                )


def _check_handout_contacts(file: ContentFile, manifest: model.PackManifest | None, report: Reporter) -> None:
    """The patient contacts a handout may not be printed without stand among its most important rules."""
    document = file.document
    if not isinstance(document, model.Instructions) or manifest is None:
        return  # without a valid pack.yaml there are no contacts to check (said once, for pack.yaml)
    used = {name for rule in document.key_rules for name in PLACEHOLDER_USE.findall(rule.text)}
    for placeholder in manifest.placeholders:
        if placeholder.required_to_print and placeholder.name not in used:
            _At(report, file)(
                ("key_rules",),
                "contact-not-in-key-rules",
                f"`{{{{{placeholder.name}}}}}` ({placeholder.label}) must appear in the handout's key rules, "
                "the box a patient reads first",
            )


def _check_placeholders(value: str, path: Path_, declared: set[str], at: _At) -> None:
    for name in PLACEHOLDER_USE.findall(value):
        if name not in declared:
            at(
                path,
                "unknown-placeholder",
                f"placeholder `{{{{{name}}}}}` is not declared under `placeholders` in pack.yaml"
                + did_you_mean(name, declared),
            )


def review_overdue(document: model.Document, today: date) -> str | None:
    """The warning for a document whose review is overdue: the one finding that changes with the
    day, so the document cache works it out again on every load."""
    if document.review_due >= today:
        return None
    return f"review was due on {document.review_due.isoformat()}: the content may be out of date"


def _check_review(file: ContentFile, today: date, report: Reporter) -> None:
    document = file.document
    at = _At(report, file)
    if document is None:
        # the model's own date rule runs only once every field is valid; say it now, not next round
        last, due = file.data.get("last_reviewed"), file.data.get("review_due")
        if isinstance(last, date) and isinstance(due, date) and due <= last:
            at(("review_due",), "invalid-value", "review_due: `review_due` must come after `last_reviewed`")
        return
    overdue = review_overdue(document, today)
    if overdue:
        at(("review_due",), REVIEW_OVERDUE, overdue, True)
    if document.status is model.Status.RETIRED:
        at(("status",), "retired", "this document is retired: shown only with a banner", warn=True)
    elif document.status is model.Status.DRAFT:
        at(("status",), "draft", "this document is a draft: not for clinical use", warn=True)


def _check_manifest(manifest: model.PackManifest | None, names: PackNames, report: Reporter) -> None:
    if names.placeholders is None:
        message = "references and placeholders in documents were not checked: pack.yaml cannot be read"
        report(MANIFEST, Position(1, 1), "not-checked", message, True)
    elif names.references is None:
        message = "references in documents were not checked: pack.yaml has no list of references"
        report(MANIFEST, Position(1, 1), "not-checked", message, True)
    if manifest is not None and is_older(__version__, manifest.min_app_version):
        report(
            MANIFEST,
            Position(1, 1),
            "app-too-old",
            f"the pack needs Protocol Desk {manifest.min_app_version} or later; this is {__version__}",
        )


def check_pack(
    manifest: model.PackManifest | None,
    names: PackNames,
    files: list[ContentFile],
    report: Reporter,
    *,
    today: date,
    unreadable_ids: set[str] | None = None,
) -> None:
    """Run every whole-pack check on every parsed file; `unreadable_ids` name files that did not parse."""
    _check_manifest(manifest, names, report)
    _check_unique_ids(files, report)
    targets = _Targets(files, unreadable_ids or set())
    for file in files:
        _check_local_ids(file, report)
        _check_values(file, names, report)
        _check_links(file, targets, report)
        _check_card_sources(file, targets, report)
        _check_body_links(file, targets, report)
        _check_monitoring_rules(file, report)
        _check_handout_contacts(file, manifest, report)
        _check_review(file, today, report)
