"""The alert-rule engine on a small checklist: threshold words, relative and two-item rules, tiers,
what the model refuses, and the log of every alert a run fired."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from app.core import model
from app.core.model.checklist import covered_items
from app.core.model.severity import SEVERITY_ICONS, SEVERITY_WORDS, Severity
from app.core.runs.alerts import evaluate, rule_text
from app.core.runs.store import RunStore
from app.core.userdata.db import UserDb

SOURCE = ["ref-a"]


def _number(item_id: str, alerts: list[dict[str, Any]], unit: str = "mmHg") -> dict[str, Any]:
    return {
        "id": item_id,
        "type": "number",
        "label": item_id.upper(),
        "unit": unit,
        "plausible": {"min": 0, "max": 300},
        "alerts": alerts,
    }


def _rule(severity: str, **condition: Any) -> dict[str, Any]:
    return {**condition, "severity": severity, "action": f"{severity} action", "references": SOURCE}


def checklist(pre: list[dict[str, Any]], post: list[dict[str, Any]]) -> model.Checklist:
    return model.Checklist.model_validate(
        {
            "kind": "checklist",
            "id": "rules",
            "title": "Rules",
            "summary": "Rules under test.",
            "status": "active",
            "version": "1.0.0",
            "last_reviewed": "2026-01-01",
            "review_due": "2027-01-01",
            "reviewers": ["Test"],
            "regulatory_status": "not-applicable",
            "timepoints": [
                {"id": "pre", "label": "Before", "offset_minutes": -10, "items": pre},
                {"id": "post", "label": "After", "offset_minutes": 40, "items": post or [_number("z", [])]},
            ],
        }
    )


def fired(rules: model.Checklist, **values: int) -> list[tuple[str, str]]:
    keyed = {}
    for key, value in values.items():
        point, _, item = key.partition("__")
        keyed[(point, item)] = Decimal(value)
    return [(a.item_id, a.severity.value) for a in evaluate(rules, keyed)]


@pytest.mark.parametrize(
    ("word", "at_limit", "past", "inside"),
    [
        ("at_least", True, 101, 99),
        ("above", False, 101, 99),
        ("at_most", True, 99, 101),
        ("below", False, 99, 101),
    ],
)
def test_threshold_words_say_whether_the_limit_is_included(
    word: str, at_limit: bool, past: int, inside: int
) -> None:
    """`at_least`/`at_most` include 100; `above`/`below` do not (the existing strict meaning)."""
    rules = checklist([_number("x", [_rule("caution", **{word: 100})])], [])
    assert fired(rules, pre__x=past) == [("x", "caution")]
    assert fired(rules, pre__x=inside) == []
    assert bool(fired(rules, pre__x=100)) is at_limit


def test_a_rise_from_an_earlier_value_is_compared_not_the_value() -> None:
    """A rise of 40 from baseline fires whatever the absolute value; no baseline, no firing."""
    rules = checklist(
        [_number("base", [])], [_number("later", [_rule("caution", rise_from="pre/base", at_least=40)])]
    )
    assert fired(rules, pre__base=100, post__later=140) == [("later", "caution")]
    assert fired(rules, pre__base=150, post__later=170) == []
    assert fired(rules, post__later=200) == []
    assert "a rise of 40 mmHg or more from BASE" in rule_text(
        rules,
        rules.timepoints[1],
        rules.timepoints[1].items[0],
        rules.timepoints[1].items[0].alerts[0],  # type: ignore[union-attr]
    )


def test_a_fall_is_measured_downwards() -> None:
    """fall_from: the earlier value minus this one."""
    rules = checklist(
        [_number("base", [])], [_number("later", [_rule("caution", fall_from="pre/base", at_least=1)])]
    )
    assert fired(rules, pre__base=5, post__later=4) == [("later", "caution")]
    assert fired(rules, pre__base=4, post__later=4) == []


def test_or_and_and_combine_two_items() -> None:
    """`or` fires on either reading (even before its own value); `and` needs both."""
    either = _rule("urgent", at_least=180, **{"or": {"item": "dbp", "at_least": 110}})
    both = _rule("caution", above=140, **{"and": {"item": "dbp", "above": 90}})
    rules = checklist([_number("sbp", [either, both]), _number("dbp", [])], [])
    assert fired(rules, pre__sbp=120, pre__dbp=115) == [("sbp", "urgent")]
    assert fired(rules, pre__dbp=115) == [("sbp", "urgent")]
    assert fired(rules, pre__sbp=150, pre__dbp=95) == [("sbp", "caution")]
    assert fired(rules, pre__sbp=150, pre__dbp=85) == []
    assert covered_items(rules) == {("pre", "sbp"), ("pre", "dbp")}


def test_only_the_most_severe_tier_of_an_item_shows() -> None:
    """220 fires the urgent rule alone, not also the caution it implies."""
    rules = checklist([_number("sbp", [_rule("caution", above=140), _rule("urgent", at_least=180)])], [])
    assert fired(rules, pre__sbp=220) == [("sbp", "urgent")]
    assert fired(rules, pre__sbp=150) == [("sbp", "caution")]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"above": 1, "below": 2}, "exactly one of"),
        ({}, "exactly one of"),
        ({"at_least": 1, "rise_from": "pre/a", "fall_from": "pre/a"}, "not both"),
        ({"at_least": 1, "references": []}, "names its source"),
        ({"at_least": 1, "rise_from": "pre/nothing"}, "not an item of this checklist"),
        ({"at_least": 1, "rise_from": "post/b"}, "later than this item"),
        ({"at_least": -5, "rise_from": "pre/a"}, "positive amount"),
        ({"at_least": 1, "or": {"item": "nothing", "above": 1}}, "not an item"),
        ({"at_least": 1, "severity": "high"}, "severity"),
    ],
)
def test_the_model_refuses_rules_that_cannot_mean_one_thing(rule: dict[str, Any], message: str) -> None:
    """Each refusal names what is wrong in words an author can act on."""
    full = {"severity": "caution", "action": "Act.", "references": SOURCE, **rule}
    with pytest.raises(ValidationError, match=message):
        checklist([_number("a", [full])], [_number("b", [])])


def test_every_severity_has_a_word_and_a_distinct_icon() -> None:
    """Severity is never colour alone: each tier has a word and its own icon."""
    assert set(SEVERITY_WORDS) == set(Severity) == set(SEVERITY_ICONS)
    assert len(set(SEVERITY_ICONS.values())) == len(SEVERITY_ICONS)
    assert [s.value for s in Severity] == ["info", "caution", "urgent", "emergency"]


def test_every_alert_fired_is_logged_once_with_its_time(tmp_path: Path) -> None:
    """The log keeps what fired and when, even after the value is corrected; a rule still holding
    after a new value is not logged again."""
    rules = checklist([_number("sbp", [_rule("caution", above=140), _rule("urgent", at_least=180)])], [])
    store = RunStore(UserDb.open(tmp_path / "user.db"))
    run_id = store.start("pack", "1.0.0", rules, "Chair 1", None)
    for value in ("150", "155", "200", "120"):
        store.record(run_id, "pre", "sbp", value)
    run = store.load(run_id)
    assert run is not None
    assert [(a.rule_id, a.severity) for a in run.alert_log] == [
        ("pre/sbp#0", Severity.CAUTION),
        ("pre/sbp#1", Severity.URGENT),
    ]
    assert run.alerts() == []


def test_packs_in_the_first_format_still_load() -> None:
    """`warning`/`critical` and `message` from packs written before the tiers read as caution, emergency
    and the action, so a deployed pack keeps working."""
    old = [{"above": 140, "severity": "warning", "message": "Re-check.", "references": SOURCE}]
    old += [{"below": 50, "severity": "critical", "message": "Call for help.", "references": SOURCE}]
    rules = checklist([_number("sbp", old)], [])
    alerts = rules.timepoints[0].items[0].alerts  # type: ignore[union-attr]
    assert [(a.severity, a.action) for a in alerts] == [
        (Severity.CAUTION, "Re-check."),
        (Severity.EMERGENCY, "Call for help."),
    ]


def test_the_alert_log_is_append_only_and_purged_with_its_run(tmp_path: Path) -> None:
    """SQLite refuses to rewrite or drop a logged alert of an open run; a purged run takes its log."""
    rules = checklist([_number("sbp", [_rule("urgent", at_least=180)])], [])
    now = [datetime(2026, 3, 2, 9, 0, tzinfo=UTC)]
    store = RunStore(UserDb.open(tmp_path / "user.db"), lambda: now[0])
    run_id = store.start("pack", "1.0.0", rules, "Chair 1", None)
    store.record(run_id, "pre", "sbp", "200")
    sql = store.db.connection
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        sql.execute("UPDATE checklist_run_alerts SET severity = 'info'")
    with pytest.raises(sqlite3.DatabaseError, match="unfinished"):
        sql.execute("DELETE FROM checklist_run_alerts")
    store.complete(run_id)
    now[0] += timedelta(days=40)
    assert store.purge(30) == 1
    assert sql.execute("SELECT COUNT(*) FROM checklist_run_alerts").fetchone()[0] == 0
