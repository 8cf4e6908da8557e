"""Bookmarks and viewing history, kept in user.db so they survive restarts."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.userdata.db import UserDb, now_iso

HISTORY_LIMIT = 500


@dataclass(frozen=True)
class Visit:
    """A bookmarked or recently viewed document."""

    pack_id: str
    doc_id: str
    section_id: str
    title: str
    when: str


class Bookmarks:
    def __init__(self, db: UserDb) -> None:
        self.db = db

    def add(self, pack_id: str, doc_id: str, title: str, section_id: str = "") -> None:
        with self.db.transaction() as sql:
            sql.execute(
                "INSERT OR REPLACE INTO bookmarks (pack_id, doc_id, section_id, title, created_at)"
                " VALUES (?,?,?,?,?)",
                (pack_id, doc_id, section_id, title, now_iso()),
            )

    def remove(self, pack_id: str, doc_id: str) -> None:
        with self.db.transaction() as sql:
            sql.execute("DELETE FROM bookmarks WHERE pack_id = ? AND doc_id = ?", (pack_id, doc_id))

    def contains(self, pack_id: str, doc_id: str) -> bool:
        row = self.db.connection.execute(
            "SELECT 1 FROM bookmarks WHERE pack_id = ? AND doc_id = ?", (pack_id, doc_id)
        ).fetchone()
        return row is not None

    def toggle(self, pack_id: str, doc_id: str, title: str) -> bool:
        """Add or remove; returns True when the document is now bookmarked."""
        if self.contains(pack_id, doc_id):
            self.remove(pack_id, doc_id)
            return False
        self.add(pack_id, doc_id, title)
        return True

    def all(self) -> list[Visit]:
        rows = self.db.connection.execute(
            "SELECT pack_id, doc_id, section_id, title, created_at FROM bookmarks"
            " ORDER BY title COLLATE NOCASE"
        ).fetchall()
        return [Visit(*row) for row in rows]


class History:
    def __init__(self, db: UserDb) -> None:
        self.db = db

    def record(self, pack_id: str, doc_id: str, title: str, section_id: str = "") -> None:
        with self.db.transaction() as sql:
            sql.execute(
                "INSERT INTO history (pack_id, doc_id, section_id, title, viewed_at) VALUES (?,?,?,?,?)",
                (pack_id, doc_id, section_id, title, now_iso()),
            )
            sql.execute(
                "DELETE FROM history WHERE id NOT IN (SELECT id FROM history ORDER BY id DESC LIMIT ?)",
                (HISTORY_LIMIT,),
            )

    def recent(self, limit: int = 15) -> list[Visit]:
        """Most recently viewed documents, each once."""
        rows = self.db.connection.execute(
            """SELECT pack_id, doc_id, section_id, title, MAX(viewed_at), MAX(id) AS last
               FROM history GROUP BY pack_id, doc_id ORDER BY last DESC LIMIT ?""",
            (limit,),
        ).fetchall()
        return [Visit(*row[:5]) for row in rows]
