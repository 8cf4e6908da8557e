"""The pack's alert rules evaluated over the values of a run.

A rule may read more than its own item: an earlier value of the same run (a fall from the pre-dose
sedation score) or a second item (systolic or diastolic), so rules are evaluated over all the run's
latest values at once. Threshold words say whether the limit is included (`at_least`, `at_most`) or
not (`above`, `below`). Severity is always shown with an icon and a word, never colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from app.core.model.alerts import THRESHOLD_TEXT, AnswerAlert, NumberAlert, Threshold
from app.core.model.checklist import (
    Checklist,
    ChecklistItem,
    NumberItem,
    ScaleItem,
    Timepoint,
    YesNoItem,
)
from app.core.model.severity import SEVERITY_ICONS, SEVERITY_RANK, SEVERITY_WORDS, Severity

AlertValue = Decimal | int | str | bool | None
Key = tuple[str, str]
"""(timepoint id, item id)"""

RELATIVE_AMOUNT = {"at_least": "of {} or more", "above": "of more than {}", "at_most": "of {} or less"}
RELATIVE_AMOUNT["below"] = "of less than {}"


def severity_label(severity: Severity) -> str:
    """`⚠ Caution`: the icon and the word together."""
    return f"{SEVERITY_ICONS[severity]} {SEVERITY_WORDS[severity]}"


@dataclass(frozen=True)
class FiredAlert:
    """A rule that holds for the run's values, with what to do and its sources."""

    timepoint_id: str
    item_id: str
    item_label: str
    severity: Severity
    rule: str
    action: str
    note: str | None
    references: tuple[str, ...]
    rule_id: str
    """`timepoint/item#n`: the same rule firing again is the same alert."""
    items: tuple[Key, ...]
    """Every item the rule read (its own first), for the marker on each item's line."""

    @property
    def label(self) -> str:
        return severity_label(self.severity)


def item_alerts(item: ChecklistItem) -> list[NumberAlert | AnswerAlert]:
    if isinstance(item, (NumberItem, ScaleItem, YesNoItem)):
        return list(item.alerts)
    return []


def _unit(item: ChecklistItem) -> str:
    return f" {item.unit}" if isinstance(item, NumberItem) else ""


def _num(threshold: Threshold) -> str:
    return format(threshold.threshold.normalize(), "f")


def rule_text(
    checklist: Checklist, point: Timepoint, item: ChecklistItem, alert: NumberAlert | AnswerAlert
) -> str:
    """`at or above 180 mmHg, or diastolic ... at or above 110 mmHg`; `a fall of 1 or more from ...`."""
    if isinstance(alert, AnswerAlert):
        return f"answer {alert.when}"
    unit = _unit(item)
    if alert.relative_to is not None:
        earlier = checklist.find_item(point.id, alert.relative_to)
        name = earlier[1].label if earlier else alert.relative_to
        change = "a rise" if alert.rise_from else "a fall"
        text = f"{change} {RELATIVE_AMOUNT[alert.word].format(_num(alert) + unit)} from {name}"
    else:
        text = f"{THRESHOLD_TEXT[alert.word]} {_num(alert)}{unit}"
    other = alert.other
    if other is not None:
        found = checklist.find_item(point.id, other.item)
        name, other_unit = (_lower(found[1].label), _unit(found[1])) if found else (other.item, "")
        joint = "or" if alert.or_ is not None else "and"
        text += f", {joint} {name} {THRESHOLD_TEXT[other.word]} {_num(other)}{other_unit}"
    return text


def _lower(label: str) -> str:
    """`diastolic blood pressure` mid-sentence; an acronym (`SpO2`, `MOAA/S`) keeps its capitals."""
    return label[0].lower() + label[1:] if len(label) > 1 and not label[1].isupper() else label


