"""Calculator kinds beyond doses by weight and device counts: unit and salt-form conversions, named
standard formulas, a dose from a measured level, and rounding to the strengths a site stocks.

Each kind is a fixed formula with a name; the pack declares only labels, bounds, rounding steps and
sources. Nothing written in a pack is evaluated. Input units are fixed by the formula (a weight is in
kg) and checked, so that a label can never disagree with the arithmetic behind it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from app.core.model.common import RefIds, Strict, Text
from app.core.model.inputs import NumberInput, Output


def _unit(spec: NumberInput, field: str, allowed: tuple[str, ...]) -> None:
    if spec.unit not in allowed:
        raise ValueError(f"`{field}` must be in {' or '.join(allowed)}, found `{spec.unit}`")


class Equivalence(Strict):
    """`from_amount` of the input equals `to_amount` of the result: 400 mg lithium carbonate = 10.8 mmol."""

    from_amount: float = Field(gt=0)
    """Amount of the input, in the input's unit, that the equivalence starts from."""
    to_amount: float = Field(gt=0)
    """The same quantity expressed in the result's unit."""


class Conversion(Strict):
    """result = amount x to_amount / from_amount: units, salt forms or preparations."""

    formula: Literal["conversion"]
    """Selects this calculator kind."""
    amount: NumberInput
    """The value to convert, with its unit and bounds."""
    equivalence: Equivalence
    """The stated equivalence the conversion uses, taken from the source cited."""
    result: Output
    """Label, unit and rounding step of the converted value."""
    references: RefIds
    """Sources of the equivalence."""


class SexInput(Strict):
    """The labels a form shows for the sex a formula needs (the factor is the formula's own)."""

    label: Text = "Sex"
    """Label of the choice."""
    female: Text = "Female"
    """Label of the female choice."""
    male: Text = "Male"
    """Label of the male choice."""


class CockcroftGault(Strict):
    """Creatinine clearance (mL/min) = (140 - age) x weight x (0.85 if female) / (72 x creatinine in
    mg/dL); creatinine in umol/L is divided by 88.4 first (Cockcroft and Gault 1976)."""

    formula: Literal["cockcroft-gault"]
    """Selects this calculator kind."""
    age: NumberInput
    """Age in `years`."""
    weight: NumberInput
    """Body weight in `kg`; say in its label which weight the site uses (actual, ideal, adjusted)."""
    creatinine: NumberInput
    """Serum creatinine in `umol/L` or `mg/dL`; the unit chooses the conversion."""
    sex: SexInput = Field(default_factory=SexInput)
    """Labels of the sex choice."""
    result: Output
    """Label and rounding step of the clearance (unit mL/min)."""
    references: RefIds
    """Sources: the formula's paper and the site's guidance on its use."""

    @model_validator(mode="after")
    def _units(self) -> CockcroftGault:
        _unit(self.age, "age", ("years",))
        _unit(self.weight, "weight", ("kg",))
        _unit(self.creatinine, "creatinine", ("umol/L", "mg/dL"))
        _unit_out(self.result, "mL/min")
        return self


class Mosteller(Strict):
    """Body surface area (m2) = square root of (height in cm x weight in kg / 3600) (Mosteller 1987)."""

    formula: Literal["bsa-mosteller"]
    """Selects this calculator kind."""
    height: NumberInput
    """Height in `cm`."""
    weight: NumberInput
    """Body weight in `kg`."""
    result: Output
    """Label and rounding step of the surface area (unit m2)."""
    references: RefIds
    """Sources of the formula."""

    @model_validator(mode="after")
    def _units(self) -> Mosteller:
        _unit(self.height, "height", ("cm",))
        _unit(self.weight, "weight", ("kg",))
        _unit_out(self.result, "m2")
        return self


class Devine(Strict):
    """Ideal body weight (kg) = 50 (male) or 45.5 (female) + 2.3 per inch of height over 60 inches
    (Devine 1974); heights under 152.4 cm get a warning, as the formula was not made for them."""

    formula: Literal["ibw-devine"]
    """Selects this calculator kind."""
    height: NumberInput
    """Height in `cm`."""
    sex: SexInput = Field(default_factory=SexInput)
    """Labels of the sex choice."""
    result: Output
    """Label and rounding step of the ideal body weight (unit kg)."""
    references: RefIds
    """Sources of the formula."""

    @model_validator(mode="after")
    def _units(self) -> Devine:
        _unit(self.height, "height", ("cm",))
        _unit_out(self.result, "kg")
        return self


