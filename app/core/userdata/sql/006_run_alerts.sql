-- Version 6: every alert a checklist run fired, with its time. Append-only like the entries: a row is
-- written in the same transaction as the value that made the rule hold, and is kept when the value
-- is later corrected, so the record shows what was on screen and when.
CREATE TABLE checklist_run_alerts (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id    INTEGER NOT NULL REFERENCES checklist_runs (id),
    rule_id   TEXT NOT NULL,
    severity  TEXT NOT NULL,
    item      TEXT NOT NULL,
    rule      TEXT NOT NULL,
    action    TEXT NOT NULL,
    fired_at  TEXT NOT NULL
);
CREATE INDEX checklist_run_alerts_by_run ON checklist_run_alerts (run_id, id);
-- Append-only like the rest of a run (version 5): never rewritten, deleted only with a completed run
-- when it is purged, and a run row goes only once its alerts have gone too.
CREATE TRIGGER checklist_run_alerts_no_update BEFORE UPDATE ON checklist_run_alerts
BEGIN
    SELECT RAISE(ABORT, 'checklist run alerts are append-only');
END;
CREATE TRIGGER checklist_run_alerts_delete_completed_only BEFORE DELETE ON checklist_run_alerts
WHEN NOT EXISTS (
    SELECT 1 FROM checklist_run_events WHERE run_id = OLD.run_id AND kind = 'completed'
)
BEGIN
    SELECT RAISE(ABORT, 'alerts of an unfinished checklist run cannot be deleted');
END;
DROP TRIGGER checklist_runs_delete_when_empty;
CREATE TRIGGER checklist_runs_delete_when_empty BEFORE DELETE ON checklist_runs
WHEN EXISTS (SELECT 1 FROM checklist_entries WHERE run_id = OLD.id)
    OR EXISTS (SELECT 1 FROM checklist_run_events WHERE run_id = OLD.id)
    OR EXISTS (SELECT 1 FROM checklist_run_alerts WHERE run_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'only a purged (completed and emptied) checklist run can be deleted');
END;
