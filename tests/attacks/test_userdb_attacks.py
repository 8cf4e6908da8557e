"""Failure 1: a healthy user.db must never be declared damaged and moved aside.

Each attack leaves the file as it was (every saved entry still in it), moves nothing aside, says
plainly what is wrong, and gives a session that works (showing the saved data when it can be read)
but saves nothing. Only a file SQLite itself reports as corrupt is moved aside.

The full disk and the read-only folder are simulated deterministically at the SQLite layer (these
tests run as root in CI, where permissions do not stop writes, and a tmpfs mount needs privileges):
a Connection subclass raises SQLite's own SQLITE_FULL / SQLITE_READONLY for every write, which is
what SQLite reports when it cannot create the -wal file or extend the database.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.core.model import Checklist
from app.core.packs.loaded import Origin
from app.core.packs.roots import PackRoot, load_packs
from app.core.runs.store import RunStore
from app.core.system.paths import bundled_content_dir
from app.core.userdata import db as dbmodule
from app.core.userdata.db import Trouble, UserDb, classify, latest_version, migrations

REPO = Path(__file__).resolve().parents[2]
ENTRIES = 500


def _saved_data(path: Path) -> int:
    """A user.db holding one run with ENTRIES entries, closed cleanly; returns the run id."""
    db = UserDb.open(path)
    store = RunStore(db)
    found = load_packs([PackRoot(bundled_content_dir(), Origin.BUNDLED)]).find(
        "esketamine-session-monitoring"
    )
    assert found is not None
    pack, checklist = found
    assert isinstance(checklist, Checklist)
    run_id = store.start(pack.id, pack.manifest.version, checklist, "Chair 2, attack", datetime.now(UTC))
    for number in range(ENTRIES):
        store.record(run_id, "pre-dose", "pre-sbp", str(100 + number % 80))
    db.close()
    return run_id


def _entry_count(path: Path) -> int:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM checklist_entries").fetchone()[0])
    finally:
        connection.close()


def _nothing_moved(path: Path) -> None:
    assert not list(path.parent.glob(f"{path.name}.damaged-*")), "a healthy file was moved aside"


def _error(code: int, message: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


class _FailingWrites(sqlite3.Connection):
    """What SQLite does on a full disk or a read-only folder: reads work, the first write fails."""

    code = sqlite3.SQLITE_FULL
    message = "database or disk is full"

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql.lstrip().upper().startswith(("BEGIN", "INSERT", "PRAGMA JOURNAL_MODE", "CREATE")):
            raise _error(self.code, self.message)
        return super().execute(sql, *args)


def _simulate(monkeypatch: pytest.MonkeyPatch, code: int, message: str) -> None:
    failing = type("Failing", (_FailingWrites,), {"code": code, "message": message})
    real = sqlite3.connect

    def connect(target: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if str(target) == ":memory:" or kwargs.get("uri"):
            return real(target, *args, **kwargs)  # the in-memory session and read-only snapshot
        return real(target, *args, factory=failing, **kwargs)

    monkeypatch.setattr(dbmodule.sqlite3, "connect", connect)


@pytest.mark.parametrize(
    ("code", "message", "said"),
    [
        (sqlite3.SQLITE_FULL, "database or disk is full", "disk holding user.db is full"),
        (sqlite3.SQLITE_READONLY, "attempt to write a readonly database", "read-only"),
        (sqlite3.SQLITE_CANTOPEN, "unable to open database file", "cannot be opened"),
    ],
)
def test_full_disk_and_read_only_folder_never_move_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str, said: str
) -> None:
    path = tmp_path / "user.db"
    run_id = _saved_data(path)
    with monkeypatch.context() as patch:
        _simulate(patch, code, message)
        db = UserDb.open(path, wait_seconds=0.5)
    assert (
        db.notice is not None and said in db.notice and "nothing you do in this session is saved" in db.notice
    )
    _nothing_moved(path)
    store = RunStore(db)
    run = store.load(run_id)
    assert run is not None and len(run.entries) == ENTRIES, "the saved data is shown"
    store.record(run_id, "pre-dose", "pre-dbp", "80")  # the app keeps working (in memory)
    db.close()
    assert _entry_count(path) == ENTRIES, "the file on disk is exactly as it was"
    reopened = UserDb.open(path)  # space is back: the same file, all its data, no notice
    assert reopened.notice is None and RunStore(reopened).load(run_id) is not None
    assert len(RunStore(reopened).load(run_id).entries) == ENTRIES  # type: ignore[union-attr]
    reopened.close()


HOLDER = r"""
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA locking_mode = EXCLUSIVE")
connection.execute("BEGIN EXCLUSIVE")
connection.execute("INSERT INTO app_state VALUES ('holder', 'x', 'now')")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
"""


def test_database_locked_by_another_process_is_left_alone(tmp_path: Path) -> None:
    """Another process holds an exclusive lock for longer than the bounded wait."""
    path = tmp_path / "user.db"
    run_id = _saved_data(path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), "8"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        db = UserDb.open(path, wait_seconds=1.0)
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    assert waited < 20, "the wait is bounded"
    assert db.notice is not None and "locked by another program" in db.notice
    assert "nothing you do in this session is saved" in db.notice
    _nothing_moved(path)
    assert db.path is None  # the session is not tied to the locked file
    db.connection.execute("INSERT INTO app_state VALUES ('k', 'v', 'now')")  # and takes writes
    db.close()
    assert _entry_count(path) == ENTRIES
    again = UserDb.open(path)
    assert again.notice is None and len(RunStore(again).load(run_id).entries) == ENTRIES  # type: ignore[union-attr]
    again.close()


def test_short_lock_is_waited_out(tmp_path: Path) -> None:
    """A lock released within the bounded wait is simply waited for: a normal session, no notice."""
    path = tmp_path / "user.db"
    _saved_data(path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), "1.5"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        db = UserDb.open(path, wait_seconds=15)
    finally:
        holder.wait(timeout=30)
    assert db.notice is None and db.path == path
    db.close()
    _nothing_moved(path)


MIGRATOR = r"""
import sys, time
from pathlib import Path
from app.core.userdata.db import UserDb
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.005)
db = UserDb.open(Path(sys.argv[1]))
version = db.connection.execute("PRAGMA user_version").fetchone()[0]
print(f"{version}|{db.notice}", flush=True)
"""


def _old_schema(path: Path) -> None:
    """A user.db at schema 2 (bookmarks, app state) with a bookmark in it."""
    connection = sqlite3.connect(path, isolation_level=None)
    for version, script in migrations()[:2]:
        connection.executescript(script)
        connection.execute(f"PRAGMA user_version = {version}")
    connection.execute("INSERT INTO bookmarks VALUES ('p', 'd', '', 'Kept', 'now')")
    connection.close()


@pytest.mark.parametrize("round_number", range(4))
def test_two_copies_migrating_an_older_schema_at_once(tmp_path: Path, round_number: int) -> None:
    path, go = tmp_path / "user.db", tmp_path / "go"
    _old_schema(path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", MIGRATOR, str(path), str(go)], stdout=subprocess.PIPE, text=True, env=env
        )
        for _ in range(2)
    ]
    time.sleep(1.0)  # both are importing and waiting for the signal
    go.touch()
    outputs = [process.communicate(timeout=60)[0].strip() for process in processes]
    assert outputs == [f"{latest_version()}|None"] * 2, outputs
    _nothing_moved(path)
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT title FROM bookmarks").fetchall() == [("Kept",)]
    connection.close()


def test_only_real_corruption_is_moved_aside_with_a_recoverable_notice(tmp_path: Path) -> None:
    path = tmp_path / "user.db"
    path.write_bytes(b"not a database" * 300)
    db = UserDb.open(path)
    moved = list(tmp_path.glob("user.db.damaged-*"))
    assert len(moved) == 1 and db.notice is not None
    assert str(moved[0]) in db.notice and "recover" in db.notice and "Nothing was deleted" in db.notice
    assert db.path == path  # a new, working file
    db.close()


def test_error_codes_are_told_apart() -> None:
    assert classify(_error(sqlite3.SQLITE_CORRUPT, "malformed")) is Trouble.CORRUPT
    assert classify(_error(sqlite3.SQLITE_NOTADB, "not a database")) is Trouble.CORRUPT
    assert classify(_error(sqlite3.SQLITE_BUSY, "locked")) is Trouble.BUSY
    assert classify(_error(sqlite3.SQLITE_LOCKED | (1 << 8), "locked")) is Trouble.BUSY
    assert classify(_error(sqlite3.SQLITE_FULL, "full")) is Trouble.FULL
    assert classify(_error(sqlite3.SQLITE_READONLY, "read-only")) is Trouble.READ_ONLY
    assert classify(_error(sqlite3.SQLITE_IOERR, "disk I/O error")) is Trouble.OTHER
    assert classify(sqlite3.DatabaseError("no code")) is Trouble.OTHER


def test_entries_are_append_only_in_the_database(tmp_path: Path) -> None:
    """The triggers refuse any rewrite, whatever code runs; a purge of completed runs still works."""
    path = tmp_path / "user.db"
    run_id = _saved_data(path)
    db = UserDb.open(path)
    sql = db.connection
    for statement in (
        "UPDATE checklist_entries SET value = '1'",
        "DELETE FROM checklist_entries",
        "UPDATE checklist_runs SET label = 'x'",
        "DELETE FROM checklist_runs",
        "DELETE FROM checklist_run_events",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            sql.execute(statement)
    assert _entry_count(path) == ENTRIES
    clock = functools.partial(datetime.now, UTC)
    store = RunStore(db, clock)
    store.complete(run_id)
    later = RunStore(db, lambda: clock().replace(year=clock().year + 1))
    assert later.purge(30) == 1 and _entry_count(path) == 0
    db.close()
