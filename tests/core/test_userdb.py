"""user.db: migrations, transactions, bookmarks and history, and recovery from damage."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.core.userdata.bookmarks import Bookmarks, History
from app.core.userdata.db import UserDb, latest_version


def test_new_database_is_at_latest_version_in_wal_mode(tmp_path: Path) -> None:
    """A fresh user.db has every migration applied and uses write-ahead logging."""
    db = UserDb.open(tmp_path / "user.db")
    assert db.connection.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert db.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.notice is None


def test_bookmarks_survive_reopen(tmp_path: Path) -> None:
    """A bookmark written and the database closed is there when it is opened again."""
    db = UserDb.open(tmp_path / "user.db")
    Bookmarks(db).add("pack", "doc-a", "Doc A")
    assert Bookmarks(db).toggle("pack", "doc-b", "Doc B") is True
    assert Bookmarks(db).toggle("pack", "doc-b", "Doc B") is False
    db.close()
    reopened = Bookmarks(UserDb.open(tmp_path / "user.db"))
    assert [b.doc_id for b in reopened.all()] == ["doc-a"]


def test_recent_lists_each_document_once_newest_first(tmp_path: Path) -> None:
    """History keeps every view; recent() shows each document once, newest first."""
    history = History(UserDb.open(tmp_path / "user.db"))
    for doc in ("a", "b", "a", "c"):
        history.record("pack", doc, doc.upper())
    assert [v.doc_id for v in history.recent()] == ["c", "a", "b"]


def test_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    """An error inside a transaction rolls back everything written in it."""
    db = UserDb.open(tmp_path / "user.db")
    with pytest.raises(RuntimeError), db.transaction() as sql:
        sql.execute("INSERT INTO bookmarks VALUES ('p', 'd', '', 't', 'now')")
        raise RuntimeError("interrupted")
    assert Bookmarks(db).all() == []


def test_damaged_file_is_moved_aside_not_deleted(tmp_path: Path) -> None:
    """A file that is not a database is renamed with a clear notice and a fresh one starts."""
    path = tmp_path / "user.db"
    path.write_bytes(b"this is not sqlite" * 100)
    db = UserDb.open(path)
    assert db.notice is not None and "user.db.damaged-" in db.notice and "recover" in db.notice
    aside = list(tmp_path.glob("user.db.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not sqlite")
    Bookmarks(db).add("pack", "doc", "Doc")
    assert len(Bookmarks(db).all()) == 1


def test_newer_schema_is_left_untouched(tmp_path: Path) -> None:
    """A database from a newer app version is not modified; the session runs in memory."""
    path = tmp_path / "user.db"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {latest_version() + 5}")
    raw.close()
    before = path.read_bytes()
    db = UserDb.open(path)
    assert db.notice is not None and "newer version" in db.notice
    Bookmarks(db).add("pack", "doc", "Doc")
    db.close()
    assert path.read_bytes() == before
