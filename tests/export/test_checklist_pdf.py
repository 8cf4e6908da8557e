"""Checklists on paper: the blank fallback form and a recorded run for the chart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.core import model
from app.core.packs.loaded import Pack
from app.core.packs.roots import default_roots, load_packs
from app.core.runs.store import RunStore
from app.core.userdata.db import UserDb
from app.export.runs import export_blank_checklist_pdf, export_run_pdf
from tests.export.pdf_text import page_width_pt, pdf_text

DOSE = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _checklist() -> tuple[Pack, model.Checklist]:
    found = load_packs(default_roots([])).find("esketamine-session-monitoring")
    assert found is not None and isinstance(found[1], model.Checklist)
    return found[0], found[1]


def test_blank_checklist_lists_every_timepoint_and_rule(tmp_path: Path) -> None:
    """The paper form has the header boxes, every timepoint, yes/no boxes, units and alert rules."""
    pack, checklist = _checklist()
    out = tmp_path / "blank.pdf"
    export_blank_checklist_pdf(pack, checklist, out, page_size="Letter")
    text = pdf_text(out)
    assert page_width_pt(out) == 612
    assert "Session label (no names or patient identifiers)" in text
    for point in checklist.timepoints:
        assert point.label in text
    assert "[ ] Yes [ ] No" in text and "mmHg (plausible 60-260)" in text
    assert "Warning above 140 mmHg" in text and "Minimum monitoring: 2 h" in text
    assert "Discharge criteria" in text


def _completed_run(tmp_path: Path, minutes: int) -> RunStore:
    pack, checklist = _checklist()
    clock = [DOSE - timedelta(minutes=20)]
    store = RunStore(UserDb.open(tmp_path / "user.db"), lambda: clock[0])
    run_id = store.start(pack.id, pack.manifest.version, checklist, "Chair 3, morning", DOSE)
    for point, item, value in [
        ("pre-dose", "pre-sbp", "146"),
        ("pre-dose", "pre-sbp", "151"),
        ("pre-dose", "ride-home-arranged", "yes"),
        ("bp-40-min", "spo2-40", "91"),
        ("bp-40-min", "moaas-40", 3),
    ]:
        clock[0] += timedelta(minutes=1)
        store.record(run_id, point, item, value)
    clock[0] = DOSE + timedelta(minutes=minutes)
    store.complete(run_id)
    return store


def test_run_export_has_values_alerts_and_corrections(tmp_path: Path) -> None:
    """The chart copy shows latest values, the alerts with severity words, and the corrected value."""
    store = _completed_run(tmp_path, 125)
    run = store.load(1)
    assert run is not None
    out = tmp_path / "run.pdf"
    pages = export_run_pdf(run, out)
    text = pdf_text(out)
    assert text.count("Session: Chair 3, morning") == pages
    assert "151 mmHg" in text and "91 %" in text and "3 - responds only after name is called" in text
    assert "Warning Systolic blood pressure before the dose" in text
    assert "Information" in text and "SpO2 below 93%" in text
    assert "Earlier values" in text and "146 mmHg" in text
    assert "minimum 2 h reached" in text and "Required items without a value" in text


def test_run_export_says_when_minimum_was_not_reached(tmp_path: Path) -> None:
    """A run finished 90 minutes after the dose says the 2-hour minimum was NOT reached."""
    store = _completed_run(tmp_path, 90)
    run = store.load(1)
    assert run is not None
    out = tmp_path / "run.pdf"
    export_run_pdf(run, out)
    assert "Monitored 1 h 30 min from the first device to completion; minimum 2 h NOT reached." in pdf_text(
        out
    )
