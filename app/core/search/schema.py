"""The index database: tables, ranking weights, and the checks that decide whether a cache file is usable.

Two FTS5 tables share one tokenizer (`unicode61 remove_diacritics 2`: case and diacritics folded):

- `doc_fts`, one row per document, is *contentless* (content=''): it exists only to find and rank
  documents, so it stores no text; bm25 over 10,000 rows is several times cheaper than over the
  70,000 sections they hold, and ranking cost is what bounds query latency at that size.
- `head_fts` is the same without the body: "all these words in a title or heading" then walks
  posting lists of heads only, not of every mention in every body.
- `section_fts`, one row per section, is *external-content* over the `sections` table: snippet()
  needs the text, and keeping it in an ordinary table lets every row carry its document's ids for the
  hit. Sections of a document have consecutive rowids, so "the best sections of this document" is a
  rowid-range query that FTS5 answers by seeking, not scanning.

Nothing here is the only copy of anything: the file is rebuilt from the packs whenever it is missing,
stale, foreign or damaged.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

SCHEMA_VERSION = 9
"""Raised whenever what a row holds changes, such as how section kinds are derived (kinds.py)."""
APPLICATION_ID = 0x50445358  # "PDSX": marks the file as ours in the SQLite header

TOKENIZER = "unicode61 remove_diacritics 2"
DOC_COLUMNS = ("title", "aliases", "tags", "heading", "body")
TITLE_COLUMNS = DOC_COLUMNS[:2]
HEAD_COLUMNS = DOC_COLUMNS[:4]
DOC_WEIGHTS = (10.0, 8.0, 3.0, 5.0, 1.0)
"""bm25 column weights: title and aliases far above headings and tags, all above the body."""
SECTION_WEIGHTS = (4.0, 1.0)
"""bm25 weights of (heading, body) when choosing the sections of a document."""

DDL = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE docs(
    rowid INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, pack_id TEXT NOT NULL, kind TEXT NOT NULL,
    title TEXT NOT NULL, summary TEXT NOT NULL, first_section INTEGER NOT NULL, last_section INTEGER NOT NULL,
    names TEXT NOT NULL
);
CREATE INDEX docs_kind ON docs(kind);
CREATE INDEX docs_pack ON docs(pack_id);
CREATE TABLE doc_tags(tag TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(tag, doc)) WITHOUT ROWID;
CREATE TABLE sections(
    rowid INTEGER PRIMARY KEY, doc INTEGER NOT NULL, section_id TEXT NOT NULL, heading TEXT NOT NULL,
    kinds TEXT NOT NULL, body TEXT NOT NULL
);
CREATE VIRTUAL TABLE doc_fts USING fts5(
    {", ".join(DOC_COLUMNS)}, content='', tokenize='{TOKENIZER}'
);
CREATE VIRTUAL TABLE head_fts USING fts5(
    {", ".join(HEAD_COLUMNS)}, content='', tokenize='{TOKENIZER}'
);
CREATE VIRTUAL TABLE section_fts USING fts5(
    heading, body, content='sections', content_rowid='rowid', tokenize='{TOKENIZER}'
);
CREATE VIRTUAL TABLE doc_vocab USING fts5vocab(doc_fts, 'row');
CREATE VIRTUAL TABLE section_vocab USING fts5vocab(section_fts, 'row');
CREATE TABLE vocab(
    term TEXT PRIMARY KEY, stem TEXT NOT NULL, docs INTEGER NOT NULL, sections INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX vocab_stem ON vocab(stem, docs);
CREATE TABLE vocab_keys(key TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY(key, term)) WITHOUT ROWID;
CREATE TABLE synonyms(term TEXT NOT NULL, grp INTEGER NOT NULL, PRIMARY KEY(grp, term)) WITHOUT ROWID;
CREATE TABLE placeholder_defaults(
    pack_id TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(pack_id, name)
) WITHOUT ROWID;
"""

RANK_SQL = "".join(
    f"INSERT INTO {table}({table}, rank) VALUES('rank', 'bm25({', '.join(map(str, weights))})');"
    for table, weights in (
        ("doc_fts", DOC_WEIGHTS),
        ("head_fts", DOC_WEIGHTS[:4]),
        ("section_fts", SECTION_WEIGHTS),
    )
)

EXPECTED_TABLES = frozenset(
    {
        "meta",
        "docs",
        "doc_tags",
        "sections",
        "doc_fts",
        "head_fts",
        "section_fts",
        "vocab",
        "vocab_keys",
        "synonyms",
        "placeholder_defaults",
    }
)


def cache_key(content_hash: str) -> str:
    """What a cached index must match: schema, Unicode tables of the folding code, and pack content."""
    return f"schema={SCHEMA_VERSION};unicode={unicodedata.unidata_version};packs={content_hash}"


def create(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    connection.executescript(DDL)
    connection.executescript(RANK_SQL)


def write_meta(connection: sqlite3.Connection, values: dict[str, str]) -> None:
    connection.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", values.items())


def read_meta(connection: sqlite3.Connection) -> dict[str, str]:
    return dict(connection.execute("SELECT key, value FROM meta").fetchall())


def problem_with(connection: sqlite3.Connection, path: Path, key: str) -> str | None:
    """Why the open file cannot serve as the index for `key`, or None when it can.

    Cheap checks only (no full integrity scan, which would cost seconds on a large index): our
    application id and schema version, the expected tables, a complete build for the same content,
    and a file as long as SQLite believes it to be (a truncated copy fails that). SQLite raises
    DatabaseError for files that are not databases at all; the caller treats that as a problem too.
    """
    if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        return "not a Protocol Desk search index"
    if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        return "index schema version differs"
    names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if not names >= EXPECTED_TABLES:
        return "index tables missing"
    meta = read_meta(connection)
    if meta.get("complete") != "1":
        return "index build did not finish"
    if meta.get("key") != key:
        return "packs changed since the index was built"
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    page_count = connection.execute("PRAGMA page_count").fetchone()[0]
    if path.stat().st_size < page_size * page_count:
        return "index file is truncated"
    return None
