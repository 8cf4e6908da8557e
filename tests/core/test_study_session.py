"""Study sessions: order, due counts, the daily new-card limit and undo."""

from __future__ import annotations

from pathlib import Path

from app.core.study.decks import Deck, DeckKind, StudyItem
from app.core.study.scheduler import Phase, Rating
from app.core.study.session import StudySession
from app.core.study.store import StudyStore
from tests.core.test_study_support import FakeClock, make_pack, make_store, pack_set


def _setup(tmp_path: Path) -> tuple[FakeClock, StudyStore, list[StudyItem]]:
    clock = FakeClock()
    store = make_store(tmp_path, clock)
    items, _ = store.sync_packs(pack_set(make_pack(tmp_path / "pack")))
    return clock, store, items


def _learn_all(clock: FakeClock, session: StudySession) -> None:
    """Easy on everything: each card goes straight to review, days away."""
    while session.current is not None:
        session.answer(Rating.EASY)
        clock.advance(seconds=30)


def test_new_card_limit_per_day(tmp_path: Path) -> None:
    """Only `new_per_day` new cards start per study day; the next day brings more."""
    clock, store, items = _setup(tmp_path)
    session = StudySession(store, items, new_per_day=2)
    assert session.counts().new == 2
    _learn_all(clock, session)
    assert store.new_cards_started(clock.now.replace(hour=0)) == 2
    assert StudySession(store, items, new_per_day=2).counts().new == 0
    clock.advance(days=1)
    assert StudySession(store, items, new_per_day=2).counts().new == 2


def test_due_counts_follow_the_clock(tmp_path: Path) -> None:
    """Cards answered Easy are not due today, and are due once their day comes."""
    clock, store, items = _setup(tmp_path)
    session = StudySession(store, items, new_per_day=10)
    _learn_all(clock, session)
    assert session.counts().total == 0
    records = store.records()
    first_due = min(r.memory.due for r in records.values() if r.memory.due is not None)
    clock.now = first_due
    counts = StudySession(store, items, new_per_day=10).counts()
    assert counts.review >= 1 and counts.new == 0
    clock.advance(days=400)
    assert StudySession(store, items, new_per_day=10).counts().review == len(items)


def test_learning_cards_come_before_new_ones(tmp_path: Path) -> None:
    """A card answered Again comes back after a minute, ahead of waiting new cards."""
    clock, store, items = _setup(tmp_path)
    session = StudySession(store, items, new_per_day=10)
    first = session.current
    assert first is not None
    session.answer(Rating.AGAIN)
    assert session.current is not None and session.current.key != first.key
    clock.advance(minutes=2)
    assert session.advance() == first


def test_undo_restores_the_card_and_the_limit(tmp_path: Path) -> None:
    """Undo removes the last answer from the log, shows that card again and gives the new slot back."""
    clock, store, items = _setup(tmp_path)
    session = StudySession(store, items, new_per_day=10)
    first = session.current
    assert first is not None and not session.can_undo
    session.answer(Rating.GOOD)
    clock.advance(seconds=5)
    session.answer(Rating.EASY)
    assert len(store.reviews()) == 2
    session.undo()
    assert len(store.reviews()) == 1
    assert session.current is not None and session.current.key == items[1].key
    assert session.undo() == first
    record = store.record(first.key)
    assert record is not None and record.memory.phase is Phase.NEW and record.memory.due is None
    assert store.reviews() == [] and session.counts().new == len(items)
    assert not session.can_undo and session.undo() is None


def test_decks_select_items(tmp_path: Path) -> None:
    """Decks by pack, source document, card deck and tag pick the right items."""
    _, _, items = _setup(tmp_path)
    assert len(Deck(DeckKind.PACK, "test-good").select(items)) == 4
    assert len(Deck(DeckKind.TAG, "timing").select(items)) == 2
    assert len(Deck(DeckKind.DOCUMENT, "test-good/test-protocol").select(items)) == 4
    assert len(Deck(DeckKind.CARDS, "test-good/test-cards").select(items)) == 4
    assert Deck(DeckKind.DOCUMENT, "other/test-protocol").select(items) == []


def test_answer_time_is_logged_and_capped(tmp_path: Path) -> None:
    """The time spent on a card is logged in milliseconds, at most a minute."""
    clock, store, items = _setup(tmp_path)
    session = StudySession(store, items, new_per_day=10)
    clock.advance(seconds=4)
    session.answer(Rating.GOOD)
    clock.advance(minutes=30)
    session.answer(Rating.GOOD)
    assert [r.duration_ms for r in store.reviews()] == [4000, 60000]
