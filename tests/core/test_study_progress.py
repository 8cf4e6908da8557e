"""Progress figures: reviews per day, retention, streak, due counts and mastery."""

from __future__ import annotations

from pathlib import Path

from app.core.study.decks import Deck, DeckKind
from app.core.study.progress import CHART_DAYS, progress
from app.core.study.scheduler import Rating
from app.core.study.session import StudySession
from tests.core.test_study_support import FakeClock, make_pack, make_store, pack_set


def test_empty_history(tmp_path: Path) -> None:
    """Without answers: zero counts, no retention, no streak, 30 empty days."""
    clock = FakeClock()
    store = make_store(tmp_path, clock)
    items, _ = store.sync_packs(pack_set(make_pack(tmp_path / "pack")))
    figures = progress(store, items, [Deck()])
    assert (figures.reviews_today, figures.streak, figures.retention) == (0, 0, None)
    assert len(figures.days) == CHART_DAYS and sum(d.reviews for d in figures.days) == 0
    assert figures.mastery[0].total == 4 and figures.mastery[0].learned == 0


def test_figures_after_three_days(tmp_path: Path) -> None:
    """Three consecutive days of answers give a streak of 3, retention from the Again share."""
    clock = FakeClock()
    store = make_store(tmp_path, clock)
    items, _ = store.sync_packs(pack_set(make_pack(tmp_path / "pack")))
    answers = [Rating.AGAIN, Rating.EASY, Rating.EASY, Rating.EASY, Rating.GOOD]
    for _ in range(3):
        session = StudySession(store, items, new_per_day=2)
        for rating in answers:
            if session.current is None:
                break
            session.answer(rating)
            clock.advance(minutes=2)
        clock.advance(days=1)
    clock.advance(days=-1)
    figures = progress(store, items, [Deck(), Deck(DeckKind.TAG, "timing")])
    log = store.reviews()
    assert figures.streak == 3
    assert sum(d.reviews for d in figures.days) == len(log)
    assert figures.days[-1].reviews == figures.reviews_today > 0
    again = sum(1 for r in log if r.rating is Rating.AGAIN)
    assert figures.retention == (len(log) - again) / len(log)
    assert figures.mastery[0].learned >= 1
    assert figures.due_week >= figures.due_tomorrow


def test_streak_survives_until_today_is_over(tmp_path: Path) -> None:
    """A streak up to yesterday still counts today; a missed day ends it."""
    clock = FakeClock()
    store = make_store(tmp_path, clock)
    items, _ = store.sync_packs(pack_set(make_pack(tmp_path / "pack")))
    StudySession(store, items, new_per_day=5).answer(Rating.GOOD)
    clock.advance(days=1)
    assert progress(store, items, []).streak == 1
    clock.advance(days=1)
    assert progress(store, items, []).streak == 0
