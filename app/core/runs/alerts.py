"""The pack's alert rules on checklist items, evaluated as values are entered.

Thresholds are strict: `above: 140` fires for 141 (or 140.1), not for 140, and `below: 93` fires for
92, not for 93, matching the clinical wording ("above 140/90", "below 93%"). A yes/no rule fires on its
answer. Severity is always shown with a word and an icon, never colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.core.model.checklist import (
    AnswerAlert,
    ChecklistItem,
    NumberAlert,
    NumberItem,
    ScaleItem,
    Severity,
    YesNoItem,
)

SEVERITY_WORDS = {Severity.INFO: "Information", Severity.WARNING: "Warning", Severity.CRITICAL: "Critical"}
SEVERITY_ICONS = {Severity.INFO: "\u2139", Severity.WARNING: "\u26a0", Severity.CRITICAL: "\u2716"}
SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.CRITICAL: 2}

AlertValue = Decimal | int | str | bool | None


def severity_label(severity: Severity) -> str:
    """`⚠ Warning`: the icon and the word together."""
    return f"{SEVERITY_ICONS[severity]} {SEVERITY_WORDS[severity]}"


@dataclass(frozen=True)
class FiredAlert:
    """A rule that holds for the value entered, with the pack's guidance."""

    timepoint_id: str
    item_id: str
    item_label: str
    severity: Severity
    rule: str
    message: str
    references: tuple[str, ...]

    @property
    def label(self) -> str:
        return severity_label(self.severity)


def _threshold(alert: NumberAlert) -> Decimal:
    value = alert.above if alert.above is not None else alert.below
    assert value is not None  # the model guarantees exactly one
    return Decimal(repr(value))


def number_fires(alert: NumberAlert, value: Decimal) -> bool:
    if alert.above is not None:
        return value > _threshold(alert)
    return value < _threshold(alert)


def rule_text(item: ChecklistItem, alert: NumberAlert | AnswerAlert) -> str:
    """`above 140 mmHg`, `below 5`, `if yes`."""
    if isinstance(alert, AnswerAlert):
        return f"if {alert.when}"
    unit = f" {item.unit}" if isinstance(item, NumberItem) else ""
    word = "above" if alert.above is not None else "below"
    return f"{word} {_threshold(alert).normalize():f}{unit}"


def item_alerts(item: ChecklistItem) -> list[NumberAlert | AnswerAlert]:
    if isinstance(item, (NumberItem, ScaleItem, YesNoItem)):
        return list(item.alerts)
    return []


def _fires(item: ChecklistItem, alert: NumberAlert | AnswerAlert, value: AlertValue) -> bool:
    if value is None:
        return False
    if isinstance(alert, AnswerAlert):
        return isinstance(item, YesNoItem) and value == alert.when
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return number_fires(alert, Decimal(value))
    return False


def fired_alerts(timepoint_id: str, item: ChecklistItem, value: AlertValue) -> list[FiredAlert]:
    """The item's rules that hold for `value`, most severe first."""
    fired = [
        FiredAlert(
            timepoint_id,
            item.id,
            item.label,
            alert.severity,
            rule_text(item, alert),
            alert.message,
            tuple(alert.references),
        )
        for alert in item_alerts(item)
        if _fires(item, alert, value)
    ]
    return sort_alerts(fired)


def sort_alerts(alerts: list[FiredAlert]) -> list[FiredAlert]:
    """Most severe first; a stable sort keeps the checklist's order within a severity."""
    return sorted(alerts, key=lambda a: -SEVERITY_RANK[a.severity])