def pack_rules(checklist: Checklist, point: Timepoint, item: ChecklistItem) -> str:
    """The item's rules in one line, `above 140 mmHg (Caution); at or above 180 mmHg (Urgent action)`."""
    rules = item_alerts(item)
    if not rules:
        return "no alert rule"
    return "; ".join(f"{rule_text(checklist, point, item, r)} ({SEVERITY_WORDS[r.severity]})" for r in rules)


def _number(value: AlertValue) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        return None
    return Decimal(value)


class _Evaluation:
    """One pass over a checklist with the run's values, looking up other items as rules need them."""

    def __init__(self, checklist: Checklist, values: Mapping[Key, AlertValue]) -> None:
        self.checklist, self.values = checklist, values

    def key(self, point: Timepoint, ref: str) -> Key | None:
        found = self.checklist.find_item(point.id, ref)
        return (found[0].id, found[1].id) if found else None

    def number(self, key: Key | None) -> Decimal | None:
        return _number(self.values.get(key)) if key is not None else None

    def number_rule(
        self, point: Timepoint, item: ChecklistItem, alert: NumberAlert
    ) -> tuple[bool, list[Key]]:
        own: Key = (point.id, item.id)
        keys = [own]
        compared = self.number(own)
        if compared is not None and alert.relative_to is not None:
            earlier_key = self.key(point, alert.relative_to)
            if earlier_key:
                keys.append(earlier_key)
            earlier = self.number(earlier_key)
            compared = (
                None if earlier is None else (compared - earlier if alert.rise_from else earlier - compared)
            )
        holds = compared is not None and alert.holds(compared)
        other = alert.other
        if other is None:
            return holds, keys
        other_key = self.key(point, other.item)
        if other_key:
            keys.append(other_key)
        other_value = self.number(other_key)
        other_holds = other_value is not None and other.holds(other_value)
        return (holds or other_holds if alert.or_ is not None else holds and other_holds), keys

    def fires(
        self, point: Timepoint, item: ChecklistItem, alert: NumberAlert | AnswerAlert
    ) -> tuple[bool, list[Key]]:
        if isinstance(alert, AnswerAlert):
            return self.values.get((point.id, item.id)) == alert.when, [(point.id, item.id)]
        return self.number_rule(point, item, alert)

    def fired(self) -> list[FiredAlert]:
        found: list[FiredAlert] = []
        for point in self.checklist.timepoints:
            for item in point.items:
                held = []
                for index, alert in enumerate(item_alerts(item)):
                    holds, keys = self.fires(point, item, alert)
                    if holds:
                        held.append(self._alert(point, item, index, alert, keys))
                found += top_tier(held)
        return sort_alerts(found)

    def _alert(
        self,
        point: Timepoint,
        item: ChecklistItem,
        index: int,
        alert: NumberAlert | AnswerAlert,
        keys: list[Key],
    ) -> FiredAlert:
        return FiredAlert(
            point.id,
            item.id,
            item.label,
            alert.severity,
            rule_text(self.checklist, point, item, alert),
            alert.action,
            alert.note,
            tuple(alert.references),
            f"{point.id}/{item.id}#{index}",
            tuple(dict.fromkeys(keys)),
        )


def evaluate(checklist: Checklist, values: Mapping[Key, AlertValue]) -> list[FiredAlert]:
    """Every rule that holds for `values` (decoded, by timepoint and item), most severe first."""
    return _Evaluation(checklist, values).fired()


def top_tier(alerts: list[FiredAlert]) -> list[FiredAlert]:
    """An item's rules are tiers: when several hold, only the most severe are shown, so an urgent
    systolic of 220 is not also listed as a caution (its action already covers the lesser one)."""
    top = highest(alerts)
    return [a for a in alerts if a.severity is top]


def sort_alerts(alerts: list[FiredAlert]) -> list[FiredAlert]:
    """Most severe first; a stable sort keeps the checklist's order within a severity."""
    return sorted(alerts, key=lambda a: -SEVERITY_RANK[a.severity])


def highest(alerts: list[FiredAlert]) -> Severity | None:
    return max((a.severity for a in alerts), key=SEVERITY_RANK.__getitem__, default=None)
