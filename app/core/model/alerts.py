"""Alert rules on checklist items: severity tiers, threshold words, relative and two-item rules.

A rule compares one value with one threshold, said in words so inclusive and exclusive cannot be
confused: `at_least` (>=), `above` (>), `at_most` (<=), `below` (<). What is compared is the item's own
value, or, with `rise_from` or `fall_from`, its change from an earlier value of the same run (a fall in
MOAA/S from the pre-dose score; a rise in systolic pressure from baseline). `or`/`and` add a condition
on a second item of the run (systolic at least 180 or diastolic at least 110). Every rule says what to
do (`action`) and where the threshold comes from (`references`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from app.core.model.common import RefIds, Strict, Text
from app.core.model.severity import Severity

ITEM_REF_PATTERN = r"^([a-z0-9][a-z0-9-]*/)?[a-z0-9][a-z0-9-]*$"


LEGACY_SEVERITY = {"warning": "caution", "critical": "emergency"}
"""Pack format 1.0 spellings, read as the tiers that mean the same: packs already deployed still load."""


def _legacy(data: object) -> object:
    """`severity: warning|critical` and `message:` from packs written before the four tiers."""
    if not isinstance(data, dict):
        return data
    upgraded = dict(data)
    if "message" in upgraded and "action" not in upgraded:
        upgraded["action"] = upgraded.pop("message")
    severity = upgraded.get("severity")
    if isinstance(severity, str) and severity in LEGACY_SEVERITY:
        upgraded["severity"] = LEGACY_SEVERITY[severity]
    return upgraded


def _sourced(references: list[str]) -> None:
    if not references:
        raise ValueError("every alert names its source: add `references` with at least one reference id")


THRESHOLD_WORDS = ("at_least", "above", "at_most", "below")
THRESHOLD_TEXT = {"at_least": "at or above", "above": "above", "at_most": "at or below", "below": "below"}


class Threshold(Strict):
    """Exactly one of the four threshold words."""

    at_least: float | None = Field(default=None, description="Fires when the value is this or more (>=).")
    above: float | None = Field(default=None, description="Fires when the value is strictly more (>).")
    at_most: float | None = Field(default=None, description="Fires when the value is this or less (<=).")
    below: float | None = Field(default=None, description="Fires when the value is strictly less (<).")

    @model_validator(mode="after")
    def _one_threshold(self) -> Threshold:
        given = [word for word in THRESHOLD_WORDS if getattr(self, word) is not None]
        if len(given) != 1:
            raise ValueError("a rule needs exactly one of `at_least`, `above`, `at_most` or `below`")
        return self

    @property
    def word(self) -> str:
        return next(word for word in THRESHOLD_WORDS if getattr(self, word) is not None)

    @property
    def threshold(self) -> Decimal:
        value = getattr(self, self.word)
        return Decimal(repr(value))

    def holds(self, value: Decimal) -> bool:
        limit = self.threshold
        return {
            "at_least": value >= limit,
            "above": value > limit,
            "at_most": value <= limit,
            "below": value < limit,
        }[self.word]


class OtherItem(Threshold):
    """A condition on a second item of the same run (`item` or `timepoint/item`)."""

    item: str = Field(
        pattern=ITEM_REF_PATTERN,
        description="The other item: its id in the same timepoint, or `timepoint-id/item-id`.",
    )


class NumberAlert(Threshold):
    """A rule on a number or scale item; see the module docstring for the words."""

    rise_from: str | None = Field(
        default=None,
        pattern=ITEM_REF_PATTERN,
        description="Compare the rise from this earlier item (`timepoint-id/item-id`) instead of the value.",
    )
    fall_from: str | None = Field(
        default=None,
        pattern=ITEM_REF_PATTERN,
        description="Compare the fall from this earlier item (`timepoint-id/item-id`) instead of the value.",
    )
    or_: OtherItem | None = Field(
        default=None, alias="or", description="Also fire when this condition on another item holds."
    )
    and_: OtherItem | None = Field(
        default=None, alias="and", description="Fire only when this condition on another item also holds."
    )
    severity: Severity = Field(
        strict=False, description="info, caution, urgent (act now) or emergency (emergency procedure)."
    )
    action: Text = Field(description="What to do when the rule fires, in a sentence or two.")
    note: Text | None = Field(default=None, description="Why, or what the threshold means (optional).")
    references: RefIds = Field(description="The sources of the threshold and the action (at least one).")

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _format_1_0(cls, data: object) -> object:
        return _legacy(data)

    @model_validator(mode="after")
    def _one_comparison(self) -> NumberAlert:
        _sourced(self.references)
        if self.rise_from is not None and self.fall_from is not None:
            raise ValueError("a rule compares with one earlier value: `rise_from` or `fall_from`, not both")
        if self.or_ is not None and self.and_ is not None:
            raise ValueError("a rule combines with one other item: `or` or `and`, not both")
        if self.relative_to is not None and self.threshold < 0:
            raise ValueError("a rise or fall is given as a positive amount")
        return self

    @property
    def relative_to(self) -> str | None:
        return self.rise_from or self.fall_from

    @property
    def other(self) -> OtherItem | None:
        return self.or_ or self.and_


class AnswerAlert(Strict):
    """Fires when a yes/no item gets the given answer."""

    when: Literal["yes", "no"]
    severity: Severity = Field(
        strict=False, description="info, caution, urgent (act now) or emergency (emergency procedure)."
    )
    action: Text = Field(description="What to do when the rule fires, in a sentence or two.")
    note: Text | None = Field(default=None, description="Why, or what the answer means (optional).")
    references: RefIds = Field(description="The sources of the action (at least one).")

    @model_validator(mode="before")
    @classmethod
    def _format_1_0(cls, data: object) -> object:
        return _legacy(data)

    @model_validator(mode="after")
    def _has_source(self) -> AnswerAlert:
        _sourced(self.references)
        return self
