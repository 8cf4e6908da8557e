"""Checklists for a scheduled visit: no dose, no offsets, no timer; runs, alerts and paper still work."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from app.core import model
from app.core.packs.loaded import Pack
from app.core.packs.loader import load_pack
from app.core.runs.store import RunStore
from app.core.runs.timer import timer_state
from app.core.userdata.db import UserDb
from app.render.runs import blank_checklist_html, run_html

LITHIUM = Path(__file__).resolve().parents[1] / "data" / "packs" / "lithium-monitoring"
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def _pack() -> Pack:
    loaded = load_pack(LITHIUM)
    assert isinstance(loaded, Pack), [p.format() for p in loaded.problems]
    return loaded


PACK = _pack()
VISIT = PACK.documents["lithium-review-visit"]
assert isinstance(VISIT, model.Checklist)


def _with(**changes: Any) -> dict[str, Any]:
    data = VISIT.model_dump(mode="json")
    data.update(changes)
    return data


def test_visit_checklist_loads_without_offsets() -> None:
    """The lithium review is a visit every 3 months whose timepoints carry no times."""
    assert VISIT.is_visit and VISIT.visit_interval_months == 3
    assert all(point.offset_minutes is None for point in VISIT.timepoints)


def test_visit_refuses_dose_timing() -> None:
    """An offset or a minimum monitoring time makes no sense without a dose."""
    points = _with()["timepoints"]
    points[0]["offset_minutes"] = 0
    with pytest.raises(ValidationError, match="not timed from a dose"):
        model.Checklist.model_validate(_with(timepoints=points))
    with pytest.raises(ValidationError, match="not timed from a dose"):
        model.Checklist.model_validate(_with(min_monitoring_minutes=30))


def test_dose_checklist_still_needs_offsets() -> None:
    """Without `schedule: visit` every timepoint needs its minutes from the dose, and no interval."""
    with pytest.raises(ValidationError, match="needs `offset_minutes`"):
        model.Checklist.model_validate(_with(schedule="dose", visit_interval_months=None))
    points = _with()["timepoints"]
    for minutes, point in enumerate(points):
        point["offset_minutes"] = minutes
    with pytest.raises(ValidationError, match="belongs to a checklist with `schedule: visit`"):
        model.Checklist.model_validate(_with(schedule="dose", timepoints=points))
    assert model.Checklist.model_validate(
        _with(schedule="dose", timepoints=points, visit_interval_months=None)
    )


def test_timer_lists_the_next_step_without_a_due_time() -> None:
    """With no dose there is no clock: the next step is the first not done, with no due time."""
    state = timer_state(VISIT, None, NOW, {"level"})
    assert state.next_due is not None and state.next_due.timepoint.id == "bloods"
    assert state.next_due.due_at is None


@pytest.fixture
def store(tmp_path: Path) -> Iterator[RunStore]:
    db = UserDb.open(tmp_path / "user.db")
    yield RunStore(db, lambda: NOW)
    db.close()


def test_visit_run_records_and_alerts(store: RunStore) -> None:
    """A toxic level fires the emergency alert; the record shows the visit, not a dose time."""
    run_id = store.start(PACK.id, PACK.manifest.version, VISIT, "Clinic room 3", None)
    store.record(run_id, "level", "lithium-level", "1.62")
    run = store.load(run_id)
    assert run is not None
    assert "emergency" in {a.severity.value for a in run.alerts()}
    html = run_html(run)
    assert "at the visit" in html and "Dose time" not in html


def test_blank_visit_form_says_it_is_a_visit() -> None:
    """The paper form has no dose time row and each step reads `at the visit`."""
    html = blank_checklist_html(PACK, VISIT)
    assert "Dose time" not in html and "at the visit" in html
