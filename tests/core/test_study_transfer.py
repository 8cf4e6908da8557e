"""Study progress export and import: a round trip, merging, no duplicates, refused files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.study.scheduler import Rating
from app.core.study.session import StudySession
from app.core.study.store import StudyStore
from app.core.study.transfer import FORMAT, TransferError, export_file, import_file, read_file
from tests.core.test_study_support import FakeClock, make_pack, make_store, pack_set


def _history(tmp_path: Path, clock: FakeClock) -> StudyStore:
    """Three days of answers on the small pack."""
    store = make_store(tmp_path, clock, "first.db")
    items, _ = store.sync_packs(pack_set(make_pack(tmp_path / "pack")))
    for rating in (Rating.GOOD, Rating.AGAIN, Rating.EASY):
        session = StudySession(store, items, new_per_day=10)
        for _ in range(3):
            if session.current is None:
                break
            session.answer(rating)
            clock.advance(minutes=3)
        clock.advance(days=1)
    return store


def _state(store: StudyStore) -> dict[str, object]:
    return {key: record.memory for key, record in store.records().items()}


def test_round_trip_into_a_fresh_database(tmp_path: Path) -> None:
    """Exported progress imported into a new user.db gives the same log and the same card state."""
    clock = FakeClock()
    first = _history(tmp_path, clock)
    out = tmp_path / "progress.json"
    cards, reviews = export_file(first, out)
    data = json.loads(out.read_text())
    assert data["format"] == FORMAT and data["version"] == 1 and len(data["reviews"]) == reviews > 0
    second = make_store(tmp_path, clock, "second.db")
    report = import_file(second, out)
    assert (report.cards_added, report.reviews_added, report.reviews_skipped) == (cards, reviews, 0)
    assert [(r.card_key, r.rating, r.reviewed_at) for r in second.reviews()] == [
        (r.card_key, r.rating, r.reviewed_at) for r in first.reviews()
    ]
    assert _state(second) == _state(first)


def test_importing_twice_adds_nothing(tmp_path: Path) -> None:
    """The second import of the same file skips every review."""
    clock = FakeClock()
    out = tmp_path / "progress.json"
    export_file(_history(tmp_path, clock), out)
    second = make_store(tmp_path, clock, "second.db")
    import_file(second, out)
    again = import_file(second, out)
    assert again.reviews_added == 0 and again.cards_added == 0
    assert again.reviews_skipped == len(second.reviews())


def test_merge_keeps_both_workstations_answers(tmp_path: Path) -> None:
    """Answers made on each workstation are merged, and the merged log is replayed."""
    clock = FakeClock()
    first = _history(tmp_path, clock)
    out = tmp_path / "progress.json"
    export_file(first, out)
    second = make_store(tmp_path, clock, "second.db")
    items, _ = second.sync_packs(pack_set(make_pack(tmp_path / "pack2")))
    StudySession(second, items, new_per_day=10).answer(Rating.HARD)
    own = len(second.reviews())
    report = import_file(second, out)
    assert len(second.reviews()) == own + report.reviews_added == own + len(first.reviews())
    key = second.reviews()[-1].card_key
    record = second.record(key)
    replayed = second.scheduler.replay(
        [(r.rating, r.reviewed_at) for r in second.reviews() if r.card_key == key], key
    )
    assert record is not None and record.memory == replayed


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "cannot be read"),
        ('{"format": "something-else"}', "not a Protocol Desk study progress file"),
        (json.dumps({"format": FORMAT, "version": 9}), "newer Protocol Desk"),
        (
            json.dumps({"format": FORMAT, "version": 1, "exported_at": "2026-01-01T00:00:00Z", "cards": [],
                        "reviews": [{"card": "p/d/c", "rating": 7}]}),
            "damaged at reviews.0",
        ),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, content: str, message: str) -> None:
    """Files that are not progress files, newer or damaged are refused, naming the problem."""
    path = tmp_path / "progress.json"
    path.write_text(content)
    with pytest.raises(TransferError, match=message):
        read_file(path)
