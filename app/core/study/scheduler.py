"""FSRS scheduling behind the project's own types: the only module that imports `fsrs`.

The review log in user.db is the record; a card's memory state is whatever replaying its log
through `Scheduler.replay` gives. A new `fsrs` release can change the numbers, never the history.

fsrs's own interval fuzz is random, so a replay would not land on the same due dates. It is
switched off, and `_spread` applies a small fuzz derived from the card and the review time
instead: reviews learned on the same day still spread out, and replaying is deterministic.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import IntEnum, StrEnum

import fsrs


class Rating(IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


class Phase(StrEnum):
    NEW = "new"
    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"


@dataclass(frozen=True)
class Memory:
    """What the scheduler knows about one card; NEW until its first review."""

    phase: Phase = Phase.NEW
    step: int | None = None
    stability: float | None = None
    """Days until recall probability falls to 90%."""
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None


NEW = Memory()

_STATES = {
    Phase.LEARNING: fsrs.State.Learning,
    Phase.REVIEW: fsrs.State.Review,
    Phase.RELEARNING: fsrs.State.Relearning,
}
_PHASES = {state: phase for phase, state in _STATES.items()}
SPREAD_FROM_DAYS = 3


class Scheduler:
    def __init__(self, desired_retention: float = 0.9, maximum_interval_days: int = 36500) -> None:
        self.maximum_interval_days = maximum_interval_days
        self._fsrs = fsrs.Scheduler(
            desired_retention=desired_retention,
            maximum_interval=maximum_interval_days,
            enable_fuzzing=False,
        )

    def review(self, memory: Memory, rating: Rating, at: datetime, seed: str = "") -> Memory:
        """The memory after answering `rating` at `at`; `seed` (the card key) varies the fuzz."""
        moment = at.astimezone(UTC)  # fsrs requires UTC
        card, _ = self._fsrs.review_card(_to_card(memory, moment), fsrs.Rating(int(rating)), moment)
        return self._spread(_from_card(card), moment, seed)

    def replay(self, answers: Iterable[tuple[Rating, datetime]], seed: str = "") -> Memory:
        """Rebuild a card's memory from its log, oldest answer first."""
        memory = NEW
        for rating, at in sorted(answers, key=lambda answer: answer[1]):
            memory = self.review(memory, rating, at, seed)
        return memory

    def preview(self, memory: Memory, at: datetime, seed: str = "") -> dict[Rating, timedelta]:
        """How long until the card comes back for each possible answer."""
        intervals = {}
        for rating in Rating:
            due = self.review(memory, rating, at, seed).due
            intervals[rating] = (due - at) if due is not None else timedelta(0)
        return intervals

    def _spread(self, memory: Memory, at: datetime, seed: str) -> Memory:
        if memory.phase is not Phase.REVIEW or memory.due is None:
            return memory
        days = (memory.due - at).days
        if days < SPREAD_FROM_DAYS:
            return memory
        width = max(1, round(days * 0.05))
        digest = hashlib.sha256(f"{seed}|{at.isoformat()}".encode()).digest()
        offset = digest[0] % (2 * width + 1) - width
        spread = min(max(SPREAD_FROM_DAYS - 1, days + offset), self.maximum_interval_days)
        return replace(memory, due=at + timedelta(days=spread))


def _to_card(memory: Memory, at: datetime) -> fsrs.Card:
    if memory.phase is Phase.NEW:
        return fsrs.Card(card_id=0, state=fsrs.State.Learning, step=0, due=at)
    return fsrs.Card(
        card_id=0,
        state=_STATES[memory.phase],
        step=memory.step,
        stability=memory.stability,
        difficulty=memory.difficulty,
        due=(memory.due or at).astimezone(UTC),
        last_review=memory.last_review.astimezone(UTC) if memory.last_review else None,
    )


def _from_card(card: fsrs.Card) -> Memory:
    return Memory(
        phase=_PHASES[card.state],
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )
