"""A study session over one deck: what comes next, answers, undo and the daily new-card limit.

The order follows Anki: learning cards that are due, then reviews due today, then new cards up
to the day's limit; when nothing else is left, learning cards due within the next 20 minutes come
early so a session can end. Queues are recomputed from user.db after every answer, so a session
never holds state that an undo, a pack update or an import could make stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.core.study.days import day_end, day_start, study_day, zone
from app.core.study.decks import StudyItem
from app.core.study.scheduler import Memory, Phase, Rating
from app.core.study.store import CardRecord, Review, StudyStore

LEARN_AHEAD = timedelta(minutes=20)
LONGEST_ANSWER = timedelta(seconds=60)
"""Answer times are capped (as in Anki) so a card left open over lunch does not skew the log."""


@dataclass(frozen=True)
class Counts:
    new: int = 0
    learning: int = 0
    review: int = 0

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


@dataclass
class _Queues:
    learning: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    ahead: list[str] = field(default_factory=list)


class StudySession:
    def __init__(self, store: StudyStore, items: list[StudyItem], new_per_day: int) -> None:
        self.store = store
        self.items = {item.key: item for item in items}
        self.order = [item.key for item in items]
        self.new_per_day = new_per_day
        self.current: StudyItem | None = None
        self.shown_at: datetime | None = None
        self._answered: list[int] = []
        """Ids of the reviews logged in this session, newest last: what undo takes back."""
        self.advance()

    # --- what to show ---------------------------------------------------------------------------
    def counts(self) -> Counts:
        queues = self._queues()
        return Counts(len(queues.new), len(queues.learning) + len(queues.ahead), len(queues.review))

    def advance(self) -> StudyItem | None:
        queues = self._queues()
        ordered = queues.learning + queues.review + queues.new + queues.ahead
        self._show(self.items[ordered[0]] if ordered else None)
        return self.current

    def new_left_today(self) -> int:
        now = self.store.now()
        start = day_start(study_day(now, zone(now)), zone(now))
        return max(0, self.new_per_day - self.store.new_cards_started(start))

    def record(self, item: StudyItem) -> CardRecord | None:
        return self.store.record(item.key)

    def content_changed(self, item: StudyItem) -> bool:
        record = self.record(item)
        return record is not None and record.content_changed

    def intervals(self, item: StudyItem) -> dict[Rating, str]:
        """A label per answer saying when the card would come back ("10 min", "4 days")."""
        record = self.record(item)
        memory = record.memory if record else Memory()
        now = self.store.now()
        previews = self.store.scheduler.preview(memory, now, seed=item.key)
        return {rating: interval_label(delta) for rating, delta in previews.items()}

    # --- answering ----------------------------------------------------------------------------
    def answer(self, rating: Rating) -> Review:
        if self.current is None:
            raise RuntimeError("nothing to answer: the session has ended")
        review = self.store.answer(self.current.key, rating, self._answer_time())
        self._answered.append(review.id)
        self.advance()
        return review

    @property
    def can_undo(self) -> bool:
        return bool(self._answered)

    def undo(self) -> StudyItem | None:
        """Take back this session's last answer and show that card again."""
        if not self._answered:
            return None
        key = self.store.undo(self._answered.pop())
        self._show(self.items.get(key) if key else None)
        return self.current

    # --- internals ------------------------------------------------------------------------------
    def _show(self, item: StudyItem | None) -> None:
        self.current = item
        self.shown_at = self.store.now() if item else None

    def _answer_time(self) -> int | None:
        if self.shown_at is None:
            return None
        spent = min(self.store.now() - self.shown_at, LONGEST_ANSWER)
        return max(0, int(spent / timedelta(milliseconds=1)))

    def _queues(self) -> _Queues:
        now = self.store.now()
        end_of_day = day_end(study_day(now, zone(now)), zone(now))
        records = self.store.records(self.order)
        queues = _Queues()
        for key in self.order:
            record = records.get(key)
            _place(queues, key, record.memory if record else Memory(), now, end_of_day)
        queues.new = queues.new[: self.new_left_today()]
        due_of = {key: records[key].memory.due for key in records}
        for queue in (queues.learning, queues.review, queues.ahead):
            queue.sort(key=lambda key: due_of.get(key) or now)
        return queues


def _place(queues: _Queues, key: str, memory: Memory, now: datetime, end_of_day: datetime) -> None:
    due = memory.due or now
    if memory.phase is Phase.NEW:
        queues.new.append(key)
    elif memory.phase is Phase.REVIEW:
        if due < end_of_day:  # day-scale intervals: due any time today counts
            queues.review.append(key)
    elif due <= now:
        queues.learning.append(key)
    elif due <= now + LEARN_AHEAD:
        queues.ahead.append(key)


def interval_label(delta: timedelta) -> str:
    """1 min, 10 min, 1 day, 4 days, 2.5 months, 1.2 years."""
    minutes = delta / timedelta(minutes=1)
    days = delta / timedelta(days=1)
    if minutes < 60:
        return f"{max(1, round(minutes))} min"
    if days < 1:
        return f"{round(minutes / 60)} h"
    if days < 30:
        whole = round(days)
        return f"{whole} day" if whole == 1 else f"{whole} days"
    if days < 365:
        return f"{days / 30:.1f} months"
    return f"{days / 365:.1f} years"
