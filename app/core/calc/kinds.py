"""Conversions, named formulas, a dose from a level and rounding to stocked strengths.

The same rules as the dose calculators (app.core.calc): Decimal arithmetic from the inputs' text,
inputs refused outside their declared bounds, each result rounded half-up to its declared step,
and the working shown line by line. The formulas and their sources are listed in docs/authoring.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import ROUND_FLOOR, Decimal

from app.core.calc.strengths import available_strengths_result
from app.core.calc.values import CalcInput, CalcResult, InputError, Quantity, dec, fmt, round_to_step
from app.core.model.formulas import (
    AdjustedBodyWeight,
    AvailableStrengths,
    CockcroftGault,
    Conversion,
    Devine,
    DoseFromLevel,
    Mosteller,
    SexInput,
)
from app.core.model.inputs import NumberInput, Output

Kind = (
    Conversion | CockcroftGault | Mosteller | Devine | AdjustedBodyWeight | DoseFromLevel | AvailableStrengths
)
FEMALE, MALE = Decimal(0), Decimal(1)
UMOL_PER_MG_DL = Decimal("88.4")
"""Creatinine: 1 mg/dL = 88.4 umol/L."""
CM_PER_INCH = Decimal("2.54")
DEVINE_BASE = {FEMALE: Decimal("45.5"), MALE: Decimal(50)}
DEVINE_MIN_CM = Decimal("152.4")
"""Devine's formula counts inches over 5 feet; it was not derived for shorter adults."""
NUMBER_INPUTS = {
    Conversion: ("amount",),
    CockcroftGault: ("age", "weight", "creatinine"),
    Mosteller: ("height", "weight"),
    Devine: ("height",),
    AdjustedBodyWeight: ("height", "weight"),
    DoseFromLevel: ("current_dose", "measured_level", "target_level"),
    AvailableStrengths: ("dose",),
}


def number_input(name: str, spec: NumberInput) -> CalcInput:
    default = dec(spec.default) if spec.default is not None else None
    return CalcInput(
        name, spec.label, spec.unit, dec(spec.min), dec(spec.max), default, dec(spec.step), spec.help
    )


def _sex_input(spec: SexInput) -> CalcInput:
    choices = (FEMALE, MALE)
    return CalcInput("sex", spec.label, "", FEMALE, MALE, None, MALE, None, choices, (spec.female, spec.male))


def kind_inputs(calculation: Kind) -> list[CalcInput]:
    """The inputs a calculation declares, in the order a form shows them."""
    found = [number_input(name, getattr(calculation, name)) for name in NUMBER_INPUTS[type(calculation)]]
    if isinstance(calculation, CockcroftGault | Devine | AdjustedBodyWeight):
        found.append(_sex_input(calculation.sex))
    return found


def _quantity(spec: CalcInput, value: Decimal) -> Quantity:
    word = spec.choice_labels[spec.choices.index(value)] if spec.choice_labels else None
    return Quantity(spec.name, spec.label, value, spec.unit, word)


def _out(name: str, output: Output, value: Decimal) -> Quantity:
    return Quantity(name, output.label, round_to_step(value, dec(output.step)), output.unit)


def _rounding(output: Output) -> str:
    return f"{output.label.lower()} to the nearest {fmt(dec(output.step))} {output.unit} (halves round up)"


def _result(
    spec: Kind, v: dict[str, Decimal], results: tuple[Quantity, ...], working: list[str]
) -> CalcResult:
    """A result without warnings or caps; callers replace what differs."""
    inputs = tuple(_quantity(i, v[i.name]) for i in kind_inputs(spec))
    rounding = _rounding(spec.result) if not isinstance(spec, AvailableStrengths) else ""
    return CalcResult(
        spec.formula, inputs, results, tuple(working), rounding, (), False, False, tuple(spec.references)
    )


def _conversion(spec: Conversion, v: dict[str, Decimal]) -> CalcResult:
    to, start = dec(spec.equivalence.to_amount), dec(spec.equivalence.from_amount)
    out = _out("result", spec.result, v["amount"] * to / start)
    working = [
        f"Equivalence: {fmt(start)} {spec.amount.unit} = {fmt(to)} {spec.result.unit}",
        f"{spec.result.label} = {fmt(v['amount'])} {spec.amount.unit} \u00d7 {fmt(to)} \u00f7 {fmt(start)} "
        f"= {out.text()}",
    ]
    return _result(spec, v, (out,), working)


def _sex_word(spec: SexInput, sex: Decimal) -> str:
    return (spec.female if sex == FEMALE else spec.male).lower()


def _cockcroft_gault(spec: CockcroftGault, v: dict[str, Decimal]) -> CalcResult:
    per_dl = v["creatinine"] if spec.creatinine.unit == "mg/dL" else v["creatinine"] / UMOL_PER_MG_DL
    factor = Decimal("0.85") if v["sex"] == FEMALE else Decimal(1)
    clearance = (140 - v["age"]) * v["weight"] * factor / (72 * per_dl)
    out = _out("clearance", spec.result, clearance)
    working = []
    if spec.creatinine.unit != "mg/dL":
        working.append(f"Creatinine = {fmt(v['creatinine'])} umol/L \u00f7 88.4 = {per_dl:.3f} mg/dL")
    working.append(
        f"Clearance = (140 - {fmt(v['age'])}) \u00d7 {fmt(v['weight'])} kg \u00d7 {fmt(factor)} "
        f"({_sex_word(spec.sex, v['sex'])}) \u00f7 (72 \u00d7 {per_dl:.3f}) = {out.text()}"
    )
    return _result(spec, v, (out,), working)


