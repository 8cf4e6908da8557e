-- Version 5: checklist runs are append-only in the database itself, not only in the store's code.
-- Nothing recorded is ever rewritten; rows go only when a completed run is purged after the
-- retention period, in this order: entries, then events other than completion, then the completion
-- event, then the run. Any other UPDATE or DELETE is refused by SQLite.
CREATE TRIGGER checklist_entries_no_update BEFORE UPDATE ON checklist_entries
BEGIN
    SELECT RAISE(ABORT, 'checklist entries are append-only');
END;
CREATE TRIGGER checklist_entries_delete_completed_only BEFORE DELETE ON checklist_entries
WHEN NOT EXISTS (
    SELECT 1 FROM checklist_run_events WHERE run_id = OLD.run_id AND kind = 'completed'
)
BEGIN
    SELECT RAISE(ABORT, 'entries of an unfinished checklist run cannot be deleted');
END;
CREATE TRIGGER checklist_run_events_no_update BEFORE UPDATE ON checklist_run_events
BEGIN
    SELECT RAISE(ABORT, 'checklist run events are append-only');
END;
CREATE TRIGGER checklist_run_events_delete_completed_only BEFORE DELETE ON checklist_run_events
WHEN (OLD.kind <> 'completed' AND NOT EXISTS (
        SELECT 1 FROM checklist_run_events WHERE run_id = OLD.run_id AND kind = 'completed'))
    OR (OLD.kind = 'completed' AND EXISTS (
        SELECT 1 FROM checklist_entries WHERE run_id = OLD.run_id))
    OR (OLD.kind = 'completed' AND EXISTS (
        SELECT 1 FROM checklist_run_events WHERE run_id = OLD.run_id AND kind <> 'completed'))
BEGIN
    SELECT RAISE(ABORT, 'events of an unfinished checklist run cannot be deleted');
END;
CREATE TRIGGER checklist_runs_no_update BEFORE UPDATE ON checklist_runs
BEGIN
    SELECT RAISE(ABORT, 'checklist runs are append-only');
END;
CREATE TRIGGER checklist_runs_delete_when_empty BEFORE DELETE ON checklist_runs
WHEN EXISTS (SELECT 1 FROM checklist_entries WHERE run_id = OLD.id)
    OR EXISTS (SELECT 1 FROM checklist_run_events WHERE run_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'only a purged (completed and emptied) checklist run can be deleted');
END;
