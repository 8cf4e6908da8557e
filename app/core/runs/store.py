"""Checklist runs in user.db: started from a checklist, filled in beside the patient, exported, purged.

The store is append-only. Each value entered is a new row with its timestamp and the latest row per
item wins; the dose time and completion are events in the same way. Every write is its own
transaction on a WAL database with synchronous FULL, so a value shown as saved survives a crash or a
power cut. A run keeps the checklist it was started from (JSON) with the pack and checklist versions,
so it can be resumed or exported whatever happens to the pack later. Only completed runs older than
the retention period are ever deleted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from app.core.model.checklist import Checklist, ChecklistItem, Timepoint
from app.core.model.severity import Severity
from app.core.runs.alerts import AlertValue, FiredAlert, evaluate
from app.core.runs.values import EntryRefused, Raw, decode, parse_value
from app.core.system.clock import Clock, utc_now
from app.core.userdata.db import UserDb

LABEL_MAX = 80
IDENTIFIER_LIKE = re.compile(r"\d{5,}|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")
LABEL_HINT = (
    "A session label such as \u201cChair 2, morning\u201d. Do not use names or other patient identifiers."
)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


class RunFinished(ValueError):
    """The run was completed; its record is closed to new entries."""


def check_label(label: str) -> str:
    """The label, trimmed; refused when empty, too long, or shaped like a record number or a date."""
    text = " ".join(label.split())
    if not text:
        raise ValueError("Enter a session label. " + LABEL_HINT)
    if len(text) > LABEL_MAX:
        raise ValueError(f"Keep the session label to {LABEL_MAX} characters.")
    if IDENTIFIER_LIKE.search(text):
        raise ValueError(
            "The label looks like a record number or a date of birth. Use a session label such as "
            "\u201cChair 2, morning\u201d; no patient identifiers are stored."
        )
    return text


@dataclass(frozen=True)
class RunInfo:
    """What the run list shows about a run."""

    id: int
    label: str
    pack_id: str
    pack_version: str
    checklist_id: str
    checklist_version: str
    checklist_title: str
    started_at: datetime
    dose_time: datetime | None
    completed_at: datetime | None

    @property
    def finished(self) -> bool:
        return self.completed_at is not None


@dataclass(frozen=True)
class Entry:
    """One recorded value (None when the value was cleared)."""

    id: int
    timepoint_id: str
    item_id: str
    item_type: str
    value: str | None
    recorded_at: datetime


Key = tuple[str, str]
"""(timepoint id, item id): item ids need only be unique within their timepoint."""


@dataclass(frozen=True)
class LoggedAlert:
    """An alert as it fired: when, which rule, what it said (kept even after the value changes)."""

    fired_at: datetime
    rule_id: str
    severity: Severity
    item_label: str
    rule: str
    action: str


@dataclass
class Run:
    """A run with its checklist and every entry in the order they were made."""

    info: RunInfo
    checklist: Checklist
    entries: list[Entry] = field(default_factory=list)
    alert_log: list[LoggedAlert] = field(default_factory=list)

    def latest(self) -> dict[Key, Entry]:
        latest: dict[Key, Entry] = {}
        for entry in self.entries:
            latest[(entry.timepoint_id, entry.item_id)] = entry
        return latest

    def value(self, timepoint_id: str, item_id: str) -> str | None:
        entry = self.latest().get((timepoint_id, item_id))
        return entry.value if entry else None

    def items(self) -> list[tuple[Timepoint, ChecklistItem]]:
        return [(point, item) for point in self.checklist.timepoints for item in point.items]

    def values(self) -> dict[Key, AlertValue]:
        """The latest value of every item, decoded for the alert rules."""
        latest = self.latest()
        decoded: dict[Key, AlertValue] = {}
        for point, item in self.items():
            entry = latest.get((point.id, item.id))
            if entry is not None and entry.value is not None:
                decoded[(point.id, item.id)] = decode(item, entry.value)
        return decoded

    def alerts(self) -> list[FiredAlert]:
        """Alerts that hold for the latest values, most severe first."""
        return evaluate(self.checklist, self.values())

    def missing_required(self) -> list[tuple[Timepoint, ChecklistItem]]:
        latest = self.latest()
        return [
            (point, item)
            for point, item in self.items()
            if item.required and _empty(item, latest.get((point.id, item.id)))
        ]

    def done_timepoints(self) -> set[str]:
        """Timepoints whose required items all have a value (or, with none required, any item)."""
        latest = self.latest()
        done = set()
        for point in self.checklist.timepoints:
            values = [not _empty(item, latest.get((point.id, item.id))) for item in point.items]
            required = [v for v, item in zip(values, point.items, strict=True) if item.required]
            if all(required) if required else any(values):
                done.add(point.id)
        return done


def _empty(item: ChecklistItem, entry: Entry | None) -> bool:
    if entry is None or entry.value is None:
        return True
    return item.type == "check" and entry.value == "false"


_RUN_SELECT = """
SELECT r.id, r.label, r.pack_id, r.pack_version, r.checklist_id, r.checklist_version, r.checklist_title,
       r.started_at,
       (SELECT value FROM checklist_run_events e WHERE e.run_id = r.id AND e.kind = 'dose_time'
        ORDER BY e.id DESC LIMIT 1) AS dose_time,
       (SELECT recorded_at FROM checklist_run_events e WHERE e.run_id = r.id AND e.kind = 'completed'
        ORDER BY e.id LIMIT 1) AS completed_at