def _mosteller(spec: Mosteller, v: dict[str, Decimal]) -> CalcResult:
    area = (v["height"] * v["weight"] / 3600).sqrt()
    out = _out("bsa", spec.result, area)
    working = [f"BSA = \u221a({fmt(v['height'])} cm \u00d7 {fmt(v['weight'])} kg \u00f7 3600) = {out.text()}"]
    return _result(spec, v, (out,), working)


def _devine(height_cm: Decimal, sex: Decimal) -> tuple[Decimal, str, list[str]]:
    inches = height_cm / CM_PER_INCH
    ideal = DEVINE_BASE[sex] + Decimal("2.3") * (inches - 60)
    if ideal <= 0:
        raise InputError(f"Height {fmt(height_cm)} cm is too short for the Devine formula to give a weight.")
    line = f"Ideal = {fmt(DEVINE_BASE[sex])} + 2.3 \u00d7 ({inches:.2f} in - 60)"
    warnings = []
    if height_cm < DEVINE_MIN_CM:
        warnings.append(
            f"The Devine formula was derived for heights of {fmt(DEVINE_MIN_CM)} cm (60 inches) and over; "
            f"at {fmt(height_cm)} cm it extrapolates. Use with care."
        )
    return ideal, line, warnings


def _ideal(spec: Devine, v: dict[str, Decimal]) -> CalcResult:
    ideal, line, warnings = _devine(v["height"], v["sex"])
    out = _out("ideal_weight", spec.result, ideal)
    result = _result(spec, v, (out,), [f"{line} = {out.text()} ({_sex_word(spec.sex, v['sex'])})"])
    return _with(result, warnings=tuple(warnings))


def _adjusted(spec: AdjustedBodyWeight, v: dict[str, Decimal]) -> CalcResult:
    ideal, line, warnings = _devine(v["height"], v["sex"])
    ideal_q = _out("ideal_weight", spec.result, ideal)
    ideal_q = Quantity(ideal_q.name, "Ideal body weight (Devine)", ideal_q.value, ideal_q.unit)
    factor = dec(spec.factor)
    working = [f"{line} = {ideal_q.text()} ({_sex_word(spec.sex, v['sex'])})"]
    if v["weight"] <= ideal:
        adjusted = v["weight"]
        warnings.append("The actual weight is at or below the ideal weight: the actual weight is the result.")
        working.append(f"Adjusted = actual weight = {fmt(v['weight'])} kg")
    else:
        adjusted = ideal + factor * (v["weight"] - ideal)
        working.append(
            f"Adjusted = ideal + {fmt(factor)} \u00d7 ({fmt(v['weight'])} kg - ideal) = "
            f"{fmt(round_to_step(adjusted, dec(spec.result.step)))} kg"
        )
    out = _out("adjusted_weight", spec.result, adjusted)
    return _with(_result(spec, v, (ideal_q, out), working), warnings=tuple(warnings))


def _dose_from_level(spec: DoseFromLevel, v: dict[str, Decimal]) -> CalcResult:
    maximum, step = dec(spec.max_dose), dec(spec.result.step)
    raw = v["current_dose"] * v["target_level"] / v["measured_level"]
    dose = round_to_step(min(raw, maximum), step)
    if dose > maximum:  # the maximum is off the rounding grid: round down, never above it
        dose = round_to_step(maximum, step, ROUND_FLOOR)
    unit, level_unit = spec.current_dose.unit, spec.measured_level.unit
    working = [
        f"New dose = {fmt(v['current_dose'])} {unit} \u00d7 {fmt(v['target_level'])} {level_unit} "
        f"\u00f7 {fmt(v['measured_level'])} {level_unit} = {fmt(round_to_step(raw, step))} {unit}"
    ]
    warnings: list[str] = []
    if raw > maximum:
        warnings.append(
            f"The calculated dose exceeds the maximum of {fmt(maximum)} {unit}: the dose shown is capped. "
            "Check the level and the timing of the sample."
        )
        working.append(f"Capped at the maximum of {fmt(maximum)} {unit}")
    out = Quantity("dose", spec.result.label, dose, unit)
    result = _result(spec, v, (out,), working)
    return _with(result, warnings=tuple(warnings), capped=raw > maximum, at_maximum=raw >= maximum)


def _with(result: CalcResult, **changes: object) -> CalcResult:
    return replace(result, **changes)  # type: ignore[arg-type]


def compute_kind(calculation: Kind, v: dict[str, Decimal]) -> CalcResult:
    """The result of a calculation whose inputs are already checked against their bounds."""
    handlers: dict[type, Callable[..., CalcResult]] = {
        Conversion: _conversion,
        CockcroftGault: _cockcroft_gault,
        Mosteller: _mosteller,
        Devine: _ideal,
        AdjustedBodyWeight: _adjusted,
        DoseFromLevel: _dose_from_level,
        AvailableStrengths: available_strengths_result,
    }
    return handlers[type(calculation)](calculation, v)
