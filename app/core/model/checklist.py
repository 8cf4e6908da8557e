"""Side-effect checklists run during a session: timepoints, typed items, alert rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from app.core.model.alerts import AnswerAlert, NumberAlert
from app.core.model.common import Id, RefIds, Statement, Strict, Text
from app.core.model.document import DocumentMeta


class Range(Strict):
    min: float
    max: float

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min >= self.max:
            raise ValueError("`min` must be below `max`")
        return self


class ItemBase(Strict):
    id: Id
    label: Text
    help: Text | None = None
    required: bool = False
    references: RefIds


class CheckItem(ItemBase):
    type: Literal["check"]


class YesNoItem(ItemBase):
    type: Literal["yesno"]
    alerts: list[AnswerAlert] = Field(default_factory=list)


class NumberItem(ItemBase):
    type: Literal["number"]
    unit: Text
    plausible: Range
    decimals: int = Field(default=0, ge=0, le=3)
    alerts: list[NumberAlert] = Field(default_factory=list)

    @model_validator(mode="after")
    def _alerts_inside_plausible_range(self) -> NumberItem:
        for alert in self.alerts:
            if alert.relative_to is not None:
                continue  # a rise or fall is an amount, not a reading
            threshold = alert.threshold
            if not Decimal(repr(self.plausible.min)) <= threshold <= Decimal(repr(self.plausible.max)):
                raise ValueError(f"alert threshold {threshold:f} lies outside the plausible range")
        return self


class ScaleOption(Strict):
    value: int
    label: Text


class ScaleItem(ItemBase):
    type: Literal["scale"]
    scale: Text
    options: list[ScaleOption] = Field(min_length=2)
    alerts: list[NumberAlert] = Field(default_factory=list)


class TextItem(ItemBase):
    type: Literal["text"]
    max_length: int = Field(default=500, ge=1, le=5000)


ChecklistItem = Annotated[
    CheckItem | YesNoItem | NumberItem | ScaleItem | TextItem, Field(discriminator="type")
]


class Timepoint(Strict):
    """A moment relative to the dose: negative minutes are before it."""

    id: Id
    label: Text
    offset_minutes: int = Field(ge=-1440, le=1440)
    items: list[ChecklistItem] = Field(min_length=1)
    references: RefIds


class Checklist(DocumentMeta):
    kind: Literal["checklist"]
    dose_event: Text = "dose"
    min_monitoring_minutes: int | None = Field(default=None, ge=0, le=1440)
    timepoints: list[Timepoint] = Field(min_length=1)
    discharge_criteria: list[Statement] = Field(default_factory=list)
    related_protocols: list[Id] = Field(default_factory=list)

    @model_validator(mode="after")
    def _timepoints_in_order(self) -> Checklist:
        offsets = [t.offset_minutes for t in self.timepoints]
        if offsets != sorted(offsets):
            raise ValueError("timepoints must be listed in time order")
        return self

    @model_validator(mode="after")
    def _rules_name_items_that_exist(self) -> Checklist:
        for index, point in enumerate(self.timepoints):
            for item in point.items:
                for alert in item.alerts if isinstance(item, (NumberItem, ScaleItem)) else []:
                    _check_rule_items(self, index, item.id, alert)
        return self

    def find_item(self, timepoint_id: str, ref: str) -> tuple[Timepoint, ChecklistItem] | None:
        """The item `ref` names: `item-id` in `timepoint_id`, or `timepoint-id/item-id`."""
        point_id, _, item_id = ref.rpartition("/")
        point = next((t for t in self.timepoints if t.id == (point_id or timepoint_id)), None)
        item = next((i for i in point.items if i.id == item_id), None) if point else None
        return (point, item) if point is not None and item is not None else None


def _check_rule_items(checklist: Checklist, index: int, item_id: str, alert: NumberAlert) -> None:
    """A relative rule compares with an earlier or same-time number; a two-item rule with a number."""
    here = checklist.timepoints[index]
    named = [(alert.relative_to, True), (alert.other.item if alert.other else None, False)]
    for ref, earlier in named:
        if ref is None:
            continue
        found = checklist.find_item(here.id, ref)
        where = f"item `{item_id}` at `{here.id}`"
        if found is None:
            raise ValueError(f"{where}: alert rule names `{ref}`, which is not an item of this checklist")
        point, other = found
        if not isinstance(other, (NumberItem, ScaleItem)):
            raise ValueError(f"{where}: alert rule names `{ref}`, which is not a number or scale item")
        if earlier and point.offset_minutes > here.offset_minutes:
            raise ValueError(f"{where}: `{ref}` is later than this item; compare with an earlier value")


VITAL_UNITS = frozenset({"mmHg", "beats/min", "breaths/min", "%"})
"""Units that mark a number item as a vital sign: a monitoring checklist needs a rule on each."""
SEDATION_SCALES = frozenset({"MOAA/S"})


def is_vital(item: ChecklistItem) -> bool:
    """A vital sign or sedation score, which a monitoring checklist must not leave without a rule."""
    if isinstance(item, NumberItem):
        return item.unit in VITAL_UNITS
    return isinstance(item, ScaleItem) and item.scale in SEDATION_SCALES


def covered_items(checklist: Checklist) -> set[tuple[str, str]]:
    """(timepoint, item) of items with a rule of their own or named by another item's two-item rule."""
    covered: set[tuple[str, str]] = set()
    for point in checklist.timepoints:
        for item in point.items:
            rules = item.alerts if isinstance(item, (NumberItem, ScaleItem, YesNoItem)) else []
            if rules:
                covered.add((point.id, item.id))
            for rule in rules:
                other = rule.other if isinstance(rule, NumberAlert) else None
                found = checklist.find_item(point.id, other.item) if other else None
                if found:
                    covered.add((found[0].id, found[1].id))
    return covered
