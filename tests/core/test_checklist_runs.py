"""Checklist runs in user.db: every item type, refusals, append-only history, resumption and purging."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.core import model
from app.core.runs.store import RunFinished, RunStore, check_label
from app.core.runs.values import EntryRefused, display
from app.core.userdata.db import UserDb

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def every_type_checklist(**changes: Any) -> model.Checklist:
    data: dict[str, Any] = {
        "kind": "checklist",
        "id": "every-type",
        "title": "Every item type",
        "summary": "One item of each type.",
        "status": "active",
        "version": "2.1.0",
        "last_reviewed": "2026-01-01",
        "review_due": "2027-01-01",
        "reviewers": ["Test"],
        "regulatory_status": "not-applicable",
        "min_monitoring_minutes": 120,
        "timepoints": [
            {
                "id": "pre",
                "label": "Before",
                "offset_minutes": -15,
                "items": [
                    {"id": "done", "type": "check", "label": "Checked the chart", "required": True},
                    {"id": "ride", "type": "yesno", "label": "Ride home?", "required": True},
                    {
                        "id": "temp",
                        "type": "number",
                        "label": "Temperature",
                        "unit": "\u00b0C",
                        "decimals": 1,
                        "plausible": {"min": 30, "max": 43},
                        "alerts": [{"above": 38, "severity": "warning", "message": "Fever."}],
                    },
                    {
                        "id": "moaas",
                        "type": "scale",
                        "label": "Alertness",
                        "scale": "MOAA/S",
                        "options": [{"value": v, "label": f"{v} - level"} for v in range(5, -1, -1)],
                    },
                    {"id": "note", "type": "text", "label": "Notes", "max_length": 20},
                ],
            },
            {
                "id": "after",
                "label": "After",
                "offset_minutes": 40,
                "items": [{"id": "ok", "type": "check", "label": "All well"}],
            },
        ],
    }
    data.update(changes)
    return model.Checklist.model_validate(data)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[RunStore]:
    db = UserDb.open(tmp_path / "user.db")
    yield RunStore(db, clock)
    db.close()


@pytest.fixture
def run_id(store: RunStore) -> int:
    return store.start(
        "test-pack", "3.4.5", every_type_checklist(), "Chair 2, morning", START + timedelta(minutes=15)
    )


@pytest.mark.parametrize(
    ("item_id", "raw", "expected"),
    [
        ("done", True, ("true", "Done")),
        ("done", False, ("false", "Not done")),
        ("ride", "yes", ("yes", "Yes")),
        ("ride", "NO", ("no", "No")),
        ("temp", "37.2", ("37.2", "37.2 \u00b0C")),
        ("temp", "37,4", ("37.4", "37.4 \u00b0C")),
        ("temp", " 39 ", ("39", "39 \u00b0C")),
        ("moaas", 4, ("4", "4 - level")),
        ("moaas", "0", ("0", "0 - level")),
        ("note", "  calm, chatting ", ("calm, chatting", "calm, chatting")),
    ],
)
def test_each_item_type_is_recorded(
    store: RunStore, run_id: int, item_id: str, raw: object, expected: tuple[str, str]
) -> None:
    """Check, yes/no, number, scale and text values are stored canonically and shown in words."""
    stored, shown = expected
    entry = store.record(run_id, "pre", item_id, raw)  # type: ignore[arg-type]
    assert entry.value == stored
    run = store.load(run_id)
    assert run is not None and run.value("pre", item_id) == stored
    item = next(i for i in run.checklist.timepoints[0].items if i.id == item_id)
    assert display(item, stored) == shown


@pytest.mark.parametrize(
    ("item_id", "raw", "words"),
    [
        ("temp", "29.9", "outside the plausible range"),
        ("temp", "43.1", "outside the plausible range"),
        ("temp", "37.25", "at most 1 decimal place"),
        ("temp", "warm", "not a number"),
        ("temp", "nan", "not a number"),
        ("moaas", 6, "not on the scale"),
        ("moaas", "high", "not on the scale"),
        ("ride", "maybe", "yes or no"),
        ("done", "sort of", "done or not done"),
        ("note", "x" * 21, "At most 20 characters"),
    ],
)
def test_implausible_values_are_refused_and_nothing_is_written(
    store: RunStore, run_id: int, item_id: str, raw: object, words: str
) -> None:
    """A refused value raises with a message and leaves no row behind."""
    with pytest.raises(EntryRefused, match=words):
        store.record(run_id, "pre", item_id, raw)  # type: ignore[arg-type]
    run = store.load(run_id)
    assert run is not None and run.entries == []


def test_value_outside_alert_range_is_accepted_and_flagged(store: RunStore, run_id: int) -> None:
    """38.5 °C is plausible: it is saved, and the fever rule fires."""
    store.record(run_id, "pre", "temp", "38.5")
    run = store.load(run_id)
    assert run is not None
    assert [(a.item_id, a.message) for a in run.alerts()] == [("temp", "Fever.")]


def test_entries_are_appended_never_overwritten(store: RunStore, run_id: int, clock: FakeClock) -> None:
    """A correction is a new timestamped row; the latest wins and the earlier one is kept."""
    store.record(run_id, "pre", "temp", "39.5")
    clock.advance(minutes=2)
    store.record(run_id, "pre", "temp", "37.5")
    clock.advance(minutes=1)
    store.record(run_id, "pre", "temp", None)
    run = store.load(run_id)
    assert run is not None
    assert [e.value for e in run.entries] == ["39.5", "37.5", None]
    assert [e.recorded_at for e in run.entries] == [
        START,
        START + timedelta(minutes=2),
        START + timedelta(minutes=3),
    ]
    assert run.value("pre", "temp") is None and run.alerts() == []


def test_unknown_item_is_refused(store: RunStore, run_id: int) -> None:
    """Only items of the run's checklist can be recorded."""
    with pytest.raises(EntryRefused, match="no item"):
        store.record(run_id, "after", "temp", "37")


