"""`user.db`: the only copy of what users enter. SQLite in WAL mode, schema upgrades by
`PRAGMA user_version` steps (calibre's approach).

Migrations are the numbered files in `sql/` (`NNN_name.sql`); all pending ones run in one
transaction under BEGIN IMMEDIATE together with the `user_version` bump, so an interrupted upgrade
leaves the old version intact and two processes cannot both run it.

Only a file SQLite reports as corrupt (SQLITE_CORRUPT, SQLITE_NOTADB, a failed quick_check) is
moved aside, never deleted. Busy, locked, full, read-only and unopenable files are left alone; the
session then shows an in-memory copy and saves nothing, with a notice saying why.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent / "sql"
log = logging.getLogger(__name__)
BUSY_TIMEOUT_SECONDS = 5.0
"""How long one statement waits for another process's lock (SQLite's busy handler)."""
LOCK_WAIT_SECONDS = 10.0
"""How long opening keeps retrying while user.db stays locked, before the session runs unsaved."""


def migrations() -> list[tuple[int, str]]:
    """(version, script) for every file in sql/, in order."""
    steps = []
    for path in sorted(SQL_DIR.glob("[0-9][0-9][0-9]_*.sql")):
        steps.append((int(path.name[:3]), path.read_text(encoding="utf-8")))
    return steps


def latest_version() -> int:
    return max((version for version, _ in migrations()), default=0)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class UserDb:
    """One connection to user.db, used from one thread (the UI thread)."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None, notice: str | None = None) -> None:
        self.connection = connection
        self.path = path
        self.notice = notice
        """A message for the user when the file had to be moved aside or could not be used."""

    @classmethod
    def open(cls, path: Path, *, wait_seconds: float = LOCK_WAIT_SECONDS) -> UserDb:
        """Open or create `path`. Only a file SQLite itself reports as corrupt is moved aside; a
        locked, full, read-only or unopenable one is left alone and the session does not save."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return cls(_connect_retrying(path, wait_seconds), path)
        except _NewerSchema as newer:
            message = f"{path} was written by a newer version of Protocol Desk (schema {newer.version})."
            return _unsaved(path, message + " It was left untouched.")
        except OSError as error:
            return _unsaved(path, f"The folder for {path.name} cannot be used ({error.strerror or error}).")
        except sqlite3.DatabaseError as error:
            trouble = classify(error)
            if trouble is not Trouble.CORRUPT:
                return _unsaved(path, _TROUBLE_TEXT[trouble].format(name=path.name, folder=path.parent))
            try:
                moved = _move_aside(path)
            except OSError as move_error:
                reason = f"{path.name} is damaged ({error}) and could not be moved aside ({move_error})."
                return _unsaved(path, reason)
            message = (
                f"Your saved data file was damaged ({error}). It was moved to {moved} and a new file was "
                "started. Nothing was deleted: the moved file can be given to IT, who can recover "
                "its data from there with the sqlite3 `.recover` command."
            )
            log.error(message)
            return cls(_connect(path), path, message)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error: a write lands whole or not at all."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def close(self) -> None:
        self.connection.close()


class Trouble(Enum):
    """Why user.db could not be opened, from SQLite's own result code."""

    CORRUPT = "corrupt"
    BUSY = "busy"
    FULL = "full"
    READ_ONLY = "read-only"
    CANNOT_OPEN = "cannot-open"
    OTHER = "other"


_CODES = {
    sqlite3.SQLITE_CORRUPT: Trouble.CORRUPT,
    sqlite3.SQLITE_NOTADB: Trouble.CORRUPT,
    sqlite3.SQLITE_BUSY: Trouble.BUSY,
    sqlite3.SQLITE_LOCKED: Trouble.BUSY,
    sqlite3.SQLITE_FULL: Trouble.FULL,
    sqlite3.SQLITE_READONLY: Trouble.READ_ONLY,
    sqlite3.SQLITE_CANTOPEN: Trouble.CANNOT_OPEN,
    sqlite3.SQLITE_PERM: Trouble.READ_ONLY,
    sqlite3.SQLITE_AUTH: Trouble.READ_ONLY,
}

