"""`user.db`: the only copy of what users enter. SQLite in WAL mode, schema upgrades by
`PRAGMA user_version` steps (calibre's approach), and a damaged file moved aside, never deleted.

Migrations are the numbered files in `app/core/sql/` (`NNN_name.sql`); each runs in one
transaction together with its `user_version` bump, so an interrupted upgrade leaves the old
version intact.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent / "sql"
log = logging.getLogger(__name__)


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
    def open(cls, path: Path) -> UserDb:
        """Open or create `path`; a damaged or unusable file is moved aside and reported."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return cls(_connect(path), path)
        except _NewerSchema as newer:
            message = f"{path} was written by a newer version of Protocol Desk (schema {newer.version})."
            log.warning(message)
            return cls(
                _connect_memory(),
                None,
                message + " It was left untouched; changes this session are not saved.",
            )
        except sqlite3.DatabaseError as error:
            moved = _move_aside(path)
            message = (
                f"Your saved data file was damaged ({error}). It was moved to {moved.name} in the same "
                "folder, and a new file was started. Nothing was deleted."
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


class _NewerSchema(Exception):
    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def _configure(connection: sqlite3.Connection) -> None:
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 5000")


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        _configure(connection)
        check = connection.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {check}")
        _refuse_newer(connection)  # before WAL: switching modes would rewrite a newer file's header
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")  # a saved entry survives power loss
        _upgrade(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _connect_memory() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:", isolation_level=None)
    _configure(connection)
    _upgrade(connection)
    return connection


def _refuse_newer(connection: sqlite3.Connection) -> None:
    current = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if current > latest_version():
        raise _NewerSchema(current)


def _upgrade(connection: sqlite3.Connection) -> None:
    _refuse_newer(connection)
    current = int(connection.execute("PRAGMA user_version").fetchone()[0])
    for version, script in migrations():
        if version <= current:
            continue
        # executescript would commit implicitly; run statement by statement inside one transaction.
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version}")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")


def _statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]


def _move_aside(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            source.rename(Path(f"{target}{suffix}"))
    return target
