"""Small persistent facts (acknowledged disclaimers, last pack versions seen) in user.db."""

from __future__ import annotations

from app.core.userdata.db import UserDb, now_iso


class AppState:
    def __init__(self, db: UserDb) -> None:
        self.db = db

    def get(self, key: str, default: str = "") -> str:
        row = self.db.connection.execute("SELECT value FROM app_state WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set(self, key: str, value: str) -> None:
        with self.db.transaction() as sql:
            sql.execute(
                "INSERT INTO app_state (key, value, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                (key, value, now_iso()),
            )
