"""Every alert rule of every bundled checklist fires just past its threshold and stays quiet just inside.

The cases are generated from the content, so a rule added by the content team is tested without a new
test; values go through the run store, as they do when a clinician types them.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from app.core import model
from app.core.packs.roots import default_roots, load_packs
from app.core.runs.alerts import SEVERITY_ICONS, SEVERITY_WORDS, fired_alerts, item_alerts, rule_text
from app.core.runs.store import RunStore
from app.core.runs.values import EntryRefused
from app.core.userdata.db import UserDb

PACKS = load_packs(default_roots([]))
Alert = model.NumberAlert | model.AnswerAlert


def _checklists() -> Iterator[model.Checklist]:
    for _, document in PACKS.documents():
        if isinstance(document, model.Checklist):
            yield document


def _cases() -> Iterator[object]:
    for checklist in _checklists():
        for point in checklist.timepoints:
            for item in point.items:
                for number, _ in enumerate(item_alerts(item)):
                    yield pytest.param(
                        checklist.id, point.id, item.id, number, id=f"{point.id}/{item.id}/{number}"
                    )


CASES = list(_cases())


def _find(checklist_id: str, point_id: str, item_id: str) -> tuple[model.Checklist, model.ChecklistItem]:
    checklist = next(c for c in _checklists() if c.id == checklist_id)
    point = next(p for p in checklist.timepoints if p.id == point_id)
    return checklist, next(i for i in point.items if i.id == item_id)


def _number_values(item: model.NumberItem, alert: model.NumberAlert) -> tuple[str, str]:
    """(just past the threshold, just inside it) at the item's precision."""
    step = Decimal(1).scaleb(-item.decimals)
    threshold = Decimal(repr(alert.above if alert.above is not None else alert.below))
    past = threshold + step if alert.above is not None else threshold - step
    return str(past), str(threshold)


def _scale_values(item: model.ScaleItem, alert: model.NumberAlert) -> tuple[int | None, int | None]:
    """The nearest option past the threshold and the nearest one that does not pass it."""
    values = sorted(o.value for o in item.options)
    if alert.above is not None:
        past = [v for v in values if v > alert.above]
        inside = [v for v in values if v <= alert.above]
        return (past[0] if past else None), (inside[-1] if inside else None)
    assert alert.below is not None
    past = [v for v in values if v < alert.below]
    inside = [v for v in values if v >= alert.below]
    return (past[-1] if past else None), (inside[0] if inside else None)


def _values(item: model.ChecklistItem, alert: Alert) -> tuple[object, object]:
    if isinstance(alert, model.AnswerAlert):
        return alert.when, ("no" if alert.when == "yes" else "yes")
    if isinstance(item, model.NumberItem):
        return _number_values(item, alert)
    assert isinstance(item, model.ScaleItem)
    return _scale_values(item, alert)


def _key(item: model.ChecklistItem, alert: Alert) -> tuple[str, str, str]:
    return (alert.severity.value, rule_text(item, alert), alert.message)


def _fired(
    store: RunStore, run_id: int, point_id: str, item_id: str, value: object
) -> set[tuple[str, str, str]]:
    store.record(run_id, point_id, item_id, value)  # type: ignore[arg-type]
    run = store.load(run_id)
    assert run is not None
    return {(a.severity.value, a.rule, a.message) for a in run.alerts() if a.item_id == item_id}


def test_bundled_checklists_have_alert_rules() -> None:
    """The generated cases cover the rules the issue names (pre-dose BP, pulse oximetry)."""
    ids = {case.id for case in CASES}  # type: ignore[attr-defined]
    assert len(CASES) > 60
    assert "pre-dose/pre-sbp/0" in ids and "bp-40-min/spo2-40/0" in ids


@pytest.mark.parametrize(("checklist_id", "point_id", "item_id", "number"), CASES)
def test_alert_fires_past_threshold_and_not_inside(
    checklist_id: str, point_id: str, item_id: str, number: int, tmp_path: Path
) -> None:
    """Past the threshold (or on the answer) the rule's guidance shows; just inside it does not."""
    checklist, item = _find(checklist_id, point_id, item_id)
    alert = item_alerts(item)[number]
    past, inside = _values(item, alert)
    store = RunStore(UserDb.open(tmp_path / "user.db"))
    run_id = store.start("pack", "1.0.0", checklist, "Alert test", None)
    if past is not None:
        assert _key(item, alert) in _fired(store, run_id, point_id, item_id, past)
    if inside is not None:
        assert _key(item, alert) not in _fired(store, run_id, point_id, item_id, inside)


def test_pre_dose_blood_pressure_above_140_shows_benefit_risk_prompt() -> None:
    """The issue's example: 141 mmHg before the dose shows the warning with its guidance."""
    _, item = _find("esketamine-session-monitoring", "pre-dose", "pre-sbp")
    (alert,) = fired_alerts("pre-dose", item, Decimal(141))
    assert alert.severity is model.Severity.WARNING
    assert "benefit" in alert.message and alert.label == "\u26a0 Warning"
    assert fired_alerts("pre-dose", item, Decimal(140)) == []


def test_two_rules_on_one_item_both_fire_most_severe_first() -> None:
    """181 mmHg at 40 minutes fires the 180 warning above the 140 information."""
    _, item = _find("esketamine-session-monitoring", "bp-40-min", "sbp-40")
    fired = fired_alerts("bp-40-min", item, Decimal(181))
    assert [a.severity for a in fired] == [model.Severity.WARNING, model.Severity.INFO]


def test_value_past_plausible_range_is_refused_before_alerts(tmp_path: Path) -> None:
    """An implausible SpO2 is refused, so it can neither fire nor hide an alert."""
    checklist, _ = _find("esketamine-session-monitoring", "pre-dose", "pre-spo2")
    store = RunStore(UserDb.open(tmp_path / "user.db"))
    run_id = store.start("pack", "1.0.0", checklist, "Alert test", None)
    with pytest.raises(EntryRefused, match="plausible range"):
        store.record(run_id, "pre-dose", "pre-spo2", "9")


def test_every_severity_has_a_word_and_a_distinct_icon() -> None:
    """Severity is never colour alone: each has a word and its own icon."""
    assert set(SEVERITY_WORDS) == set(model.Severity) == set(SEVERITY_ICONS)
    assert len(set(SEVERITY_ICONS.values())) == len(SEVERITY_ICONS)
