-- Version 5: every alert a checklist run fired, with its time. Append-only like the entries: a row is
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
