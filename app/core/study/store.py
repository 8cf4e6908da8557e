"""Study cards, their review log and their scheduling state, in user.db.

The log (`study_reviews`) is the record; the scheduling columns of `study_cards` are a cache
that `rebuild` recomputes by replaying the log. Every write is one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from app.core.packs.loaded import PackSet
from app.core.study.days import parse, stamp, system_clock
from app.core.study.decks import StudyItem, study_items
from app.core.study.scheduler import Memory, Phase, Rating, Scheduler
from app.core.system.clock import Clock
from app.core.userdata.db import UserDb

CARD_COLUMNS = (
    "card_key, pack_id, deck_id, source, fingerprint, first_seen_at, content_changed_at, retired_at,"
    " phase, step, stability, difficulty, due, last_review"
)
REVIEW_COLUMNS = (
    "id, card_key, rating, reviewed_at, elapsed_days, duration_ms, phase_before, phase_after,"
    " due_before, due_after, content_changed"
)


@dataclass(frozen=True)
class CardRecord:
    key: str
    pack_id: str
    deck_id: str
    source: str
    fingerprint: str
    first_seen_at: datetime
    content_changed_at: datetime | None
    retired_at: datetime | None
    memory: Memory

    @property
    def content_changed(self) -> bool:
        """Its source changed after its last review: flagged in the session and due at once."""
        last = self.memory.last_review
        return self.content_changed_at is not None and last is not None and self.content_changed_at > last


@dataclass(frozen=True)
class Review:
    """One line of the log; `id` is 0 until stored."""

    id: int
    card_key: str
    rating: Rating
    reviewed_at: datetime
    elapsed_days: float | None
    duration_ms: int | None
    phase_before: Phase
    phase_after: Phase
    due_before: datetime | None
    due_after: datetime | None
    content_changed: bool


@dataclass(frozen=True)
class SyncReport:
    added: int = 0
    changed: int = 0
    retired: int = 0
    restored: int = 0


def _record(row: sqlite3.Row) -> CardRecord:
    memory = Memory(
        Phase(row["phase"]), row["step"], row["stability"], row["difficulty"],
        parse(row["due"]), parse(row["last_review"]),
    )  # fmt: skip
    first_seen = parse(row["first_seen_at"])
    assert first_seen is not None
    return CardRecord(
        row["card_key"], row["pack_id"], row["deck_id"], row["source"], row["fingerprint"], first_seen,
        parse(row["content_changed_at"]), parse(row["retired_at"]), memory,
    )  # fmt: skip


def _review(row: sqlite3.Row) -> Review:
    reviewed_at = parse(row["reviewed_at"])
    assert reviewed_at is not None
    return Review(
        row["id"], row["card_key"], Rating(row["rating"]), reviewed_at, row["elapsed_days"],
        row["duration_ms"], Phase(row["phase_before"]), Phase(row["phase_after"]),
        parse(row["due_before"]), parse(row["due_after"]), bool(row["content_changed"]),
    )  # fmt: skip


def _optional(moment: datetime | None) -> str | None:
    return None if moment is None else stamp(moment)


def _write_memory(sql: sqlite3.Connection, key: str, memory: Memory) -> None:
    sql.execute(
        "UPDATE study_cards SET phase = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?"
        " WHERE card_key = ?",
        (
            memory.phase.value, memory.step, memory.stability, memory.difficulty,
            _optional(memory.due), _optional(memory.last_review), key,
        ),
    )  # fmt: skip


def _add_card(sql: sqlite3.Connection, item: StudyItem, now: str) -> None:
    sql.execute(
        "INSERT INTO study_cards (card_key, pack_id, deck_id, source, fingerprint, first_seen_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (item.key, item.pack_id, item.deck_id, item.source, item.fingerprint, now),
    )


def _restore(sql: sqlite3.Connection, row: sqlite3.Row) -> int:
    """A retired card is back in its pack: study it again, with its history."""
    if row["retired_at"] is None:
        return 0
    sql.execute("UPDATE study_cards SET retired_at = NULL WHERE card_key = ?", (row["card_key"],))
    return 1


def _refresh_fingerprint(sql: sqlite3.Connection, item: StudyItem, row: sqlite3.Row, now: str) -> int:
    """Store a new fingerprint; a card already studied is flagged and brought forward to now."""
    if row["fingerprint"] == item.fingerprint:
        return 0
    sql.execute(
        "UPDATE study_cards SET fingerprint = ?, source = ? WHERE card_key = ?",
        (item.fingerprint, item.source, item.key),
    )
    if row["last_review"] is None or not row["fingerprint"]:
        return 0  # never studied here, or no earlier text known: nothing to relearn
    sql.execute(
        "UPDATE study_cards SET content_changed_at = ?,"
        " due = CASE WHEN due IS NULL OR due > ? THEN ? ELSE due END WHERE card_key = ?",
        (now, now, now, item.key),
    )
    return 1


def _retire_missing(
    sql: sqlite3.Connection, rows: Iterable[sqlite3.Row], present: set[str], loaded: set[str], now: str
) -> int:
    """Cards gone from a pack that did load are retired; a pack that is absent retires nothing."""
    retired = 0
    for row in rows:
        if row["card_key"] not in present and row["retired_at"] is None and row["pack_id"] in loaded:
            sql.execute("UPDATE study_cards SET retired_at = ? WHERE card_key = ?", (now, row["card_key"]))
            retired += 1
    return retired


def _insert_review(sql: sqlite3.Connection, review: Review, ignore: bool = False) -> int | None:
    """The new row's id, or None when `ignore` and the same (card, time) is already logged."""
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    cursor = sql.execute(
        f"{verb} INTO study_reviews (card_key, rating, reviewed_at, elapsed_days, duration_ms,"
        " phase_before, phase_after, due_before, due_after, content_changed) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (
            review.card_key, int(review.rating), stamp(review.reviewed_at), review.elapsed_days,
            review.duration_ms, review.phase_before.value, review.phase_after.value,
            _optional(review.due_before), _optional(review.due_after), int(review.content_changed),
        ),
    )  # fmt: skip
    return cursor.lastrowid if cursor.rowcount else None


