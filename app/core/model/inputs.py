"""Calculator inputs and outputs: a number with a unit, hard bounds and a rounding step."""

from __future__ import annotations

from pydantic import Field, model_validator

from app.core.model.common import Strict, Text


class NumberInput(Strict):
    """An input with a unit and hard bounds; values outside them are refused, never clamped."""

    label: Text
    """What the form and the command line call the input."""
    unit: Text
    """Unit the value is entered in; formulas with fixed units check it (`kg`, `cm`, `years`)."""
    min: float
    """Smallest value accepted (inclusive)."""
    max: float
    """Largest value accepted (inclusive)."""
    default: float | None = None
    """Value used when the input is left empty; leave it out to make the input required."""
    step: float = Field(default=1.0, gt=0)
    """Increment a form suggests; it does not round what is typed."""
    help: Text | None = None
    """One line shown beside the input."""

    @model_validator(mode="after")
    def _bounds(self) -> NumberInput:
        if self.min >= self.max:
            raise ValueError("`min` must be below `max`")
        if self.default is not None and not self.min <= self.default <= self.max:
            raise ValueError("`default` must lie between `min` and `max`")
        return self


class Output(Strict):
    """How a result is shown: its label, its unit and the step it is rounded to (halves round up)."""

    label: Text
    """What the result is called on screen."""
    unit: Text
    """Unit of the result; formulas with a fixed unit check it."""
    step: float = Field(default=0.1, gt=0)
    """The result is rounded to a multiple of this: 0.1, 0.5, 1, 25."""
