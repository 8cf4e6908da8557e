-- Version 3: checklist runs. Append-only: a run's facts (dose time, completion) and its item values
-- are new rows with a timestamp, and the latest row per item wins, so nothing entered is overwritten.
-- The checklist as it was run is kept with the run, so a run can be resumed and exported after the
-- pack changes or is removed. No patient identifiers: a run carries a label the user chooses.
CREATE TABLE checklist_runs (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    label             TEXT NOT NULL,
    pack_id           TEXT NOT NULL,
    pack_version      TEXT NOT NULL,
    checklist_id      TEXT NOT NULL,
    checklist_version TEXT NOT NULL,
    checklist_title   TEXT NOT NULL,
    checklist_json    TEXT NOT NULL,
    started_at        TEXT NOT NULL
);
CREATE TABLE checklist_run_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id      INTEGER NOT NULL REFERENCES checklist_runs (id),
    kind        TEXT NOT NULL CHECK (kind IN ('dose_time', 'completed')),
    value       TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX checklist_run_events_by_run ON checklist_run_events (run_id, kind, id);
CREATE TABLE checklist_entries (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id       INTEGER NOT NULL REFERENCES checklist_runs (id),
    timepoint_id TEXT NOT NULL,
    item_id      TEXT NOT NULL,
    item_type    TEXT NOT NULL,
    value        TEXT,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX checklist_entries_by_run ON checklist_entries (run_id, id);
