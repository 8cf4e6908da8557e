"""Table-driven: every vital sign and sedation score of every bundled monitoring checklist fires exactly
the expected tier for values in its normal, caution, urgent and emergency ranges.

The tables are per kind of reading (blood pressure, heart rate, SpO2, MOAA/S); the test walks the
checklists and applies the table of each vital item it finds, so an item added without rules, or with
rules that grade differently, fails here. What is compared is the tier the item's own line shows: the
most severe alert that reads the item.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core import model
from app.core.model.checklist import is_vital
from app.core.model.severity import Severity
from app.core.packs.roots import default_roots, load_packs
from app.core.runs.alerts import Key, evaluate, highest
from app.core.runs.values import decode, parse_value

PACKS = load_packs(default_roots([]))
MONITORING = [
    d for _, d in PACKS.documents() if isinstance(d, model.Checklist) and "monitoring" in d.tags.topics
]
N, C, U, E = None, Severity.CAUTION, Severity.URGENT, Severity.EMERGENCY

BP = [((130, 80), N), ((165, 80), C), ((130, 101), C), ((185, 80), U), ((130, 115), U), ((210, 125), U)]
"""(systolic, diastolic) with a baseline of 120/75: a rise of 40/25 or more, or above 140/90 where the
checklist uses the label's guide, is a caution; 180/110 or more is urgent."""
HEART_RATE = [(72, N), (125, C), (45, C), (150, U), (38, U)]
SPO2 = [(98, N), (94, C), (92, U), (82, E)]
MOAAS = [(5, N), (4, C), (3, C), (2, U), (1, U), (0, E)]
"""With a pre-dose score of 5: any fall is sedation (caution), 2 or less urgent, 0 an emergency."""


def _find(checklist: model.Checklist, item_id: str) -> tuple[model.Timepoint, model.ChecklistItem]:
    return next((p, i) for p in checklist.timepoints for i in p.items if i.id == item_id)


def _baseline(checklist: model.Checklist) -> dict[str, object]:
    """Normal pre-dose readings that relative rules compare with."""
    pre = checklist.timepoints[0]
    ids = {i.id for i in pre.items}
    return {k: v for k, v in {"pre-sbp": 120, "pre-dbp": 75, "pre-moaas": 5}.items() if k in ids}


def tier(checklist: model.Checklist, values: dict[str, object], watched: list[str]) -> Severity | None:
    """The most severe alert that reads any of the `watched` items, for these values."""
    decoded: dict[Key, object] = {}
    for item_id, raw in values.items():
        point, item = _find(checklist, item_id)
        decoded[(point.id, item.id)] = decode(item, parse_value(item, raw))  # type: ignore[arg-type]
    keys = {(_find(checklist, i)[0].id, i) for i in watched}
    fired = evaluate(checklist, decoded)  # type: ignore[arg-type]
    return highest([a for a in fired if keys & set(a.items)])


def _cases() -> Iterator[object]:
    for checklist in MONITORING:
        for point in checklist.timepoints:
            for item in point.items:
                if not is_vital(item):
                    continue
                yield from _item_cases(checklist, point, item)


def _item_cases(
    checklist: model.Checklist, point: model.Timepoint, item: model.ChecklistItem
) -> Iterator[object]:
    name = f"{checklist.id}/{point.id}/{item.id}"
    if isinstance(item, model.ScaleItem):
        table = [({item.id: v}, [item.id], t) for v, t in MOAAS]
    elif item.unit == "mmHg":  # type: ignore[union-attr]
        sbp = item.id.replace("dbp", "sbp")
        dbp = item.id.replace("sbp", "dbp")
        table = [({sbp: s, dbp: d}, [sbp, dbp], t) for (s, d), t in BP]
    elif item.unit == "beats/min":  # type: ignore[union-attr]
        table = [({item.id: v}, [item.id], t) for v, t in HEART_RATE]
    else:
        table = [({item.id: v}, [item.id], t) for v, t in SPO2]
    for values, watched, expected in table:
        shown = "+".join(f"{k}={v}" for k, v in values.items())
        yield pytest.param(checklist.id, values, watched, expected, id=f"{name}:{shown}")


CASES = list(_cases())


