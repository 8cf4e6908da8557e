"""`pack diff` from the frozen 1.0.0 release to the bundled pack reads as a clinician's change log.

tests/data/releases/ketamine-therapy-1.0.0 is a copy of the pack as released in 1.0.0 (a fresh clone
has no other copy of it), so the comparison never depends on git history.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main
from app.core.system.paths import bundled_content_dir

CORRECTED = (
    "ketamine-adverse-effects#common-effects",
    "ketamine-adverse-effects#pregnancy-lactation",
    "esketamine-trd#contraindications",
    "esketamine-trd#older-adults",
    "esketamine-trd#evidence",
    "esketamine-mdsi#monitoring",
    "ketamine-chronic-pain#dosing",
    "ketamine-pretreatment-screening#screening-visit",
    "esketamine-treatment-day#before",
    "ketamine-safety-cards#cards",
    "ketamine-iv-cards#cards",
    "esketamine-cards#cards",
    "ketamine-iv-trd#evidence",
    "ketamine-overview#claims-corrected",
    "ketamine-other-routes#contraindications",
)
"""Sections the 1.1 review corrected (issue 16, Corrections)."""

ADDED = (
    "ketamine-adverse-effects#interactions-ketamine-labels",
    "ketamine-adverse-effects#manage-high-blood-pressure",
    "ketamine-adverse-effects#manage-distress",
    "ketamine-adverse-effects#manage-nausea-vomiting",
    "ketamine-adverse-effects#manage-oversedation",
    "ketamine-adverse-effects#when-to-call-emergency",
    "ketamine-iv-trd#suicidal-ideation",
    "ketamine-iv-trd#bipolar-depression",
    "ketamine-iv-trd#screening-suicide-risk",
    "ketamine-iv-trd#screening-substance-checks",
    "ketamine-iv-trd#body-weight-dosing",
    "ketamine-other-routes#fda-compounded-ketamine-warning",
    "esketamine-mdsi#oral-antidepressant",
    "spravato-rems#certification-enrolment",
    "ketamine-overview#informed-consent",
    "ketamine-overview#children-adolescents",
    "ketamine-assisted-psychotherapy#session-structure",
)
"""Sections added to fill the gaps clinicians asked about (issue 16, Gaps)."""

KINDS = {"protocol", "checklist", "instructions", "cards", "calculator"}


def _diff(data_dir: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    old = data_dir / "releases" / "ketamine-therapy-1.0.0"
    new = bundled_content_dir() / "ketamine-therapy"
    assert main(["pack", "diff", str(old), str(new), *extra]) == 0
    return capsys.readouterr().out


def _listed(report: str) -> dict[str, dict[str, str]]:
    """Document id -> {section id: mark} from the report's document and section headlines."""
    listed: dict[str, dict[str, str]] = {}
    current = ""
    for line in report.splitlines():
        if line[:2] in {"~ ", "+ ", "- "} and line.split()[1] in KINDS:
            current = line.split()[2].rstrip(":")
            listed[current] = {}
        elif line.startswith("    ") and line.split()[1:2] == ["section"]:
            mark, _, section = line.split()[:3]
            listed[current][section.rstrip(":")] = mark
    return listed


def test_every_corrected_and_added_section_is_listed(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The outline of the update names each corrected section as changed and each new one as added."""
    listed = _listed(_diff(data_dir, capsys, "--summary"))
    missing = []
    for targets, mark in ((CORRECTED, "~"), (ADDED, "+")):
        for target in targets:
            doc_id, _, section_id = target.partition("#")
            if listed.get(doc_id, {}).get(section_id) != mark:
                missing.append(f"{mark} {target}")
    assert missing == []


def test_the_report_opens_with_the_authors_change_log(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A clinician reads what changed and why before the section-by-section detail."""
    report = _diff(data_dir, capsys)
    assert report.startswith("pack ketamine-therapy 1.0.0 -> 1.1.0:")
    log = report.index("What changed (the authors' change log):")
    assert log < report.index("pack.yaml:") < report.index("~ protocol ketamine-adverse-effects")
    assert "  1.1.0 (2026-12-01)" in report and "not recommended during pregnancy" in report


def test_new_references_read_as_citations(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """New sources are listed by id, tier and citation, not as a JSON dump."""
    report = _diff(data_dir, capsys, "--summary")
    assert "+ wilkinson-2018 [B]: Wilkinson ST" in report
    assert "+ fda-compounded-ketamine-2023 [A]: US FDA." in report
    assert '"citation":' not in report


def test_full_report_shows_the_corrected_pain_dosing(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With detail, the removed ICU rate and the new consensus row appear as - and + lines."""
    report = _diff(data_dir, capsys)
    assert any(line.strip().startswith("-") and "refractory ICU" in line for line in report.splitlines())
    assert any(line.strip().startswith("+") and "at least 80 mg" in line for line in report.splitlines())