class AdjustedBodyWeight(Strict):
    """Adjusted body weight (kg) = ideal + factor x (actual - ideal), the ideal weight by Devine;
    the factor is 0.4 by the common convention. When the actual weight is at or below the ideal,
    the actual weight is the result and a warning says so."""

    formula: Literal["adjusted-body-weight"]
    """Selects this calculator kind."""
    height: NumberInput
    """Height in `cm`."""
    weight: NumberInput
    """Actual body weight in `kg`."""
    sex: SexInput = Field(default_factory=SexInput)
    """Labels of the sex choice."""
    factor: float = Field(default=0.4, ge=0.1, le=0.9)
    """Share of the weight above ideal that is added back (0.4 unless the source says otherwise)."""
    result: Output
    """Label and rounding step of the adjusted weight (unit kg)."""
    references: RefIds
    """Sources of the formula and of the factor."""

    @model_validator(mode="after")
    def _units(self) -> AdjustedBodyWeight:
        _unit(self.height, "height", ("cm",))
        _unit(self.weight, "weight", ("kg",))
        _unit_out(self.result, "kg")
        return self


class DoseFromLevel(Strict):
    """new dose = current dose x target level / measured level, capped at `max_dose`: the
    proportional adjustment for a drug with linear kinetics at steady state."""

    formula: Literal["dose-from-level"]
    """Selects this calculator kind."""
    current_dose: NumberInput
    """The current daily dose."""
    measured_level: NumberInput
    """The steady-state level measured on that dose."""
    target_level: NumberInput
    """The level aimed for, in the same unit as the measured level."""
    max_dose: float = Field(gt=0)
    """The result never exceeds this (in the dose's unit); a capped result is flagged."""
    result: Output
    """Label, unit (the dose's unit) and rounding step of the new dose."""
    references: RefIds
    """Sources that support a proportional adjustment for this drug."""

    @model_validator(mode="after")
    def _units(self) -> DoseFromLevel:
        if self.measured_level.unit != self.target_level.unit:
            raise ValueError("`target_level` must use the unit of `measured_level`")
        _unit_out(self.result, self.current_dose.unit)
        return self


class Strength(Strict):
    """One product strength a site stocks: a tablet, capsule or measured volume."""

    amount: float = Field(gt=0)
    """The dose one unit holds, in the dose's unit."""
    label: Text
    """What the unit is called on screen: `400 mg tablet`."""


class AvailableStrengths(Strict):
    """The requested dose rounded to what the stocked strengths can make, with the fewest units."""

    formula: Literal["available-strengths"]
    """Selects this calculator kind."""
    dose: NumberInput
    """The dose asked for."""
    strengths: list[Strength] = Field(min_length=1, max_length=6)
    """The strengths stocked; the result uses the fewest units that make the rounded dose."""
    unit_name: Text = "units"
    """What the counted things are called: `tablets`, `capsules`, `sachets`."""
    max_units: int = Field(default=8, ge=1, le=20)
    """More units than this per dose is refused as impractical (and flagged as a likely error)."""
    rounding: Literal["nearest", "down"] = "nearest"
    """`nearest` (halves round down, towards the lower dose) or always `down`."""
    references: RefIds
    """Sources of the products and of the rounding practice."""

    @model_validator(mode="after")
    def _distinct(self) -> AvailableStrengths:
        amounts = [s.amount for s in self.strengths]
        if len(set(amounts)) != len(amounts):
            raise ValueError("each strength may be listed once")
        return self


def _unit_out(output: Output, unit: str) -> None:
    if output.unit != unit:
        raise ValueError(f"`result` unit must be `{unit}` for this formula, found `{output.unit}`")


FormulaKind = (
    Conversion | CockcroftGault | Mosteller | Devine | AdjustedBodyWeight | DoseFromLevel | AvailableStrengths
)


def describe_calculation(calculation: FormulaKind) -> str:
    """One plain sentence for the outline, search and diff: what the calculator computes and how."""
    spec = calculation
    if isinstance(spec, Conversion):
        eq = spec.equivalence
        return (
            f"{spec.result.label} from {spec.amount.label.lower()}: {eq.from_amount:g} {spec.amount.unit} "
            f"= {eq.to_amount:g} {spec.result.unit}."
        )
    if isinstance(spec, CockcroftGault):
        return (
            f"{spec.result.label} by Cockcroft-Gault: (140 - age) x weight x 0.85 if female, divided by "
            f"72 x serum creatinine in mg/dL (creatinine entered in {spec.creatinine.unit})."
        )
    if isinstance(spec, Mosteller):
        return f"{spec.result.label} by Mosteller: square root of height (cm) x weight (kg) / 3600."
    if isinstance(spec, Devine):
        return (
            f"{spec.result.label} by Devine: 50 kg (male) or 45.5 kg (female) + 2.3 kg per inch over 5 feet."
        )
    if isinstance(spec, AdjustedBodyWeight):
        return (
            f"{spec.result.label}: ideal weight (Devine) + {spec.factor:g} x (actual weight - ideal weight)."
        )
    if isinstance(spec, DoseFromLevel):
        return (
            f"{spec.result.label}: current dose x target level / measured level, "
            f"at most {spec.max_dose:g} {spec.current_dose.unit}."
        )
    stocked = ", ".join(s.label for s in spec.strengths)
    return f"{spec.dose.label} rounded to what {stocked} make, at most {spec.max_units} {spec.unit_name}."
