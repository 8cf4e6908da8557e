-- Version 2: small facts about this workstation's use, such as acknowledged disclaimers.
CREATE TABLE app_state (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
