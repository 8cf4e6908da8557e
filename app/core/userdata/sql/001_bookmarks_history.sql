-- Version 1: bookmarks and viewing history.
CREATE TABLE bookmarks (
    pack_id    TEXT NOT NULL,
    doc_id     TEXT NOT NULL,
    section_id TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (pack_id, doc_id)
);
CREATE TABLE history (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    pack_id    TEXT NOT NULL,
    doc_id     TEXT NOT NULL,
    section_id TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL,
    viewed_at  TEXT NOT NULL
);
CREATE INDEX history_by_time ON history (viewed_at DESC);
