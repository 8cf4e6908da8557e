"""What changed between two versions of a pack: documents and sections added, removed and changed.

Sections are compared as the text a reader sees (app.core.packs.outline), with a unified diff of the
lines. Every other field that changed (a review date, an alert threshold, a dose limit) is listed
too, so a change that shows in no section text is never hidden. The authors' own change log
(`changes` in pack.yaml) for the releases in between comes first, and references are compared by id
with their citations, because that is what a clinician reads an update for. Everything returned is a
frozen value type: the command line prints it, the desktop app shows it after an update.
"""

from __future__ import annotations

import difflib
import json
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.core import model
from app.core.packs.loaded import Pack
from app.core.packs.outline import OutlineSection, outline
from app.core.packs.semver import is_older

SKIPPED = frozenset({"sections"})
"""Authored sections are compared as outline sections, never as a field."""
MANIFEST_SKIPPED = frozenset({"changes", "references"})
"""The change log is shown as release notes and references by id, not as JSON."""
WRAP = 100
"""Long text fields (a disclaimer) are wrapped to this width so their diff shows the changed lines."""
SHOWN_AS_SECTION = {
    "indications": "indications",
    "contraindications": "contraindications",
    "dosing": "dosing",
    "discharge_criteria": "discharge-criteria",
}
"""Fields whose every value shows in their outline section's text: when that section's diff is listed,
the field's own diff would only repeat it. Others (checklist timepoints with alert thresholds, calculator
bounds) are always listed as fields as well."""


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class FieldChange:
    """A field whose value differs: short old/new text, and a line diff for lists and tables."""

    name: str
    old: str
    new: str
    diff: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionChange:
    id: str
    title: str
    change: Change
    diff: tuple[str, ...]
    """Unified diff lines without file headers: "@@" hunks, "+" added, "-" removed, " " context."""


@dataclass(frozen=True)
class DocumentChange:
    id: str
    title: str
    kind: str
    change: Change
    old_version: str | None
    new_version: str | None
    sections: tuple[SectionChange, ...] = ()
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class ReleaseNote:
    """One entry of the pack's own change log between the two versions compared."""

    version: str
    date: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class PackDiff:
    pack_id: str
    old_version: str
    new_version: str
    documents: tuple[DocumentChange, ...]
    manifest: tuple[FieldChange, ...]
    notes: tuple[ReleaseNote, ...] = ()

    def _of(self, change: Change) -> tuple[DocumentChange, ...]:
        return tuple(d for d in self.documents if d.change is change)

    @property
    def added(self) -> tuple[DocumentChange, ...]:
        return self._of(Change.ADDED)

    @property
    def removed(self) -> tuple[DocumentChange, ...]:
        return self._of(Change.REMOVED)

    @property
    def changed(self) -> tuple[DocumentChange, ...]:
        return self._of(Change.CHANGED)

    @property
    def empty(self) -> bool:
        return not self.documents and not self.manifest


# Comparing ---------------------------------------------------------------------------------------


def _lines(diff: Iterable[str]) -> tuple[str, ...]:
    return tuple(line.rstrip("\n") for line in diff if not line.startswith(("---", "+++")))


def _section_lines(section: OutlineSection) -> list[str]:
    lines = [section.title, "", *section.text.splitlines()]
    return [*lines, f"Sources: {', '.join(section.references)}"] if section.references else lines


def _section_change(old: OutlineSection | None, new: OutlineSection | None, context: int) -> SectionChange:
    before = _section_lines(old) if old else []
    after = _section_lines(new) if new else []
    change = Change.ADDED if old is None else Change.REMOVED if new is None else Change.CHANGED
    shown = new or old
    assert shown is not None
    diff = _lines(difflib.unified_diff(before, after, lineterm="", n=context))
    return SectionChange(shown.id, shown.title, change, diff)


def _section_changes(old: model.Document, new: model.Document, context: int) -> tuple[SectionChange, ...]:
    before = {s.id: s for s in outline(old)}
    after = {s.id: s for s in outline(new)}
    changes = []
    for section_id in [*after, *(i for i in before if i not in after)]:
        a, b = before.get(section_id), after.get(section_id)
        if a is None or b is None or _section_lines(a) != _section_lines(b):
            changes.append(_section_change(a, b, context))
    return tuple(changes)


def _short(value: Any) -> str:
    if value is None:
        return "(none)"
    return str(value) if not isinstance(value, list | dict) else json.dumps(value, ensure_ascii=False)


def _json_lines(value: Any) -> list[str]:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True).splitlines()


def _text_diff(old: str, new: str, context: int) -> tuple[str, ...]:
    """A long text field as wrapped lines, so a sentence added to a disclaimer shows as that sentence."""
    before, after = textwrap.wrap(old, WRAP), textwrap.wrap(new, WRAP)
    return _lines(difflib.unified_diff(before, after, lineterm="", n=context))


def field_changes(
    old: dict[str, Any], new: dict[str, Any], context: int = 2, skip: frozenset[str] = frozenset()
) -> tuple[FieldChange, ...]:
    """Top-level fields that differ between two JSON-like dumps."""
    changes = []
    for name in sorted((set(old) | set(new)) - skip):
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        diff: tuple[str, ...] = ()
        if isinstance(a, list | dict) or isinstance(b, list | dict):
            lines = difflib.unified_diff(_json_lines(a), _json_lines(b), lineterm="", n=context)
            diff = _lines(lines)
        elif isinstance(a, str) and isinstance(b, str) and max(len(a), len(b)) > WRAP:
            diff = _text_diff(a, b, context)
        changes.append(FieldChange(name, _short(a), _short(b), diff))
    return tuple(changes)


