"""The monitoring timer on a fake clock: no dose time, counting, next due, overdue, minimum reached."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.core import model
from app.core.packs.roots import default_roots, load_packs
from app.core.runs.timer import (
    Minimum,
    MonitoringTimer,
    clock_text,
    elapsed_text,
    minimum_text,
    next_due_text,
    timer_state,
)

DOSE = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
PACKS = load_packs(default_roots([]))


def _checklist(doc_id: str) -> model.Checklist:
    found = PACKS.find(doc_id)
    assert found is not None and isinstance(found[1], model.Checklist)
    return found[1]


ESKETAMINE = _checklist("esketamine-session-monitoring")
PRE_AND_DOSING = {"pre-dose", "dosing"}


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_without_dose_time_the_timer_waits() -> None:
    """No dose time: no elapsed time, the first timepoint is next, and the minimum asks for the dose time."""
    state = timer_state(ESKETAMINE, None, DOSE, set())
    assert state.minimum is Minimum.NO_DOSE_TIME and state.elapsed is None
    assert elapsed_text(state) == "Dose time not set"
    assert state.next_due is not None and state.next_due.timepoint.id == "pre-dose"
    assert next_due_text(state) == "Next: Before the first device"
    assert "set the dose time" in minimum_text(state)


def test_counting_up_to_the_40_minute_blood_pressure() -> None:
    """Ten minutes after the dose the 40-minute BP is next, due in 30 min; the 2-hour minimum is not met."""
    state = timer_state(ESKETAMINE, DOSE, DOSE + timedelta(minutes=10), PRE_AND_DOSING)
    assert state.next_due is not None and state.next_due.timepoint.id == "bp-40-min"
    assert state.next_due.due_at == DOSE + timedelta(minutes=40)
    assert next_due_text(state).endswith("due in 30 min")
    assert state.minimum is Minimum.NOT_REACHED and state.remaining == timedelta(minutes=110)
    assert minimum_text(state) == "Minimum monitoring (2 h) not yet reached: 1:50:00 to go"
    assert elapsed_text(state) == "0:10:00 since the dose"


def test_due_now_then_overdue() -> None:
    """At 40 minutes the BP is due now; five minutes later it is overdue by 5 min."""
    at_40 = timer_state(ESKETAMINE, DOSE, DOSE + timedelta(minutes=40, seconds=20), PRE_AND_DOSING)
    assert next_due_text(at_40).endswith("due now")
    late = timer_state(ESKETAMINE, DOSE, DOSE + timedelta(minutes=45), PRE_AND_DOSING)
    assert late.next_due is not None and late.next_due.overdue
    assert next_due_text(late).endswith("overdue by 5 min")


def test_pre_dose_timepoints_never_block_the_next_due() -> None:
    """After the dose, an unfinished pre-dose timepoint does not hide the post-dose one that is due."""
    state = timer_state(ESKETAMINE, DOSE, DOSE + timedelta(minutes=41), {"dosing"})
    assert state.next_due is not None and state.next_due.timepoint.id == "bp-40-min"


def test_minimum_reached_exactly_at_two_hours() -> None:
    """One second before 2 hours it is not reached; at 2 hours it is."""
    before = timer_state(ESKETAMINE, DOSE, DOSE + timedelta(minutes=119, seconds=59), set())
    assert before.minimum is Minimum.NOT_REACHED and clock_text(before.remaining or timedelta()) == "0:00:01"
    reached = timer_state(ESKETAMINE, DOSE, DOSE + timedelta(hours=2), set())
    assert reached.minimum is Minimum.REACHED and reached.remaining == timedelta(0)
    assert minimum_text(reached) == "Minimum monitoring time (2 h) reached"


def test_all_timepoints_done() -> None:
    """With every timepoint done there is nothing due."""
    done = {t.id for t in ESKETAMINE.timepoints}
    state = timer_state(ESKETAMINE, DOSE, DOSE + timedelta(hours=3), done)
    assert state.next_due is None and next_due_text(state) == "All timepoints done"


def test_dose_time_in_the_future_counts_down() -> None:
    """A planned dose time shows the time until the dose."""
    state = timer_state(ESKETAMINE, DOSE, DOSE - timedelta(minutes=4, seconds=10), set())
    assert elapsed_text(state) == "Dose due in 0:04:10"


def test_checklist_without_minimum() -> None:
    """Screening declares no minimum monitoring time."""
    state = timer_state(_checklist("ketamine-pretreatment-screening"), DOSE, DOSE, set())
    assert state.minimum is Minimum.NONE
    assert minimum_text(state) == "No minimum monitoring time in this checklist"


def test_timer_follows_its_clock() -> None:
    """The timer reads the injected clock each time it is asked."""
    clock = FakeClock(DOSE + timedelta(minutes=5))
    timer = MonitoringTimer(ESKETAMINE, clock)
    assert timer.state(DOSE, set()).elapsed == timedelta(minutes=5)
    clock.now = DOSE + timedelta(hours=2, minutes=1)
    assert timer.state(DOSE, set()).minimum is Minimum.REACHED
