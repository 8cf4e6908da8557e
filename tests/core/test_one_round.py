"""Every problem of a pack in one run: schema errors and whole-pack checks side by side."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.core.packs.loaded import FailedPack
from app.core.packs.loader import load_pack


def _edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text()
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text)


def _broken_everywhere(tmp_path: Path, data_dir: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(data_dir / "packs" / "good", pack)
    _edit(
        pack / "docs" / "protocol.yaml",
        ("title: Test protocol", "title: yes"),
        ("review_due: 2099-01-01", "review_due: 2025-01-01"),
        (
            "  - text: An indication.\n    references: [ref-a]",
            "  - text: An indication.\n    references: [ref-aa]",
        ),
        ("  - id: monitoring", "  - id: dosing"),
    )
    _edit(
        pack / "docs" / "cards.yaml",
        ("id: test-cards", "id: test-protocol"),
        ("front: What", "frnot: What"),
        ("source: test-protocol#monitoring", "source: test-protocl#monitoring"),
    )
    _edit(pack / "pack.yaml", ("review_interval_months: 12", "review_interval_months: twelve"))
    return pack


def test_problems_in_several_files_and_across_files_come_in_one_run(tmp_path: Path, data_dir: Path) -> None:
    """Schema errors, unknown references, reserved ids, duplicate ids and broken sources together."""
    loaded = load_pack(_broken_everywhere(tmp_path, data_dir))
    assert isinstance(loaded, FailedPack)
    found = {(p.file, p.code) for p in loaded.problems}
    assert found >= {
        ("pack.yaml", "invalid-value"),
        ("docs/protocol.yaml", "quote-text"),
        ("docs/protocol.yaml", "invalid-value"),
        ("docs/protocol.yaml", "unknown-reference"),
        ("docs/protocol.yaml", "reserved-id"),
        ("docs/cards.yaml", "unknown-field"),
        ("docs/protocol.yaml", "duplicate-id"),
        ("docs/cards.yaml", "broken-source"),
    }, sorted(found)


def test_cross_file_messages_carry_a_suggestion(tmp_path: Path, data_dir: Path) -> None:
    """A misspelt reference or card source names the nearest existing one."""
    loaded = load_pack(_broken_everywhere(tmp_path, data_dir))
    messages = {p.code: p.message for p in loaded.problems}
    assert "did you mean `ref-a`?" in messages["unknown-reference"]
    assert "did you mean `test-protocol`?" in messages["broken-source"]


def test_review_date_rule_is_placed_on_the_field(tmp_path: Path, data_dir: Path) -> None:
    """`review_due` before `last_reviewed` points at the review_due line, not the top of the file."""
    pack = tmp_path / "pack"
    shutil.copytree(data_dir / "packs" / "good", pack)
    _edit(pack / "docs" / "protocol.yaml", ("review_due: 2099-01-01", "review_due: 2025-01-01"))
    problem = next(p for p in load_pack(pack).problems if "review_due" in p.message)
    assert (problem.line, problem.column) == (9, 13)
    assert problem.message.startswith("review_due:")


def test_unreadable_manifest_says_what_was_not_checked(tmp_path: Path, data_dir: Path) -> None:
    """When pack.yaml does not parse, documents' references are reported as not checked."""
    pack = tmp_path / "pack"
    shutil.copytree(data_dir / "packs" / "good", pack)
    _edit(pack / "pack.yaml", ("title: Test pack", "title: [Test pack"))
    codes = {p.code for p in load_pack(pack).problems}
    assert {"syntax", "not-checked"} <= codes


def test_link_to_unreadable_file_is_reported_as_not_checked(tmp_path: Path, data_dir: Path) -> None:
    """A see-also to a document whose file is broken YAML says why it was not checked."""
    pack = tmp_path / "pack"
    shutil.copytree(data_dir / "packs" / "good", pack)
    _edit(pack / "docs" / "cards.yaml", ("reviewers: [Tester]", "reviewers: [Tester"))
    problems = load_pack(pack).problems
    link = next(p for p in problems if p.code == "not-checked")
    assert link.file == "docs/protocol.yaml" and "test-cards" in link.message
    assert not any(p.code == "broken-link" for p in problems)


def test_unquoted_yes_in_a_choice_gets_the_quoting_hint(tmp_path: Path, data_dir: Path) -> None:
    """`regulatory_status: yes` is read as true: the message names the word and how to quote it."""
    pack = tmp_path / "pack"
    shutil.copytree(data_dir / "packs" / "good", pack)
    _edit(pack / "docs" / "protocol.yaml", ("regulatory_status: approved", "regulatory_status: yes"))
    problem = next(p for p in load_pack(pack).problems if p.file == "docs/protocol.yaml")
    assert problem.code == "quote-text"
    assert 'put it in quotes: "yes"' in problem.message and "yes/no value" in problem.message


def test_markdown_links_to_documents_and_sections_are_checked(tmp_path: Path, data_dir: Path) -> None:
    """`[text](doc:id#section)` in a body must name a document and one of its sections."""
    pack = tmp_path / "pack"
    shutil.copytree(data_dir / "packs" / "good", pack)
    _edit(
        pack / "docs" / "protocol.yaml",
        (
            "keeps its `<`.",
            "keeps its `<`. See [the cards](doc:test-crads) and [more](doc:test-protocol#dosnig).",
        ),
    )
    messages = sorted(p.message for p in load_pack(pack).problems if p.code == "broken-link")
    assert messages == [
        "link `doc:test-crads`: no document `test-crads` in this pack; did you mean `test-cards`?",
        "link `doc:test-protocol#dosnig`: `test-protocol` has no section `dosnig`; did you mean `dosing`?",
    ]


def test_cloze_markup_is_not_in_the_searchable_text() -> None:
    """A cloze card's section text reads as prose: no `{{c1::` in snippets."""
    from app.core.packs.outline import outline

    lithium = load_pack(Path(__file__).resolve().parents[1] / "data" / "packs" / "lithium-monitoring")
    assert not isinstance(lithium, FailedPack)
    text = outline(lithium.documents["lithium-cards"])[0].text
    assert "aim for a level of 0.6 to 0.8 mmol/L" in text and "{{" not in text


def test_manifest_without_references_does_not_flood_the_documents(tmp_path: Path, data_dir: Path) -> None:
    """With no reference list, citations are reported as not checked, not each as unknown."""
    pack = tmp_path / "pack"
    shutil.copytree(data_dir / "packs" / "good", pack)
    manifest = pack / "pack.yaml"
    text = manifest.read_text()
    manifest.write_text(text[: text.index("references:")] + text[text.index("synonyms:") :])
    codes = [p.code for p in load_pack(pack).problems]
    assert "missing-field" in codes and "not-checked" in codes and "unknown-reference" not in codes