def test_run_records_pack_and_checklist_versions(store: RunStore, run_id: int) -> None:
    """The run says which pack version and checklist version it was run against."""
    info = store.info(run_id)
    assert info is not None
    assert (info.pack_id, info.pack_version, info.checklist_id, info.checklist_version) == (
        "test-pack",
        "3.4.5",
        "every-type",
        "2.1.0",
    )
    assert info.dose_time == START + timedelta(minutes=15) and info.started_at == START


def test_run_survives_reopening_with_its_own_checklist(tmp_path: Path, clock: FakeClock) -> None:
    """After a restart the run reads back whole, with the checklist as it was when started."""
    db = UserDb.open(tmp_path / "user.db")
    run_id = RunStore(db, clock).start("p", "1.0.0", every_type_checklist(), "Bay 1", None)
    RunStore(db, clock).record(run_id, "pre", "ride", "yes")
    db.close()
    reopened = RunStore(UserDb.open(tmp_path / "user.db"), clock)
    run = reopened.load(run_id)
    assert run is not None
    assert run.checklist == every_type_checklist() and run.value("pre", "ride") == "yes"
    assert [r.id for r in reopened.unfinished()] == [run_id]


def test_dose_time_latest_wins(store: RunStore, run_id: int) -> None:
    """Setting the dose time again appends an event; the latest one counts."""
    store.set_dose_time(run_id, START + timedelta(minutes=20))
    info = store.info(run_id)
    assert info is not None and info.dose_time == START + timedelta(minutes=20)


def test_completed_run_is_closed(store: RunStore, run_id: int, clock: FakeClock) -> None:
    """After completion nothing more can be recorded, and the run is no longer offered for resumption."""
    clock.advance(hours=2)
    store.complete(run_id)
    info = store.info(run_id)
    assert info is not None and info.completed_at == clock.now
    with pytest.raises(RunFinished):
        store.record(run_id, "pre", "ride", "yes")
    assert store.unfinished() == []


def test_required_items_and_done_timepoints(store: RunStore, run_id: int) -> None:
    """A timepoint is done when its required items have values; an unticked check does not count."""
    store.record(run_id, "pre", "done", False)
    store.record(run_id, "pre", "ride", "no")
    run = store.load(run_id)
    assert run is not None
    assert [item.id for _, item in run.missing_required()] == ["done"]
    assert run.done_timepoints() == set()
    store.record(run_id, "pre", "done", True)
    store.record(run_id, "after", "ok", True)
    run = store.load(run_id)
    assert run is not None and run.done_timepoints() == {"pre", "after"}


def test_purge_removes_only_completed_runs_past_retention(store: RunStore, clock: FakeClock) -> None:
    """Completed runs older than the retention period go; recent and unfinished ones stay."""
    old_done = store.start("p", "1", every_type_checklist(), "Old, done", None)
    old_open = store.start("p", "1", every_type_checklist(), "Old, never finished", None)
    store.record(old_open, "pre", "ride", "yes")
    store.record(old_done, "pre", "ride", "yes")
    store.complete(old_done)
    clock.advance(days=20)
    recent_done = store.start("p", "1", every_type_checklist(), "Recent, done", None)
    store.complete(recent_done)
    clock.advance(days=11)
    assert store.purge(30) == 1
    assert {r.id for r in store.runs()} == {old_open, recent_done}
    run = store.load(old_open)
    assert run is not None and run.value("pre", "ride") == "yes"
    count = store.db.connection.execute(
        "SELECT count(*) FROM checklist_entries WHERE run_id = ?", (old_done,)
    )
    assert count.fetchone()[0] == 0
    clock.advance(days=365)
    assert store.purge(30) == 1
    assert [r.id for r in store.runs()] == [old_open]


@pytest.mark.parametrize("label", ["Chair 2, morning", "Bay 4 \u2013 14:30", "Session A"])
def test_session_labels_are_accepted(label: str) -> None:
    """Ordinary session labels pass."""
    assert check_label(f"  {label} ") == label


@pytest.mark.parametrize(
    ("label", "words"),
    [
        ("", "Enter a session label"),
        ("   ", "Enter a session label"),
        ("MRN 1234567", "record number"),
        ("born 03/04/1970", "date of birth"),
        ("1970-04-03", "date of birth"),
        ("x" * 81, "80 characters"),
    ],
)
def test_labels_that_look_like_identifiers_are_refused(label: str, words: str) -> None:
    """No patient identifiers: record numbers and dates are refused, with the reason."""
    with pytest.raises(ValueError, match=words):
        check_label(label)
