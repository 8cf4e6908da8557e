"""Each broken test pack is refused with the right file, line, column and an author's message."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.packs.loaded import FailedPack, Pack
from app.core.packs.loader import load_pack
from app.core.packs.problems import Level

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken"

# case: (file, line, column, code, words the message must contain)
ERRORS = {
    "alias-bomb": ("docs/protocol.yaml", 2, 4, "anchor", "not allowed"),
    "python-tag": ("docs/protocol.yaml", 4, 8, "tag", "!!python/object/apply:os.system"),
    "duplicate-key": ("docs/protocol.yaml", 7, 1, "duplicate-key", "`status` appears twice"),
    "too-deep": ("docs/protocol.yaml", 3, 19, "too-deep", "nested more than"),
    "not-utf8": ("docs/protocol.yaml", 5, 1, "encoding", "not UTF-8"),
    "tab-indent": ("docs/protocol.yaml", 13, 1, "tab", "spaces, not tabs"),
    "empty-file": ("docs/protocol.yaml", 1, 1, "empty", "empty"),
    "syntax-error": ("docs/protocol.yaml", 11, 18, "syntax", "YAML syntax error"),
    "multiple-documents": ("docs/protocol.yaml", 27, 1, "multiple-documents", "one YAML document"),
    "unquoted-no": ("docs/protocol.yaml", 4, 8, "quote-text", 'put it in quotes: "NO"'),
    "unquoted-version": ("docs/protocol.yaml", 7, 10, "quote-text", 'put it in quotes: "1.10"'),
    "unquoted-time": ("docs/protocol.yaml", 18, 11, "quote-text", 'put it in quotes: "12:30"'),
    "unknown-field": ("docs/protocol.yaml", 5, 1, "unknown-field", "did you mean `summary`"),
    "missing-field": ("docs/protocol.yaml", 2, 1, "missing-field", "`reviewers` is missing"),
    "bad-choice": ("docs/protocol.yaml", 11, 20, "bad-choice", "`licensed` is not allowed"),
    "bad-kind": ("docs/protocol.yaml", 2, 1, "bad-kind", "`leaflet` is not a known value"),
    "bad-id": ("docs/protocol.yaml", 3, 5, "invalid-value", "lower-case letters"),
    "bad-date": ("docs/protocol.yaml", 8, 16, "invalid-value", "YYYY-MM-DD"),
    "wrong-type": ("docs/protocol.yaml", 10, 12, "invalid-value", "expected a list"),
    "duplicate-id": ("docs/protocol.yaml", 3, 5, "duplicate-id", "also used by docs/copy.yaml"),
    "broken-link": ("docs/protocol.yaml", 26, 24, "broken-link", "`no-such-doc` is not a document"),
    "unknown-reference": ("docs/protocol.yaml", 25, 18, "unknown-reference", "`ref-z`"),
    "unknown-placeholder": ("docs/protocol.yaml", 24, 11, "unknown-placeholder", "clinic_fax"),
    "broken-source": ("docs/cards.yaml", 17, 13, "broken-source", "no section `nowhere`"),
    "app-too-old": ("pack.yaml", 1, 1, "app-too-old", "needs Protocol Desk 99.0.0"),
    "bad-manifest": ("pack.yaml", 2, 9, "bad-choice", "`2` is not allowed"),
}

WARNINGS = {
    "review-overdue": ("docs/protocol.yaml", 9, 13, "review-overdue", "review was due on 2026-02-01"),
    "retired": ("docs/protocol.yaml", 6, 9, "retired", "retired"),
}


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_broken_pack_is_refused_at_the_right_place(case: str) -> None:
    """The pack fails to load and names file:line:column with a message an author understands."""
    relpath, line, column, code, words = ERRORS[case]
    loaded = load_pack(BROKEN / case, case)
    assert isinstance(loaded, FailedPack)
    matching = [p for p in loaded.problems if p.code == code]
    assert matching, [p.format() for p in loaded.problems]
    problem = matching[0]
    assert (problem.file, problem.line, problem.column) == (relpath, line, column), problem.format()
    assert problem.severity is Level.ERROR
    assert words in problem.message
    assert "Traceback" not in problem.message and "pydantic" not in problem.message.lower()


@pytest.mark.parametrize("case", sorted(WARNINGS))
def test_warning_cases_still_load(case: str) -> None:
    """Overdue and retired documents load, flagged with a warning at the right line."""
    relpath, line, column, code, words = WARNINGS[case]
    loaded = load_pack(BROKEN / case, case)
    assert isinstance(loaded, Pack)
    problem = next(p for p in loaded.problems if p.code == code)
    assert (problem.file, problem.line, problem.column) == (relpath, line, column)
    assert problem.severity is Level.WARNING and words in problem.message


def test_all_problems_of_a_file_are_reported(tmp_path: Path, data_dir: Path) -> None:
    """Several mistakes in one file are all listed, not just the first."""
    pack = tmp_path / "pack"
    import shutil

    shutil.copytree(data_dir / "packs" / "good", pack)
    doc = pack / "docs" / "protocol.yaml"
    text = (
        doc.read_text()
        .replace("title: Test protocol", "title: yes")
        .replace("version: 1.0.0", "version: 2.10")
    )
    doc.write_text(text.replace("regulatory_status: approved", "regulatory_status: maybe"))
    loaded = load_pack(pack)
    codes = sorted(p.code for p in loaded.problems if p.file == "docs/protocol.yaml")
    assert codes == ["bad-choice", "quote-text", "quote-text"]


def test_no_manifest_is_reported(tmp_path: Path) -> None:
    """A folder without pack.yaml is named as not being a pack."""
    loaded = load_pack(tmp_path)
    assert isinstance(loaded, FailedPack)
    assert loaded.problems[0].code == "no-manifest"
