"""Progress figures for a trainee: today's work, what is coming, retention, streak and mastery.

Definitions (shown to the user in the progress view):
- retention: the share of answers in the last 30 days that were not "Again";
- streak: consecutive study days with at least one answer, up to today (or yesterday, so a streak
  is not broken before today's session);
- learned: cards in the review phase (past their learning steps);
- mastered: learned cards whose stability is at least 21 days (Anki calls these "mature").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.core.study.days import day_end, day_start, study_day, zone
from app.core.study.decks import Deck, StudyItem
from app.core.study.scheduler import Phase, Rating
from app.core.study.store import CardRecord, Review, StudyStore

CHART_DAYS = 30
RETENTION_DAYS = 30
MASTERED_STABILITY_DAYS = 21.0


@dataclass(frozen=True)
class DayCount:
    day: date
    reviews: int
    again: int


@dataclass(frozen=True)
class DeckMastery:
    deck: Deck
    total: int
    learned: int
    mastered: int

    @property
    def share_mastered(self) -> float:
        return self.mastered / self.total if self.total else 0.0


@dataclass(frozen=True)
class Progress:
    today: date
    reviews_today: int
    due_today: int
    due_tomorrow: int
    due_week: int
    """Due from tomorrow through the next 7 days."""
    retention: float | None
    """None when there were no answers in the period."""
    retention_answers: int
    streak: int
    days: list[DayCount]
    """The last CHART_DAYS study days, oldest first, today last."""
    mastery: list[DeckMastery]


def progress(store: StudyStore, items: list[StudyItem], decks: list[Deck]) -> Progress:
    now = store.now()
    where = zone(now)
    today = study_day(now, where)
    first = today - timedelta(days=max(CHART_DAYS, RETENTION_DAYS) - 1)
    reviews = store.reviews(since=day_start(first, where))
    per_day = _per_day(reviews, now)
    records = store.records(item.key for item in items)
    tomorrow_starts = day_end(today, where)
    retention, answers = _retention(reviews, day_start(today - timedelta(days=RETENTION_DAYS - 1), where))
    return Progress(
        today=today,
        reviews_today=per_day[today][0],
        due_today=_due_between(records.values(), None, tomorrow_starts),
        due_tomorrow=_due_between(records.values(), tomorrow_starts, tomorrow_starts + timedelta(days=1)),
        due_week=_due_between(records.values(), tomorrow_starts, tomorrow_starts + timedelta(days=7)),
        retention=retention,
        retention_answers=answers,
        streak=_streak(store, today, now),
        days=[DayCount(d, *per_day[d]) for d in _days(today - timedelta(days=CHART_DAYS - 1), today)],
        mastery=[_mastery(deck, items, records) for deck in decks],
    )


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


class _Zero(dict[date, tuple[int, int]]):
    def __missing__(self, key: date) -> tuple[int, int]:
        return (0, 0)


def _per_day(reviews: list[Review], now: datetime) -> dict[date, tuple[int, int]]:
    """(answers, of which Again) per study day; days without answers give (0, 0)."""
    counts = _Zero()
    for review in reviews:
        day = study_day(review.reviewed_at, zone(now))
        total, again = counts.get(day, (0, 0))
        counts[day] = (total + 1, again + (review.rating is Rating.AGAIN))
    return counts


def _retention(reviews: list[Review], since: datetime) -> tuple[float | None, int]:
    recent = [r for r in reviews if r.reviewed_at >= since]
    if not recent:
        return None, 0
    kept = sum(1 for r in recent if r.rating is not Rating.AGAIN)
    return kept / len(recent), len(recent)


def _due_between(records: Iterable[CardRecord], start: datetime | None, end: datetime) -> int:
    count = 0
    for record in records:
        due = record.memory.due
        if record.memory.phase is not Phase.NEW and due is not None and due < end:
            count += start is None or due >= start
    return count


def _streak(store: StudyStore, today: date, now: datetime) -> int:
    days = {study_day(review.reviewed_at, zone(now)) for review in store.reviews()}
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def _mastery(deck: Deck, items: list[StudyItem], records: dict[str, CardRecord]) -> DeckMastery:
    chosen = [records[item.key].memory for item in deck.select(items) if item.key in records]
    learned = [memory for memory in chosen if memory.phase is Phase.REVIEW]
    mastered = [m for m in learned if (m.stability or 0.0) >= MASTERED_STABILITY_DAYS]
    return DeckMastery(deck, len(deck.select(items)), len(learned), len(mastered))
