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
    """Lowest plausible value (inclusive)."""
    max: float
    """Highest plausible value (inclusive)."""

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min >= self.max:
            raise ValueError("`min` must be below `max`")
        return self


class ItemBase(Strict):
    id: Id
    """Unique within the checklist; recorded values are kept under it."""
    label: Text
    """The question or measurement as the clinician reads it."""
    help: Text | None = None
    """One line of guidance shown beside the item."""
    required: bool = False
    """The run reports the item if it is left empty."""
    references: RefIds
    """Sources of the item; needed under `validate --strict`."""


class CheckItem(ItemBase):
    type: Literal["check"]
    """Selects a tick box."""


class YesNoItem(ItemBase):
    type: Literal["yesno"]
    """Selects a yes/no question."""
    alerts: list[AnswerAlert] = Field(default_factory=list)
    """Rules on the answer; see docs/authoring-alerts.md."""


class NumberItem(ItemBase):
    type: Literal["number"]
    """Selects a number with a unit."""
    unit: Text
    """Unit of the value: `mmHg`, `mmol/L`."""
    plausible: Range
    """Values outside this range are refused as typing errors."""
    decimals: int = Field(default=0, ge=0, le=3)
    """Decimal places allowed (0 to 3)."""
    alerts: list[NumberAlert] = Field(default_factory=list)
    """Threshold rules on the value; see docs/authoring-alerts.md."""

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
    """The score recorded."""
    label: Text
    """What the score means."""


class ScaleItem(ItemBase):
    type: Literal["scale"]
    """Selects a scored scale."""
    scale: Text
    """Name of the scale: `MOAA/S`, `CADSS`."""
    options: list[ScaleOption] = Field(min_length=2)
    """Every score of the scale with its meaning."""
    alerts: list[NumberAlert] = Field(default_factory=list)
    """Threshold rules on the score; see docs/authoring-alerts.md."""


class TextItem(ItemBase):
    type: Literal["text"]
    """Selects free text."""
    max_length: int = Field(default=500, ge=1, le=5000)
    """Most characters accepted (1 to 5000)."""


ChecklistItem = Annotated[
    CheckItem | YesNoItem | NumberItem | ScaleItem | TextItem, Field(discriminator="type")
]


class Timepoint(Strict):
    """A moment relative to the dose (negative minutes are before it), or a step of a visit."""

    id: Id
    """Unique within the checklist; cards and links use it as a section id."""
    label: Text
    """Heading of the group of items: `Before the dose`, `40 minutes after`, `Bloods`."""
    offset_minutes: int | None = Field(default=None, ge=-1440, le=1440)
    """Minutes from the dose (negative: before it); required when `schedule` is `dose`, absent for a visit."""
    items: list[ChecklistItem] = Field(min_length=1)
    """What is checked or recorded at this timepoint, in order."""
    references: RefIds
    """Sources for the timepoint as a whole (items carry their own)."""


class Checklist(DocumentMeta):
    """Timepoints of typed items, run beside a patient: around a dose, or at a scheduled visit."""

    kind: Literal["checklist"]
    """Selects this document kind."""
    schedule: Literal["dose", "visit"] = "dose"
    """`dose`: timepoints are minutes from a dose and a timer runs; `visit`: a review visit not tied to
    a dose (a clinic review every few months), whose timepoints are steps without times."""
    visit_interval_months: int | None = Field(default=None, ge=1, le=60)
    """For a visit: how often it recurs (3, 6, 12), shown to the reader; not allowed for a dose."""
    dose_event: Text = "dose"
    """What the timer counts from, in the reader's words: `dose`, `first spray`, `infusion start`."""
    min_monitoring_minutes: int | None = Field(default=None, ge=0, le=1440)
    """Least time from the dose before discharge; the run shows when it is reached (dose schedule only)."""
    timepoints: list[Timepoint] = Field(min_length=1)
    """The timepoints in time order (for a visit: in the order they are done)."""
    discharge_criteria: list[Statement] = Field(default_factory=list)
    """Conditions that must all hold before the patient leaves."""
    related_protocols: list[Id] = Field(default_factory=list)
    """Ids of protocol documents in the same pack that this checklist serves."""

    @model_validator(mode="after")
    def _timepoints_fit_schedule(self) -> Checklist:
        offsets = [t.offset_minutes for t in self.timepoints]
        if self.schedule == "visit":
            if any(o is not None for o in offsets) or self.min_monitoring_minutes is not None:
                raise ValueError(
                    "a `visit` checklist is not timed from a dose: leave out `offset_minutes` "
                    "and `min_monitoring_minutes`"
                )
            return self
        if self.visit_interval_months is not None:
            raise ValueError("`visit_interval_months` belongs to a checklist with `schedule: visit`")
        timed = [o for o in offsets if o is not None]
        if len(timed) != len(offsets):
            raise ValueError("every timepoint needs `offset_minutes` (minutes from the dose)")
        if timed != sorted(timed):
            raise ValueError("timepoints must be listed in time order")
        return self

    @property
    def is_visit(self) -> bool:
        return self.schedule == "visit"

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
        if earlier and (point.offset_minutes or 0) > (here.offset_minutes or 0):
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