def _insert_card_record(sql: sqlite3.Connection, card: CardRecord) -> int:
    """A card known elsewhere; a card known here keeps its local fingerprint and flags."""
    cursor = sql.execute(
        "INSERT OR IGNORE INTO study_cards (card_key, pack_id, deck_id, source, fingerprint, first_seen_at,"
        " content_changed_at, retired_at) VALUES (?,?,?,?,?,?,?,?)",
        (
            card.key, card.pack_id, card.deck_id, card.source, card.fingerprint, stamp(card.first_seen_at),
            _optional(card.content_changed_at), _optional(card.retired_at),
        ),
    )  # fmt: skip
    return cursor.rowcount


def _ensure_card(sql: sqlite3.Connection, key: str, seen: datetime) -> int:
    """A review whose card is not described anywhere: keep it, with a card made from its key."""
    pack_id, _, rest = key.partition("/")
    deck_id = rest.partition("/")[0]
    cursor = sql.execute(
        "INSERT OR IGNORE INTO study_cards (card_key, pack_id, deck_id, first_seen_at) VALUES (?,?,?,?)",
        (key, pack_id, deck_id, stamp(seen)),
    )
    return cursor.rowcount


class StudyStore:
    def __init__(self, db: UserDb, now: Clock = system_clock, scheduler: Scheduler | None = None) -> None:
        self.db = db
        self.now = now
        self.scheduler = scheduler or Scheduler()

    # --- cards ------------------------------------------------------------------------------
    def sync(self, items: Iterable[StudyItem], loaded_packs: set[str]) -> SyncReport:
        """Add new cards, flag changed ones, retire those gone from a loaded pack, restore returners."""
        now = stamp(self.now())
        items = list(items)
        with self.db.transaction() as sql:
            known = {row["card_key"]: row for row in sql.execute(f"SELECT {CARD_COLUMNS} FROM study_cards")}
            added = changed = restored = 0
            for item in items:
                row = known.get(item.key)
                if row is None:
                    _add_card(sql, item, now)
                    added += 1
                    continue
                restored += _restore(sql, row)
                changed += _refresh_fingerprint(sql, item, row, now)
            present = {item.key for item in items}
            retired = _retire_missing(sql, known.values(), present, loaded_packs, now)
        return SyncReport(added, changed, retired, restored)

    def sync_packs(self, packs: PackSet) -> tuple[list[StudyItem], SyncReport]:
        """The study items of the loaded packs, with user.db brought up to date for them."""
        items = study_items(packs)
        return items, self.sync(items, {pack.id for pack in packs.packs})

    def records(self, keys: Iterable[str] | None = None) -> dict[str, CardRecord]:
        rows = self.db.connection.execute(f"SELECT {CARD_COLUMNS} FROM study_cards").fetchall()
        wanted = None if keys is None else set(keys)
        return {row["card_key"]: _record(row) for row in rows if wanted is None or row["card_key"] in wanted}

    def record(self, key: str) -> CardRecord | None:
        row = self.db.connection.execute(
            f"SELECT {CARD_COLUMNS} FROM study_cards WHERE card_key = ?", (key,)
        ).fetchone()
        return None if row is None else _record(row)

    # --- the log ------------------------------------------------------------------------------
    def answer(self, key: str, rating: Rating, duration_ms: int | None = None) -> Review:
        """Log an answer given now and store the card's new memory; returns the stored review."""
        record = self.record(key)
        if record is None:
            raise KeyError(key)
        before = record.memory
        at = self.now()
        if before.last_review is not None and at <= before.last_review:
            at = before.last_review + timedelta(microseconds=1)  # keeps (card, time) unique and ordered
        after = self.scheduler.review(before, rating, at, seed=key)
        elapsed = (at - before.last_review) / timedelta(days=1) if before.last_review else None
        review = Review(
            0, key, rating, at, elapsed, duration_ms, before.phase, after.phase, before.due, after.due,
            record.content_changed,
        )  # fmt: skip
        with self.db.transaction() as sql:
            review_id = _insert_review(sql, review)
            _write_memory(sql, key, after)
        return replace(review, id=review_id or 0)

    def undo(self, review_id: int) -> str | None:
        """Remove one logged answer (an explicit undo) and replay the card; returns its key."""
        with self.db.transaction() as sql:
            row = sql.execute("SELECT card_key FROM study_reviews WHERE id = ?", (review_id,)).fetchone()
            if row is None:
                return None
            sql.execute("DELETE FROM study_reviews WHERE id = ?", (review_id,))
            self._rebuild(sql, row["card_key"])
        return str(row["card_key"])

    def reviews(self, since: datetime | None = None) -> list[Review]:
        query = f"SELECT {REVIEW_COLUMNS} FROM study_reviews"
        rows = (
            self.db.connection.execute(query + " ORDER BY reviewed_at, id").fetchall()
            if since is None
            else self.db.connection.execute(
                query + " WHERE reviewed_at >= ? ORDER BY reviewed_at, id", (stamp(since),)
            ).fetchall()
        )
        return [_review(row) for row in rows]

    def new_cards_started(self, since: datetime) -> int:
        """Cards answered for the first time since `since` (for the daily limit)."""
        row = self.db.connection.execute(
            "SELECT COUNT(*) FROM study_reviews WHERE phase_before = ? AND reviewed_at >= ?",
            (Phase.NEW.value, stamp(since)),
        ).fetchone()
        return int(row[0])

    # --- merging and rebuilding ---------------------------------------------------------------
    def merge(self, cards: Iterable[CardRecord], reviews: Iterable[Review]) -> tuple[int, int]:
        """Add unknown cards and reviews (by card key and review time), replay what changed.

        Returns (cards added, reviews added). Reviews already present are skipped, so merging
        the same file twice changes nothing.
        """
        with self.db.transaction() as sql:
            cards_added = sum(_insert_card_record(sql, card) for card in cards)
            touched: list[str] = []
            for review in reviews:
                cards_added += _ensure_card(sql, review.card_key, review.reviewed_at)
                if _insert_review(sql, review, ignore=True):
                    touched.append(review.card_key)
            for key in sorted(set(touched)):
                self._rebuild(sql, key)
        return cards_added, len(touched)

    def rebuild_all(self) -> None:
        """Replay every card's log (after a scheduler upgrade, for example)."""
        with self.db.transaction() as sql:
            for row in sql.execute("SELECT card_key FROM study_cards").fetchall():
                self._rebuild(sql, row["card_key"])

    def _rebuild(self, sql: sqlite3.Connection, key: str) -> None:
        rows = sql.execute(
            "SELECT rating, reviewed_at FROM study_reviews WHERE card_key = ? ORDER BY reviewed_at", (key,)
        ).fetchall()
        answers = [(Rating(row["rating"]), datetime.fromisoformat(row["reviewed_at"])) for row in rows]
        memory = self.scheduler.replay(answers, seed=key)
        changed = sql.execute(
            "SELECT content_changed_at FROM study_cards WHERE card_key = ?", (key,)
        ).fetchone()
        changed_at = parse(changed["content_changed_at"]) if changed else None
        if changed_at and memory.last_review and memory.due and changed_at > memory.last_review:
            memory = replace(memory, due=min(memory.due, changed_at))  # the flag outlives a replay
        _write_memory(sql, key, memory)
