"""Authoring checks: unreferenced sections and instructions, unused references, raw HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main
from app.core.packs.authoring import authoring_problems
from tests.conftest import copy_pack_for_author

LITHIUM = Path(__file__).resolve().parents[1] / "data" / "packs" / "lithium-monitoring"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the lithium pack set up as an author outside the repository would have it."""
    return copy_pack_for_author(LITHIUM, tmp_path / "lithium-monitoring")


def test_finished_packs_have_no_findings(pack: Path) -> None:
    """The lithium pack and the bundled pack pass the authoring checks."""
    assert authoring_problems(pack) == []
    assert authoring_problems(Path(__file__).resolve().parents[2] / "content" / "ketamine-therapy") == []


def test_each_authoring_problem_is_found_where_it_is(pack: Path) -> None:
    """A section and an instruction without sources, an unused reference and raw HTML, each on its line."""
    protocol = pack / "protocols" / "lithium-monitoring.yaml"
    _edit(
        protocol,
        "      symptoms. Samples are taken **12 hours after the dose**.\n    references: [nice-cg185]\n",
        "      symptoms. Samples are taken <b>12 hours</b> after the dose.\n",
    )
    _edit(
        pack / "instructions" / "lithium-patient-card.yaml",
        "      - text: Bring your lithium record book to every visit.\n"
        "        references: [npsa-lithium-2009]\n",
        "      - text: Bring your lithium record book to every visit.\n",
    )
    _edit(
        pack / "pack.yaml",
        "synonyms:",
        "  - id: never-cited\n    citation: A source nobody cites.\n    tier: C\nsynonyms:",
    )
    found = {(p.file, p.code): p for p in authoring_problems(pack)}
    assert set(found) == {
        ("protocols/lithium-monitoring.yaml", "no-reference"),
        ("protocols/lithium-monitoring.yaml", "raw-html"),
        ("instructions/lithium-patient-card.yaml", "no-reference"),
        ("pack.yaml", "unused-reference"),
    }
    assert "`<b>`" in found["protocols/lithium-monitoring.yaml", "raw-html"].message
    assert (
        found["pack.yaml", "unused-reference"].line
        == protocol.parent.parent.joinpath("pack.yaml").read_text().splitlines().index("  - id: never-cited")
        + 1
    )


def test_strict_validate_runs_them_and_plain_validate_does_not(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Authoring findings are errors under --strict and absent otherwise."""
    _edit(
        pack / "pack.yaml",
        "synonyms:",
        "  - id: never-cited\n    citation: A source nobody cites.\n    tier: C\nsynonyms:",
    )
    assert main(["validate", str(pack)]) == 0
    assert "unused-reference" not in capsys.readouterr().out
    assert main(["validate", str(pack), "--strict"]) == 1
    assert (
        "error: reference `never-cited` is cited by no document [unused-reference]" in capsys.readouterr().out
    )


def test_a_dose_line_with_a_less_than_sign_is_not_html(pack: Path) -> None:
    """`wt <50 kg` is text, not a tag."""
    _edit(
        pack / "protocols" / "lithium-monitoring.yaml",
        "Aim for a plasma level",
        "If wt <50 kg, aim for a plasma level",
    )
    assert authoring_problems(pack) == []


def test_schema_line_that_points_nowhere_is_reported(pack: Path) -> None:
    """A copied pack whose schema line no longer resolves is flagged with how to fix it."""
    (pack / "pack.schema.json").unlink()
    _edit(pack / "pack.yaml", "$schema=pack.schema.json", "$schema=../../resources/schema/pack.schema.json")
    found = [p for p in authoring_problems(pack) if p.code == "schema-missing"]
    assert len(found) == len(list(pack.rglob("*.yaml"))) and ("pack.yaml", 1) in [
        (p.file, p.line) for p in found
    ]
    assert "schema --write" in found[0].message
    main(["schema", "--write", str(pack)])
    assert [p.file for p in authoring_problems(pack) if p.code == "schema-missing"] == ["pack.yaml"]
