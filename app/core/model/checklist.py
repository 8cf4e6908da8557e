"""Side-effect checklists run during a session: timepoints, typed items, alert rules."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from app.core.model.common import Id, RefIds, Statement, Strict, Text
from app.core.model.document import DocumentMeta


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


class NumberAlert(Strict):
    """Fires when a value is above or below a threshold (exactly one of the two)."""

    above: float | None = None
    below: float | None = None
    severity: Severity = Field(strict=False)
    message: Text
    references: RefIds

    @model_validator(mode="after")
    def _one_threshold(self) -> NumberAlert:
        if (self.above is None) == (self.below is None):
            raise ValueError("an alert needs exactly one of `above` or `below`")
        return self


class AnswerAlert(Strict):
    """Fires when a yes/no item gets the given answer."""

    when: Literal["yes", "no"]
    severity: Severity = Field(strict=False)
    message: Text
    references: RefIds


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
            threshold = alert.above if alert.above is not None else alert.below
            assert threshold is not None
            if not self.plausible.min <= threshold <= self.plausible.max:
                raise ValueError(f"alert threshold {threshold:g} lies outside the plausible range")
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
