"""What changed between two versions of a pack: documents, sections and fields."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.core.distribution.diff import Change, diff_packs, format_diff
from app.core.packs.loaded import Pack
from app.core.packs.loader import load_pack

NEW_DOC = """\
# yaml-language-server: $schema=../../../../../resources/schema/pack.schema.json
kind: protocol
id: test-second
title: Second protocol
summary: Added in the new version.
status: active
version: 1.0.0
last_reviewed: 2026-01-01
review_due: 2099-01-01
reviewers: [Tester]
regulatory_status: approved
indications:
  - text: Another indication.
    references: [ref-a]
"""


def _load(folder: Path) -> Pack:
    loaded = load_pack(folder)
    assert isinstance(loaded, Pack), loaded.problems
    return loaded


def _versions(tmp_path: Path, data_dir: Path) -> tuple[Pack, Pack]:
    old = tmp_path / "old"
    new = tmp_path / "new"
    shutil.copytree(data_dir / "packs" / "good", old)
    shutil.copytree(data_dir / "packs" / "good", new)
    manifest = new / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("version: 1.0.0", "version: 1.1.0"))
    protocol = new / "docs" / "protocol.yaml"
    text = protocol.read_text().replace("56 mg", "84 mg").replace("see_also: [test-cards]\n", "")
    text = text.replace(
        "Check the blood pressure before the dose.", "Check blood pressure twice before the dose."
    )
    protocol.write_text(text.replace("version: 1.0.0", "version: 1.1.0", 1))
    (new / "docs" / "cards.yaml").unlink()
    (new / "docs" / "second.yaml").write_text(NEW_DOC)
    return _load(old), _load(new)


def test_documents_added_removed_changed(tmp_path: Path, data_dir: Path) -> None:
    """Each document is classified, with its versions."""
    diff = diff_packs(*_versions(tmp_path, data_dir))
    assert (diff.old_version, diff.new_version) == ("1.0.0", "1.1.0")
    assert [d.id for d in diff.added] == ["test-second"]
    assert [d.id for d in diff.removed] == ["test-cards"]
    changed = diff.changed
    assert [(d.id, d.old_version, d.new_version) for d in changed] == [("test-protocol", "1.0.0", "1.1.0")]


def test_sections_show_a_text_diff(tmp_path: Path, data_dir: Path) -> None:
    """Changed sections carry unified diff lines of the text a reader sees."""
    protocol = diff_packs(*_versions(tmp_path, data_dir)).changed[0]
    sections = {s.id: s for s in protocol.sections}
    assert set(sections) == {"dosing", "monitoring"}
    assert all(s.change is Change.CHANGED for s in sections.values())
    dosing = sections["dosing"].diff
    assert any(line.startswith("-") and "56 mg" in line for line in dosing)
    assert any(line.startswith("+") and "84 mg" in line for line in dosing)
    assert any(line.startswith("+") and "twice" in line for line in sections["monitoring"].diff)


def test_fields_outside_the_text_are_listed(tmp_path: Path, data_dir: Path) -> None:
    """Changes that no section shows (version, see-also links) are listed as fields."""
    protocol = diff_packs(*_versions(tmp_path, data_dir)).changed[0]
    fields = {f.name: f for f in protocol.fields}
    assert (fields["version"].old, fields["version"].new) == ("1.0.0", "1.1.0")
    assert "see_also" in fields and any("test-cards" in line for line in fields["see_also"].diff)
    assert "dosing" not in fields  # its section diff already shows every changed value


def test_added_document_lists_its_sections(tmp_path: Path, data_dir: Path) -> None:
    """A new document's sections are all marked as added."""
    added = diff_packs(*_versions(tmp_path, data_dir)).added[0]
    assert [(s.id, s.change) for s in added.sections] == [("indications", Change.ADDED)]


def test_identical_packs_have_no_differences(tmp_path: Path, data_dir: Path) -> None:
    """Comparing a pack with itself finds nothing."""
    pack = _load(data_dir / "packs" / "good")
    diff = diff_packs(pack, pack)
    assert diff.empty and "no differences" in format_diff(diff)


def test_text_report(tmp_path: Path, data_dir: Path) -> None:
    """The readable report summarises, then lists every change."""
    report = format_diff(diff_packs(*_versions(tmp_path, data_dir)))
    assert report.startswith("pack test-good 1.0.0 -> 1.1.0: documents 1 added, 1 removed, 1 changed")
    assert "+ protocol test-second" in report and "- cards test-cards" in report
    assert "~ section dosing: Dosing and schedule" in report and "version: 1.0.0 -> 1.1.0" in report


CHANGE_LOG = """
changes:
  - version: 1.2.0
    date: 2026-03-01
    notes: [A later release, not part of this update.]
  - version: 1.1.0
    date: 2026-02-01
    notes: [Dose changed from 56 mg to 84 mg., Reference B citation corrected.]
  - version: 1.0.0
    date: 2026-01-01
    notes: [First release.]
"""


def _with_log(tmp_path: Path, data_dir: Path) -> tuple[Pack, Pack]:
    """The standard pair, where the new manifest carries a change log and an edited reference list."""
    old, _ = _versions(tmp_path, data_dir)
    manifest = tmp_path / "new" / "pack.yaml"
    text = manifest.read_text().replace("Test reference B.", "Test reference B, corrected.")
    text = text.replace("disclaimer: Test content, not clinical information.", f"disclaimer: {LONG_TEXT}")
    added = "references:\n  - id: ref-new\n    citation: New source.\n    tier: C\n"
    text = text.replace("references:\n", added)
    manifest.write_text(text + CHANGE_LOG)
    return old, _load(tmp_path / "new")


LONG_TEXT = "Test content, not clinical information. " + "Check the label before use. " * 6


def test_release_notes_between_the_versions_come_first(tmp_path: Path, data_dir: Path) -> None:
    """Only change-log entries newer than the old version and up to the new one are shown, first."""
    diff = diff_packs(*_with_log(tmp_path, data_dir))
    assert [n.version for n in diff.notes] == ["1.1.0"]
    report = format_diff(diff)
    assert report.index("What changed (the authors' change log):") < report.index("pack.yaml:")
    assert "    - Dose changed from 56 mg to 84 mg." in report and "First release." not in report
    assert "changes" not in {f.name for f in diff.manifest}


def test_references_are_compared_by_id_with_their_citation(tmp_path: Path, data_dir: Path) -> None:
    """Added and changed references read as one line each, not as a JSON diff."""
    diff = diff_packs(*_with_log(tmp_path, data_dir))
    references = next(f for f in diff.manifest if f.name == "references")
    assert references.diff == (
        "+ ref-new [C]: New source.",
        "~ ref-b (citation): Test reference B, corrected.",
    )


def test_long_text_fields_are_diffed_as_wrapped_lines(tmp_path: Path, data_dir: Path) -> None:
    """A long disclaimer shows its added sentences as + lines instead of old -> new on one line."""
    diff = diff_packs(*_with_log(tmp_path, data_dir))
    disclaimer = next(f for f in diff.manifest if f.name == "disclaimer")
    assert any(line.startswith("+") and "Check the label" in line for line in disclaimer.diff)


def test_summary_names_changes_without_line_diffs(tmp_path: Path, data_dir: Path) -> None:
    """Without detail every changed section and field is named, but no + or - text lines are printed."""
    report = format_diff(diff_packs(*_versions(tmp_path, data_dir)), detail=False)
    assert "~ section dosing: Dosing and schedule" in report and "    field version" in report
    indented = [line for line in report.splitlines() if line.startswith("        ")]
    assert indented == []  # section diffs are printed 8 spaces in
