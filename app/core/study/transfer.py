"""Study progress to a JSON file and back, to move a trainee between workstations.

The file carries a format name and version. Importing merges by card key and review time:
reviews already present are skipped, so importing a file twice (or a file that came back from
another workstation) never duplicates anything; the merged log is then replayed to rebuild the
cards' scheduling state.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from app import __version__
from app.core.study.scheduler import Memory, Phase, Rating
from app.core.study.store import CardRecord, Review, StudyStore

FORMAT = "protocol-desk-study-progress"
VERSION = 1
MAX_FILE_BYTES = 64 * 1024 * 1024


class TransferError(Exception):
    """The file cannot be read or is not a study progress file this version understands."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CardEntry(_Strict):
    key: Annotated[str, Field(min_length=3)]
    pack: str
    deck: str
    source: str = ""
    fingerprint: str = ""
    first_seen_at: AwareDatetime
    content_changed_at: AwareDatetime | None = None
    retired_at: AwareDatetime | None = None


class ReviewEntry(_Strict):
    card: Annotated[str, Field(min_length=3)]
    rating: Annotated[int, Field(ge=1, le=4)]
    reviewed_at: AwareDatetime
    elapsed_days: float | None = None
    duration_ms: int | None = None
    phase_before: Phase
    phase_after: Phase
    due_before: AwareDatetime | None = None
    due_after: AwareDatetime | None = None
    content_changed: bool = False


class ProgressFile(_Strict):
    format: Literal["protocol-desk-study-progress"]
    version: int
    exported_at: AwareDatetime
    app_version: str = ""
    cards: list[CardEntry]
    reviews: list[ReviewEntry]


@dataclass(frozen=True)
class ImportReport:
    cards_added: int
    reviews_added: int
    reviews_skipped: int


def export_data(store: StudyStore) -> ProgressFile:
    cards = [_card_entry(record) for record in store.records().values()]
    reviews = [_review_entry(review) for review in store.reviews()]
    exported = store.now()
    return ProgressFile(
        format=FORMAT, version=VERSION, exported_at=exported, app_version=__version__, cards=cards,
        reviews=reviews,
    )  # fmt: skip


def export_file(store: StudyStore, path: Path) -> tuple[int, int]:
    """Write every card and review to `path` (atomically); returns (cards, reviews)."""
    data = export_data(store)
    text = json.dumps(data.model_dump(mode="json"), indent=1, ensure_ascii=False)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text + "\n", encoding="utf-8")
    temporary.replace(path)  # a crash leaves the old file or the new one, never half
    return len(data.cards), len(data.reviews)


def read_file(path: Path) -> ProgressFile:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise TransferError(f"{path.name} is larger than a study progress file can be")
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise TransferError(f"{path.name} cannot be read: {error}") from error
    return parse_data(raw, path.name)


def parse_data(raw: object, name: str = "the file") -> ProgressFile:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise TransferError(f"{name} is not a Protocol Desk study progress file")
    version = raw.get("version")
    if isinstance(version, int) and version > VERSION:
        raise TransferError(f"{name} was written by a newer Protocol Desk (format {version}); update first")
    try:
        return ProgressFile.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise TransferError(f"{name} is damaged at {where}: {first['msg']}") from error


def import_data(store: StudyStore, data: ProgressFile) -> ImportReport:
    cards = [_card_record(entry) for entry in data.cards]
    reviews = [_review(entry) for entry in data.reviews]
    cards_added, reviews_added = store.merge(cards, reviews)
    return ImportReport(cards_added, reviews_added, len(reviews) - reviews_added)


def import_file(store: StudyStore, path: Path) -> ImportReport:
    return import_data(store, read_file(path))


def _card_entry(record: CardRecord) -> CardEntry:
    return CardEntry(
        key=record.key, pack=record.pack_id, deck=record.deck_id, source=record.source,
        fingerprint=record.fingerprint, first_seen_at=record.first_seen_at,
        content_changed_at=record.content_changed_at, retired_at=record.retired_at,
    )  # fmt: skip


def _review_entry(review: Review) -> ReviewEntry:
    return ReviewEntry(
        card=review.card_key, rating=int(review.rating), reviewed_at=review.reviewed_at,
        elapsed_days=review.elapsed_days, duration_ms=review.duration_ms, phase_before=review.phase_before,
        phase_after=review.phase_after, due_before=review.due_before, due_after=review.due_after,
        content_changed=review.content_changed,
    )  # fmt: skip


def _card_record(entry: CardEntry) -> CardRecord:
    return CardRecord(
        entry.key, entry.pack, entry.deck, entry.source, entry.fingerprint, entry.first_seen_at,
        entry.content_changed_at, entry.retired_at, Memory(),
    )  # fmt: skip


def _review(entry: ReviewEntry) -> Review:
    return Review(
        0, entry.card, Rating(entry.rating), entry.reviewed_at, entry.elapsed_days, entry.duration_ms,
        entry.phase_before, entry.phase_after, entry.due_before, entry.due_after, entry.content_changed,
    )  # fmt: skip
