"""Scheduling through the project's FSRS wrapper, with a fake clock."""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path

from app.core.study.scheduler import NEW, Memory, Phase, Rating, Scheduler
from app.core.study.session import StudySession, interval_label
from tests.core.test_study_support import START, FakeClock, make_pack, make_store, pack_set


def _graduate(scheduler: Scheduler, key: str = "k") -> tuple[list[timedelta], Memory]:
    """Answer Good until the card is in review, then Good five more times on the day it is due."""
    memory, at = NEW, START
    intervals: list[timedelta] = []
    while memory.phase is not Phase.REVIEW:
        memory = scheduler.review(memory, Rating.GOOD, at, key)
        at = memory.due or at
    for _ in range(5):
        assert memory.due is not None
        at = memory.due
        memory = scheduler.review(memory, Rating.GOOD, at, key)
        assert memory.due is not None
        intervals.append(memory.due - at)
    return intervals, memory


def test_intervals_grow_with_good() -> None:
    """Each Good answer on a review card schedules it further out than the one before."""
    intervals, _ = _graduate(Scheduler())
    assert intervals[0] >= timedelta(days=2)
    assert all(later > earlier for earlier, later in itertools.pairwise(intervals))


def test_again_resets_to_relearning() -> None:
    """Again on a well-known card sends it back to minutes, with lower stability."""
    scheduler = Scheduler()
    _, memory = _graduate(scheduler)
    assert memory.due is not None and memory.stability is not None
    lapsed = scheduler.review(memory, Rating.AGAIN, memory.due, "k")
    assert lapsed.phase is Phase.RELEARNING
    assert lapsed.due is not None and lapsed.due - memory.due <= timedelta(minutes=10)
    assert lapsed.stability is not None and lapsed.stability < memory.stability


def test_replay_rebuilds_the_same_memory() -> None:
    """Replaying the answers gives exactly the state reached answer by answer, fuzz included."""
    scheduler = Scheduler()
    answers = [(Rating.GOOD, START), (Rating.GOOD, START + timedelta(minutes=10))]
    answers += [(Rating.HARD, START + timedelta(days=3)), (Rating.EASY, START + timedelta(days=9))]
    memory = NEW
    for rating, at in answers:
        memory = scheduler.review(memory, rating, at, "card")
    assert scheduler.replay(reversed(answers), "card") == memory


def test_preview_labels() -> None:
    """A new card previews minutes for Again and days for Easy."""
    previews = Scheduler().preview(NEW, START)
    assert previews[Rating.AGAIN] == timedelta(minutes=1)
    assert previews[Rating.EASY] >= timedelta(days=1)
    assert interval_label(timedelta(minutes=10)) == "10 min"
    assert interval_label(timedelta(days=1)) == "1 day"
    assert interval_label(timedelta(days=400)) == "1.1 years"


def test_session_answers_through_the_store(tmp_path: Path) -> None:
    """Good, Good graduates a new card out of today's session; the log keeps both answers."""
    clock = FakeClock()
    store = make_store(tmp_path, clock)
    items, _ = store.sync_packs(pack_set(make_pack(tmp_path / "pack")))
    session = StudySession(store, items[:1], new_per_day=10)
    assert session.counts().new == 1
    session.answer(Rating.GOOD)
    assert session.counts().learning == 1  # due in 10 minutes: shown early when nothing else is left
    clock.advance(minutes=10)
    session.answer(Rating.GOOD)
    assert session.current is None and session.counts().total == 0
    log = store.reviews()
    assert [r.rating for r in log] == [Rating.GOOD, Rating.GOOD]
    assert [r.phase_before for r in log] == [Phase.NEW, Phase.LEARNING]
    assert log[1].elapsed_days == timedelta(minutes=10) / timedelta(days=1)
    record = store.record(items[0].key)
    assert record is not None and record.memory.phase is Phase.REVIEW
    assert record.memory.due == log[1].due_after
