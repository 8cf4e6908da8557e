"""The monitoring timer: time since the dose, the next timepoint due, and the minimum monitoring time.

Pure functions of the checklist, the dose time, the timepoints already done and "now"; the clock is
passed in (a fake one in tests), so every state can be reached without waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.core.model.checklist import Checklist, Timepoint
from app.core.system.clock import Clock


class Minimum(StrEnum):
    """Where the session stands against the pack's minimum monitoring time."""

    NONE = "none"
    """The checklist declares no minimum."""
    NO_DOSE_TIME = "no-dose-time"
    NOT_REACHED = "not-reached"
    REACHED = "reached"


@dataclass(frozen=True)
class Due:
    """A timepoint not yet done, and when it falls."""

    timepoint: Timepoint
    due_at: datetime | None
    minutes_until: int | None
    """Whole minutes from now (negative when overdue); None without a dose time."""

    @property
    def overdue(self) -> bool:
        return self.minutes_until is not None and self.minutes_until < 0


@dataclass(frozen=True)
class TimerState:
    now: datetime
    dose_time: datetime | None
    elapsed: timedelta | None
    next_due: Due | None
    minimum_minutes: int | None
    minimum: Minimum
    remaining: timedelta | None
    """Time left until the minimum is reached (zero once reached)."""


def _minutes(delta: timedelta) -> int:
    """Whole minutes, rounded towards zero so "due in 0 min" means within the minute."""
    return int(delta.total_seconds() / 60)


def _next_due(checklist: Checklist, dose_time: datetime | None, now: datetime, done: set[str]) -> Due | None:
    """The first timepoint not done; after the dose only those from the dose on count as "next"."""
    waiting = [t for t in checklist.timepoints if t.id not in done]
    if dose_time is None:
        return Due(waiting[0], None, None) if waiting else None
    after_dose = [t for t in waiting if t.offset_minutes >= 0]
    if not after_dose:
        return None
    point = after_dose[0]
    due_at = dose_time + timedelta(minutes=point.offset_minutes)
    return Due(point, due_at, _minutes(due_at - now))


def timer_state(
    checklist: Checklist, dose_time: datetime | None, now: datetime, done: set[str]
) -> TimerState:
    """The timer's state at `now` for a run whose completed timepoints are `done`."""
    elapsed = now - dose_time if dose_time is not None else None
    minimum_minutes = checklist.min_monitoring_minutes
    remaining: timedelta | None = None
    if not minimum_minutes:
        minimum = Minimum.NONE
    elif elapsed is None:
        minimum = Minimum.NO_DOSE_TIME
    else:
        remaining = max(timedelta(minutes=minimum_minutes) - elapsed, timedelta(0))
        minimum = Minimum.REACHED if remaining == timedelta(0) else Minimum.NOT_REACHED
    return TimerState(
        now,
        dose_time,
        elapsed,
        _next_due(checklist, dose_time, now, done),
        minimum_minutes,
        minimum,
        remaining,
    )


def clock_text(delta: timedelta) -> str:
    """1:05:09 or 12:30 for an elapsed time (negative before the dose: -0:04:10)."""
    seconds = int(delta.total_seconds())
    sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"


def duration_text(minutes: int) -> str:
    """`2 h`, `1 h 20 min`, `45 min`."""
    hours, rest = divmod(abs(minutes), 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


def elapsed_text(state: TimerState) -> str:
    if state.elapsed is None:
        return "Dose time not set"
    if state.elapsed < timedelta(0):
        return f"Dose due in {clock_text(-state.elapsed)}"
    return f"{clock_text(state.elapsed)} since the dose"


def next_due_text(state: TimerState) -> str:
    due = state.next_due
    if due is None:
        return "All timepoints done"
    if due.minutes_until is None:
        return f"Next: {due.timepoint.label}"
    if due.minutes_until < 0:
        when = f"overdue by {duration_text(-due.minutes_until)}"
    elif due.minutes_until == 0:
        when = "due now"
    else:
        when = f"due in {duration_text(due.minutes_until)}"
    return f"Next: {due.timepoint.label} \u2014 {when}"


def minimum_text(state: TimerState) -> str:
    minutes = state.minimum_minutes or 0
    if state.minimum is Minimum.NONE:
        return "No minimum monitoring time in this checklist"
    if state.minimum is Minimum.NO_DOSE_TIME:
        return f"Minimum monitoring {duration_text(minutes)}: set the dose time to start the timer"
    if state.minimum is Minimum.NOT_REACHED:
        assert state.remaining is not None
        left = clock_text(state.remaining)
        return f"Minimum monitoring ({duration_text(minutes)}) not yet reached: {left} to go"
    return f"Minimum monitoring time ({duration_text(minutes)}) reached"


class MonitoringTimer:
    """Binds a checklist to a clock; views ask it for the state whenever they refresh."""

    def __init__(self, checklist: Checklist, clock: Clock) -> None:
        self.checklist = checklist
        self.clock = clock

    def state(self, dose_time: datetime | None, done: set[str]) -> TimerState:
        return timer_state(self.checklist, dose_time, self.clock(), done)