def test_both_bundled_monitoring_checklists_are_covered() -> None:
    """The table reaches the IV infusion and the esketamine checklists, every vital item of each."""
    assert {c.id for c in MONITORING} >= {"ketamine-infusion-monitoring", "esketamine-session-monitoring"}
    assert len(CASES) > 150


@pytest.mark.parametrize(("checklist_id", "values", "watched", "expected"), CASES)
def test_vital_sign_fires_exactly_the_expected_tier(
    checklist_id: str, values: dict[str, object], watched: list[str], expected: Severity | None
) -> None:
    """Normal values fire nothing; each range fires its tier and nothing more severe."""
    checklist = next(c for c in MONITORING if c.id == checklist_id)
    assert tier(checklist, {**_baseline(checklist), **values}, watched) is expected


ISSUE_CASES = [
    ("ketamine-infusion-monitoring", {"spo2-20": 82}, ["spo2-20"], E),
    ("ketamine-infusion-monitoring", {"sbp-20": 220, "dbp-20": 90}, ["sbp-20"], U),
    ("ketamine-infusion-monitoring", {"hr-20": 150}, ["hr-20"], U),
    ("ketamine-infusion-monitoring", {"pre-sbp": 200, "pre-dbp": 90}, ["pre-sbp"], U),
    ("ketamine-infusion-monitoring", {"moaas-20": 2}, ["moaas-20"], U),
    ("esketamine-session-monitoring", {"pre-moaas": 5, "moaas-40": 2}, ["moaas-40"], U),
    ("esketamine-session-monitoring", {"pre-sbp": 210, "pre-dbp": 125}, ["pre-sbp"], U),
    ("esketamine-session-monitoring", {"pre-sbp": 142, "pre-dbp": 91}, ["pre-sbp"], C),
    ("esketamine-session-monitoring", {"pre-moaas": 0}, ["pre-moaas"], E),
    ("esketamine-session-monitoring", {"pre-spo2": 92}, ["pre-spo2"], U),
]


@pytest.mark.parametrize(("checklist_id", "values", "watched", "expected"), ISSUE_CASES)
def test_the_review_findings_now_fire(
    checklist_id: str, values: dict[str, object], watched: list[str], expected: Severity
) -> None:
    """SpO2 82 % mid-infusion is an emergency; MOAA/S 5 to 2 urgent; 210/125 urgent; 142/91 caution."""
    checklist = next(c for c in MONITORING if c.id == checklist_id)
    assert tier(checklist, {**_baseline(checklist), **values}, watched) is expected


def test_a_sedation_score_is_judged_against_the_patients_own_baseline() -> None:
    """MOAA/S 4 after a pre-dose 4 is no fall; after a pre-dose 5 it is sedation."""
    checklist = next(c for c in MONITORING if c.id == "esketamine-session-monitoring")
    assert tier(checklist, {"pre-moaas": 4, "moaas-40": 4}, ["moaas-40"]) is None
    assert tier(checklist, {"pre-moaas": 5, "moaas-40": 4}, ["moaas-40"]) is C


def test_a_crisis_systolic_shows_one_urgent_alert_and_no_reassurance() -> None:
    """240 mmHg at 40 minutes: one urgent alert; no lower-tier note beside it."""
    checklist = next(c for c in MONITORING if c.id == "esketamine-session-monitoring")
    point, item = _find(checklist, "sbp-40")
    fired = evaluate(
        checklist, {(point.id, item.id): decode(item, "240"), ("pre-dose", "pre-sbp"): decode(item, "120")}
    )
    assert [a.severity for a in fired] == [U]
    assert "not treated" not in fired[0].action


@pytest.mark.parametrize("checklist_id", ["ketamine-infusion-monitoring", "esketamine-session-monitoring"])
def test_crisis_signs_are_asked_before_and_after_the_dose(checklist_id: str) -> None:
    """A yes to the crisis-signs question is an emergency, before the dose and after it."""
    checklist = next(c for c in MONITORING if c.id == checklist_id)
    crisis = [(p, i) for p in checklist.timepoints for i in p.items if "crisis-signs" in i.id]
    assert min(p.offset_minutes for p, _ in crisis) < 0 < max(p.offset_minutes for p, _ in crisis)
    for point, item in crisis:
        fired = evaluate(checklist, {(point.id, item.id): "yes"})
        assert [a.severity for a in fired] == [E]
