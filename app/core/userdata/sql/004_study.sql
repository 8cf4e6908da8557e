-- Version 4: study mode. The review log is the record of what a trainee did: rows are only
-- added (or removed by an explicit undo), never rewritten. The scheduling columns of study_cards
-- are a cache that replaying the log rebuilds. Cards that leave a pack are retired, not deleted.
CREATE TABLE study_cards (
    card_key           TEXT PRIMARY KEY,
    pack_id            TEXT NOT NULL,
    deck_id            TEXT NOT NULL,
    source             TEXT NOT NULL DEFAULT '',
    fingerprint        TEXT NOT NULL DEFAULT '',
    first_seen_at      TEXT NOT NULL,
    content_changed_at TEXT,
    retired_at         TEXT,
    phase              TEXT NOT NULL DEFAULT 'new',
    step               INTEGER,
    stability          REAL,
    difficulty         REAL,
    due                TEXT,
    last_review        TEXT
);
CREATE INDEX study_cards_by_pack ON study_cards (pack_id);
CREATE TABLE study_reviews (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    card_key        TEXT NOT NULL REFERENCES study_cards (card_key),
    rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    reviewed_at     TEXT NOT NULL,
    elapsed_days    REAL,
    duration_ms     INTEGER,
    phase_before    TEXT NOT NULL,
    phase_after     TEXT NOT NULL,
    due_before      TEXT,
    due_after       TEXT,
    content_changed INTEGER NOT NULL DEFAULT 0,
    UNIQUE (card_key, reviewed_at)
);
CREATE INDEX study_reviews_by_time ON study_reviews (reviewed_at);