FROM checklist_runs r
"""


class RunStore:
    """Checklist runs in user.db; `clock` gives every timestamp (a fake one in tests)."""

    def __init__(self, db: UserDb, clock: Clock = utc_now) -> None:
        self.db = db
        self.clock = clock
        self._checklists: dict[int, Checklist] = {}

    # --- writing ---------------------------------------------------------------------------
    def start(
        self, pack_id: str, pack_version: str, checklist: Checklist, label: str, dose_time: datetime | None
    ) -> int:
        """Create a run (and its dose time, when known) in one transaction; returns its id."""
        text = check_label(label)
        now = iso(self.clock())
        snapshot = checklist.model_dump_json()
        row = (text, pack_id, pack_version, checklist.id, checklist.version, checklist.title, snapshot, now)
        with self.db.transaction() as sql:
            cursor = sql.execute(
                "INSERT INTO checklist_runs (label, pack_id, pack_version, checklist_id, checklist_version,"
                " checklist_title, checklist_json, started_at) VALUES (?,?,?,?,?,?,?,?)",
                row,
            )
            run_id = int(cursor.lastrowid or 0)
            if dose_time is not None:
                sql.execute(
                    "INSERT INTO checklist_run_events (run_id, kind, value, recorded_at) VALUES (?,?,?,?)",
                    (run_id, "dose_time", iso(dose_time), now),
                )
        self._checklists[run_id] = checklist
        return run_id

    def record(self, run_id: int, timepoint_id: str, item_id: str, raw: Raw) -> Entry:
        """Check and append one value; returns the saved entry (EntryRefused when it is refused)."""
        self._ensure_open(run_id)
        item = self._item(run_id, timepoint_id, item_id)
        value = parse_value(item, raw)
        now = self.clock()
        new_alerts = self._newly_fired(run_id, timepoint_id, item, value)
        with self.db.transaction() as sql:
            cursor = sql.execute(
                "INSERT INTO checklist_entries (run_id, timepoint_id, item_id, item_type, value, recorded_at)"
                " VALUES (?,?,?,?,?,?)",
                (run_id, timepoint_id, item_id, item.type, value, iso(now)),
            )
            for alert in new_alerts:  # in the same transaction: an alert shown is an alert logged
                sql.execute(
                    "INSERT INTO checklist_run_alerts"
                    " (run_id, rule_id, severity, item, rule, action, fired_at) VALUES (?,?,?,?,?,?,?)",
                    (
                        run_id,
                        alert.rule_id,
                        alert.severity.value,
                        alert.item_label,
                        alert.rule,
                        alert.action,
                        iso(now),
                    ),
                )
        return Entry(int(cursor.lastrowid or 0), timepoint_id, item_id, item.type, value, now)

    def _newly_fired(
        self, run_id: int, timepoint_id: str, item: ChecklistItem, value: str | None
    ) -> list[FiredAlert]:
        """Rules that hold once this value is in and did not hold before it."""
        run = self.load(run_id)
        assert run is not None  # _ensure_open found it
        before = run.values()
        after = dict(before)
        key = (timepoint_id, item.id)
        if value is None:
            after.pop(key, None)
        else:
            after[key] = decode(item, value)
        held = {a.rule_id for a in evaluate(run.checklist, before)}
        return [a for a in evaluate(run.checklist, after) if a.rule_id not in held]

    def set_dose_time(self, run_id: int, when: datetime) -> None:
        self._ensure_open(run_id)
        self._event(run_id, "dose_time", iso(when))

    def complete(self, run_id: int) -> None:
        self._ensure_open(run_id)
        self._event(run_id, "completed", None)

    def _event(self, run_id: int, kind: str, value: str | None) -> None:
        with self.db.transaction() as sql:
            sql.execute(
                "INSERT INTO checklist_run_events (run_id, kind, value, recorded_at) VALUES (?,?,?,?)",
                (run_id, kind, value, iso(self.clock())),
            )

    def _ensure_open(self, run_id: int) -> None:
        info = self.info(run_id)
        if info is None:
            raise KeyError(f"no checklist run {run_id}")
        if info.finished:
            raise RunFinished(f"Run {run_id} ({info.label}) was completed; it cannot be changed.")

    def _item(self, run_id: int, timepoint_id: str, item_id: str) -> ChecklistItem:
        checklist = self.checklist(run_id)
        for point in checklist.timepoints:
            if point.id == timepoint_id:
                for item in point.items:
                    if item.id == item_id:
                        return item
        raise EntryRefused(f"{checklist.title} has no item {item_id!r} at {timepoint_id!r}.")

    # --- reading ---------------------------------------------------------------------------
    def checklist(self, run_id: int) -> Checklist:
        if run_id not in self._checklists:
            row = self.db.connection.execute(
                "SELECT checklist_json FROM checklist_runs WHERE id = ?", (run_id,)
            ).fetchone()
            if row is None:
                raise KeyError(f"no checklist run {run_id}")
            self._checklists[run_id] = Checklist.model_validate_json(row[0])
        return self._checklists[run_id]

    def info(self, run_id: int) -> RunInfo | None:
        row = self.db.connection.execute(_RUN_SELECT + " WHERE r.id = ?", (run_id,)).fetchone()
        return _info(row) if row else None

    def runs(self) -> list[RunInfo]:
        """Every run, newest first."""
        rows = self.db.connection.execute(_RUN_SELECT + " ORDER BY r.id DESC").fetchall()
        return [_info(row) for row in rows]

    def unfinished(self) -> list[RunInfo]:
        return [run for run in self.runs() if not run.finished]

    def load(self, run_id: int) -> Run | None:
        info = self.info(run_id)
        if info is None:
            return None
        rows = self.db.connection.execute(
            "SELECT id, timepoint_id, item_id, item_type, value, recorded_at FROM checklist_entries"
            " WHERE run_id = ? ORDER BY id",
            (run_id,),
        ).fetchall()
        entries = [Entry(r[0], r[1], r[2], r[3], r[4], parse_iso(r[5])) for r in rows]
        return Run(info, self.checklist(run_id), entries, self._alert_log(run_id))

    def _alert_log(self, run_id: int) -> list[LoggedAlert]:
        rows = self.db.connection.execute(
            "SELECT fired_at, rule_id, severity, item, rule, action FROM checklist_run_alerts"
            " WHERE run_id = ? ORDER BY id",
            (run_id,),
        ).fetchall()
        return [LoggedAlert(parse_iso(r[0]), r[1], Severity(r[2]), r[3], r[4], r[5]) for r in rows]

    # --- retention -------------------------------------------------------------------------
    def purge(self, retention_days: int) -> int:
        """Delete completed runs finished more than `retention_days` ago; unfinished runs are kept."""
        cutoff = self.clock() - timedelta(days=retention_days)
        expired = [r.id for r in self.runs() if r.completed_at is not None and r.completed_at < cutoff]
        if not expired:
            return 0
        marks = ",".join("?" * len(expired))
        # This order is the only one the append-only triggers (sql/005) allow.
        with self.db.transaction() as sql:
            for table in ("checklist_entries", "checklist_run_alerts"):
                sql.execute(f"DELETE FROM {table} WHERE run_id IN ({marks})", expired)
            events = f"DELETE FROM checklist_run_events WHERE run_id IN ({marks}) AND kind"
            sql.execute(f"{events} <> 'completed'", expired)
            sql.execute(f"{events} = 'completed'", expired)
            sql.execute(f"DELETE FROM checklist_runs WHERE id IN ({marks})", expired)
        for run_id in expired:
            self._checklists.pop(run_id, None)
        return len(expired)


def _info(row: tuple[object, ...]) -> RunInfo:
    dose, completed = row[8], row[9]
    return RunInfo(
        int(str(row[0])),
        str(row[1]),
        str(row[2]),
        str(row[3]),
        str(row[4]),
        str(row[5]),
        str(row[6]),
        parse_iso(str(row[7])),
        parse_iso(str(dose)) if dose else None,
        parse_iso(str(completed)) if completed else None,
    )