_TROUBLE_TEXT = {
    Trouble.BUSY: "{name} is locked by another program (perhaps another copy of Protocol Desk or a "
    "backup tool) and stayed locked.",
    Trouble.FULL: "The disk holding {name} is full.",
    Trouble.READ_ONLY: "{name} or its folder {folder} is read-only.",
    Trouble.CANNOT_OPEN: "{name} in {folder} cannot be opened.",
    Trouble.OTHER: "{name} cannot be used right now.",
}


def classify(error: sqlite3.Error) -> Trouble:
    """Only SQLITE_CORRUPT, SQLITE_NOTADB and a failed integrity check mean a damaged file."""
    if isinstance(error, _Corrupt):
        return Trouble.CORRUPT
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return Trouble.OTHER
    return _CODES.get(code & 0xFF, Trouble.OTHER)


def _unsaved(path: Path, reason: str) -> UserDb:
    """A working session that saves nothing: the saved data shown read-only when it can be read."""
    connection, shown = _snapshot(path)
    what = (
        "Your saved checklists, bookmarks and study progress are shown as they were"
        if shown
        else "Saved data cannot be shown"
    )
    message = (
        f"{reason} {what}, but nothing you do in this session is saved. The file was not moved or "
        "changed. Restart Protocol Desk once the problem is fixed."
    )
    log.warning(message)
    return UserDb(connection, None, message)


def _snapshot(path: Path) -> tuple[sqlite3.Connection, bool]:
    """An in-memory copy of `path` read through a read-only connection, or an empty database."""
    memory = _connect_memory_empty()
    try:
        source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1.0)
        try:
            source.backup(memory)
        finally:
            source.close()
        _configure(memory)
        _upgrade(memory)
        return memory, True
    except (sqlite3.Error, _NewerSchema, ValueError):
        memory.close()
        empty = _connect_memory_empty()
        _configure(empty)
        _upgrade(empty)
        return empty, False


class _Corrupt(sqlite3.DatabaseError):
    """PRAGMA quick_check found damage."""


class _NewerSchema(Exception):
    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def _configure(connection: sqlite3.Connection) -> None:
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")


def _connect_retrying(path: Path, wait_seconds: float) -> sqlite3.Connection:
    """`_connect`, retried while another process holds a lock, for at most `wait_seconds`."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return _connect(path)
        except sqlite3.DatabaseError as error:
            if classify(error) is not Trouble.BUSY or time.monotonic() >= deadline:
                raise
            time.sleep(0.2)


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        _configure(connection)
        check = connection.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise _Corrupt(f"integrity check failed: {check}")
        _refuse_newer(connection)  # before WAL: switching modes would rewrite a newer file's header
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")  # a saved entry survives power loss
        _upgrade(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _connect_memory_empty() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", isolation_level=None)


def _refuse_newer(connection: sqlite3.Connection) -> None:
    current = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if current > latest_version():
        raise _NewerSchema(current)


def _upgrade(connection: sqlite3.Connection) -> None:
    """Every pending migration in one transaction under a write lock, the version read inside it:
    two copies of the app starting together migrate once (the second finds the work done)."""
    _refuse_newer(connection)
    if int(connection.execute("PRAGMA user_version").fetchone()[0]) == latest_version():
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        _refuse_newer(connection)
        current = int(connection.execute("PRAGMA user_version").fetchone()[0])
        for version, script in migrations():
            if version <= current:
                continue
            # executescript would commit implicitly; run statement by statement inside one transaction.
            for statement in _statements(script):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _statements(script: str) -> list[str]:
    """Split on complete statements (so trigger bodies, which hold `;`, stay whole)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    statements: list[str] = []
    pending = ""
    for line in lines:
        pending += line + "\n"
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in a migration: {pending.strip()[:80]}")
    return statements


def _move_aside(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            source.rename(Path(f"{target}{suffix}"))
    return target
