"""Value types every calculator shares: Decimal helpers, checked inputs, quantities and results."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

Number = Decimal | float | int | str


class InputError(ValueError):
    """An input is missing, not a number, or outside its declared bounds."""


def dec(value: Number) -> Decimal:
    """A Decimal from text or a number, via its shortest text form (0.1 stays 0.1)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value).strip())


def fmt(value: Decimal) -> str:
    """35.0 -> 35, 52.50 -> 52.5: plain digits, never an exponent."""
    text = format(value.normalize(), "f")
    return "0" if text in {"-0", ""} else text


def json_number(value: Decimal) -> int | float:
    """35 stays 35 and 52.5 stays 52.5 in JSON (the value is already rounded to its step)."""
    return int(value) if value == value.to_integral_value() else float(value)


def round_to_step(value: Decimal, step: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round to a multiple of `step` (0.5 rounds to the nearest half); half-up unless told."""
    multiple = (value / step).quantize(Decimal(1), rounding=rounding)
    return (multiple * step).normalize()


@dataclass(frozen=True)
class CalcInput:
    """One input as the command line and the calculator view offer it."""

    name: str
    label: str
    unit: str
    min: Decimal
    max: Decimal
    default: Decimal | None
    step: Decimal
    help: str | None = None
    choices: tuple[Decimal, ...] = ()
    choice_labels: tuple[str, ...] = ()
    """Words for the choices (`female`, `male`): typed or picked instead of their values."""

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def bounds_text(self) -> str:
        if self.choice_labels:
            return "one of " + ", ".join(self.choice_labels)
        if self.choices:
            return "one of " + ", ".join(fmt(c) for c in self.choices) + f" {self.unit}"
        return f"{fmt(self.min)} to {fmt(self.max)} {self.unit}"

    def check(self, raw: Number | None) -> Decimal:
        """The value as a Decimal, or InputError naming the bounds."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            named = f"{self.label} ({self.unit})" if self.unit else self.label
            raise InputError(f"{named} is needed: enter {self.bounds_text()}.")
        if self.choice_labels:
            return self._labelled(raw)
        try:
            value = dec(raw)
        except InvalidOperation:
            raise InputError(f"{self.label}: {str(raw)!r} is not a number.") from None
        if not value.is_finite():
            raise InputError(f"{self.label}: {str(raw)!r} is not a number.")
        if self.choices and value not in self.choices:
            raise InputError(
                f"{self.label}: {fmt(value)} {self.unit} is not an allowed dose; "
                f"allowed: {self.bounds_text()}."
            )
        if not self.min <= value <= self.max:
            raise InputError(
                f"{self.label}: {fmt(value)} {self.unit} is outside the allowed range "
                f"({self.bounds_text()}); it was refused, not adjusted."
            )
        return value

    def _labelled(self, raw: Number) -> Decimal:
        words = [label.casefold() for label in self.choice_labels]
        text = str(raw).strip().casefold()
        if text in words:
            return self.choices[words.index(text)]
        try:
            if dec(text) in self.choices:
                return dec(text)
        except InvalidOperation:
            pass
        raise InputError(f"{self.label}: {str(raw)!r} is not a choice; enter {self.bounds_text()}.")


@dataclass(frozen=True)
class Quantity:
    """A labelled number with its unit."""

    name: str
    label: str
    value: Decimal
    unit: str
    word: str | None = None
    """How a choice is shown (`female`) instead of its value."""

    def text(self) -> str:
        return self.word if self.word is not None else f"{fmt(self.value)} {self.unit}".rstrip()


@dataclass(frozen=True)
class CalcResult:
    """Everything a view or the command line shows: inputs, results, the working and its caveats."""

    formula: str
    inputs: tuple[Quantity, ...]
    results: tuple[Quantity, ...]
    working: tuple[str, ...]
    rounding: str
    warnings: tuple[str, ...]
    capped: bool
    at_maximum: bool
    references: tuple[str, ...]

    def result(self, name: str) -> Decimal:
        return next(q.value for q in self.results if q.name == name)

    def as_dict(self) -> dict[str, Any]:
        def quantities(items: tuple[Quantity, ...]) -> dict[str, Any]:
            return {q.name: {"value": json_number(q.value), "unit": q.unit, "label": q.label} for q in items}

        return {
            "formula": self.formula,
            "inputs": quantities(self.inputs),
            "results": quantities(self.results),
            "working": list(self.working),
            "rounding": self.rounding,
            "warnings": list(self.warnings),
            "capped": self.capped,
            "at_maximum": self.at_maximum,
            "references": list(self.references),
        }