def _document_change(old: model.Document | None, new: model.Document | None, context: int) -> DocumentChange:
    shown = new or old
    assert shown is not None
    old_version = old.version if old else None
    new_version = new.version if new else None
    if old is None or new is None:
        change = Change.ADDED if old is None else Change.REMOVED
        sections = tuple(_section_change(None, s, context) for s in outline(shown)) if old is None else ()
        return DocumentChange(shown.id, shown.title, shown.kind, change, old_version, new_version, sections)
    sections = _section_changes(old, new, context)
    changed = {s.id for s in sections}
    fields = tuple(
        f
        for f in field_changes(old.model_dump(mode="json"), new.model_dump(mode="json"), context, SKIPPED)
        if SHOWN_AS_SECTION.get(f.name) not in changed
    )
    return DocumentChange(
        new.id, new.title, new.kind, Change.CHANGED, old_version, new_version, sections, fields
    )


def _reference_lines(old: model.PackManifest, new: model.PackManifest) -> tuple[str, ...]:
    """References added, removed or changed, one line each with the citation a reader recognises."""
    before = {r.id: r for r in old.references}
    after = {r.id: r for r in new.references}
    lines = [f"+ {i} [{r.tier}]: {r.citation}" for i, r in after.items() if i not in before]
    lines += [f"- {i}: {r.citation}" for i, r in before.items() if i not in after]
    for ref_id, ref in after.items():
        if ref_id in before and before[ref_id] != ref:
            fields = field_changes(before[ref_id].model_dump(mode="json"), ref.model_dump(mode="json"))
            lines.append(f"~ {ref_id} ({', '.join(f.name for f in fields)}): {ref.citation}")
    return tuple(lines)


def _manifest_changes(
    old: model.PackManifest, new: model.PackManifest, context: int
) -> tuple[FieldChange, ...]:
    dumps = old.model_dump(mode="json"), new.model_dump(mode="json")
    fields = list(field_changes(*dumps, context, MANIFEST_SKIPPED))
    references = _reference_lines(old, new)
    if references:
        counts = f"{len(old.references)}", f"{len(new.references)}"
        fields.append(FieldChange("references", *counts, references))
    return tuple(fields)


def release_notes(new: model.PackManifest, since: str) -> tuple[ReleaseNote, ...]:
    """The change-log entries newer than `since`, up to the new version, as the authors ordered them."""
    return tuple(
        ReleaseNote(c.version, c.date.isoformat(), tuple(c.notes))
        for c in new.changes
        if is_older(since, c.version) and not is_older(new.version, c.version)
    )


def diff_packs(old: Pack, new: Pack, context: int = 2) -> PackDiff:
    """Compare two loaded versions of a pack (usually the installed one and an update)."""
    changes = []
    for doc_id in [*new.documents, *(i for i in old.documents if i not in new.documents)]:
        a, b = old.documents.get(doc_id), new.documents.get(doc_id)
        if a is None or b is None or a != b:
            changes.append(_document_change(a, b, context))
    manifest = _manifest_changes(old.manifest, new.manifest, context)
    notes = release_notes(new.manifest, old.manifest.version)
    return PackDiff(new.id, old.manifest.version, new.manifest.version, tuple(changes), manifest, notes)


# Text --------------------------------------------------------------------------------------------

_MARK = {Change.ADDED: "+", Change.REMOVED: "-", Change.CHANGED: "~"}


def _field_text(change: FieldChange, indent: str, label: str = "") -> list[str]:
    if not change.diff:
        return [f"{indent}{label}{change.name}: {change.old} -> {change.new}"]
    return [f"{indent}{label}{change.name}:", *(f"{indent}    {line}" for line in change.diff)]


def _document_text(doc: DocumentChange, detail: bool) -> list[str]:
    versions = f"{doc.old_version or '-'} -> {doc.new_version or '-'}"
    lines = [f"{_MARK[doc.change]} {doc.kind} {doc.id}: {doc.title} ({doc.change.value}, {versions})"]
    if doc.change is Change.REMOVED:
        return lines
    for section in doc.sections:
        lines.append(f"    {_MARK[section.change]} section {section.id}: {section.title}")
        if detail and doc.change is Change.CHANGED:
            lines += [f"        {line}" for line in section.diff]
    for field_change in doc.fields:
        lines += _field_text(field_change, "    ", "field ") if detail else [f"    field {field_change.name}"]
    return lines


def _notes_text(notes: tuple[ReleaseNote, ...]) -> list[str]:
    lines = ["", "What changed (the authors' change log):"]
    for note in notes:
        lines += [f"  {note.version} ({note.date})", *(f"    - {text}" for text in note.notes)]
    return lines


def _manifest_text(fields: tuple[FieldChange, ...], detail: bool) -> list[str]:
    lines = ["", "pack.yaml:"]
    for change in fields:
        if detail or change.name == "references":
            lines += _field_text(change, "    ")
        else:
            lines.append(f"    {change.name}")
    return lines


def format_diff(diff: PackDiff, detail: bool = True) -> str:
    """A readable report: a summary line, the authors' change log, then every change.

    Without detail, each changed section and field is named but its line diff is left out: the
    outline of an update, for a reader who opens the sections that matter to them.
    """
    summary = (
        f"pack {diff.pack_id} {diff.old_version} -> {diff.new_version}: documents "
        f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"
    )
    lines = [summary]
    if diff.notes:
        lines += _notes_text(diff.notes)
    if diff.manifest:
        lines += _manifest_text(diff.manifest, detail)
    for doc in diff.documents:
        lines += ["", *_document_text(doc, detail)]
    if diff.empty:
        lines.append("no differences")
    return "\n".join(lines) + "\n"
