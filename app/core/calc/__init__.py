"""Dose calculators: pure functions over the pack's declarations, returning value types.

Arithmetic is Decimal throughout: inputs are converted from their text (never through binary floats),
and each result is rounded half-up to the step the pack declares (0.1 mg, 0.5 mL, ...), so 0.1 + 0.2
is 0.3 and a printed result is exactly the number that was computed. Inputs outside their declared
bounds are refused with a message naming the bounds; nothing is clamped or extrapolated.

Order of work for a weight-based dose: dose = weight x mg/kg, capped at `max_dose_mg` (flagged),
rounded to the dose step (never above the maximum); volume = rounded dose / concentration, rounded to
the volume step; rate = rounded volume / minutes x 60, rounded to the rate step. The rate uses the
rounded volume because that is the volume drawn up and shown on screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from app.core.calc.kinds import compute_kind, kind_inputs, number_input
from app.core.calc.values import (
    CalcInput,
    CalcResult,
    InputError,
    Number,
    Quantity,
    dec,
    fmt,
    json_number,
    round_to_step,
)
from app.core.model.calculator import Calculation, DeviceCount, WeightBasedDose

WEIGHT_INPUTS = ("weight", "dose_per_kg", "concentration", "infusion_minutes")
__all__ = [
    "CalcInput",
    "CalcResult",
    "InputError",
    "Number",
    "Quantity",
    "calc_inputs",
    "calculate",
    "checked_values",
    "dec",
    "device_count",
    "fmt",
    "json_number",
    "round_to_step",
    "weight_based_dose",
]


def calc_inputs(calculation: Calculation) -> list[CalcInput]:
    """The inputs a calculation declares, in the order a form shows them."""
    if isinstance(calculation, WeightBasedDose):
        return [number_input(name, getattr(calculation, name)) for name in WEIGHT_INPUTS]
    if not isinstance(calculation, DeviceCount):
        return kind_inputs(calculation)
    doses = tuple(sorted(dec(d) for d in calculation.allowed_doses_mg))
    step = dec(calculation.mg_per_device)
    return [
        CalcInput(
            "dose",
            calculation.dose_label,
            "mg",
            doses[0],
            dec(calculation.max_dose_mg),
            None,
            step,
            None,
            doses,
        )
    ]


@dataclass(frozen=True)
class WeightDose:
    """The numbers of a weight-based dose, before they are dressed for display."""

    raw_dose_mg: Decimal
    dose_mg: Decimal
    volume_ml: Decimal
    rate_ml_per_h: Decimal
    capped: bool
    at_maximum: bool


def weight_based_dose(
    spec: WeightBasedDose, weight: Number, dose_per_kg: Number, concentration: Number, minutes: Number
) -> WeightDose:
    """Dose capped at the maximum, volume and pump rate; inputs already within bounds are assumed."""
    maximum = dec(spec.max_dose_mg)
    raw = dec(weight) * dec(dose_per_kg)
    dose = round_to_step(min(raw, maximum), dec(spec.rounding.dose_mg))
    if dose > maximum:  # the maximum is not on the rounding grid: round down instead, never above it
        dose = round_to_step(maximum, dec(spec.rounding.dose_mg), ROUND_FLOOR)
    volume = round_to_step(dose / dec(concentration), dec(spec.rounding.volume_ml))
    rate = round_to_step(volume / dec(minutes) * 60, dec(spec.rounding.rate_ml_per_h))
    return WeightDose(raw, dose, volume, rate, raw > maximum, raw >= maximum)


@dataclass(frozen=True)
class Devices:
    devices: int
    sprays: int
    wait_minutes: int
    at_maximum: bool


def device_count(spec: DeviceCount, dose_mg: Number) -> Devices:
    """Devices, sprays and the minimum time the waits between devices take."""
    devices = int(dec(dose_mg) / dec(spec.mg_per_device))
    wait = (devices - 1) * spec.wait_minutes_between_devices
    return Devices(devices, devices * spec.sprays_per_device, wait, dec(dose_mg) >= dec(spec.max_dose_mg))


def checked_values(calculation: Calculation, values: Mapping[str, Number | None]) -> dict[str, Decimal]:
    """Every declared input, defaulted where the pack declares a default; InputError otherwise."""
    checked = {}
    for spec in calc_inputs(calculation):
        raw = values.get(spec.name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            raw = spec.default
        checked[spec.name] = spec.check(raw)
    return checked


def calculate(calculation: Calculation, values: Mapping[str, Number | None]) -> CalcResult:
    """Check the inputs against their bounds, then compute; raises InputError for a refused input."""
    checked = checked_values(calculation, values)
    if isinstance(calculation, WeightBasedDose):
        return _weight_result(calculation, checked)
    if isinstance(calculation, DeviceCount):
        return _device_result(calculation, checked["dose"])
    return compute_kind(calculation, checked)


def _weight_result(spec: WeightBasedDose, v: dict[str, Decimal]) -> CalcResult:
    out = weight_based_dose(spec, v["weight"], v["dose_per_kg"], v["concentration"], v["infusion_minutes"])
    inputs = tuple(Quantity(i.name, i.label, v[i.name], i.unit) for i in calc_inputs(spec))
    maximum = fmt(dec(spec.max_dose_mg))
    dose_line = (
        f"Dose = {fmt(v['weight'])} kg \u00d7 {fmt(v['dose_per_kg'])} mg/kg = {fmt(out.raw_dose_mg)} mg"
    )
    if out.capped:
        dose_line += f", capped at the maximum of {maximum} mg"
    working = (
        dose_line,
        f"Volume = {fmt(out.dose_mg)} mg \u00f7 {fmt(v['concentration'])} mg/mL = {fmt(out.volume_ml)} mL",
        f"Rate = {fmt(out.volume_ml)} mL \u00f7 {fmt(v['infusion_minutes'])} min \u00d7 60 = "
        f"{fmt(out.rate_ml_per_h)} mL/h",
    )
    r = spec.rounding
    rounding = (
        f"dose to the nearest {fmt(dec(r.dose_mg))} mg, volume to the nearest {fmt(dec(r.volume_ml))} mL, "
        f"rate to the nearest {fmt(dec(r.rate_ml_per_h))} mL/h (halves round up); "
        "the rate uses the rounded volume."
    )
    warnings = []
    if out.capped:
        warnings.append(
            f"The calculated dose ({fmt(out.raw_dose_mg)} mg) exceeds the maximum of {maximum} mg: "
            f"the dose shown is capped at {maximum} mg. Check the inputs."
        )
    elif out.at_maximum:
        warnings.append(f"The dose is at the calculator's maximum of {maximum} mg.")
    results = (
        Quantity("dose_mg", "Dose", out.dose_mg, "mg"),
        Quantity("volume_ml", "Volume", out.volume_ml, "mL"),
        Quantity("rate_ml_per_h", "Pump rate", out.rate_ml_per_h, "mL/h"),
    )
    return CalcResult(
        formula=spec.formula,
        inputs=inputs,
        results=results,
        working=working,
        rounding=rounding,
        warnings=tuple(warnings),
        capped=out.capped,
        at_maximum=out.at_maximum,
        references=tuple(spec.references),
    )


def _device_result(spec: DeviceCount, dose: Decimal) -> CalcResult:
    out = device_count(spec, dose)
    per_device, wait = fmt(dec(spec.mg_per_device)), spec.wait_minutes_between_devices
    working = (
        f"Devices = {fmt(dose)} mg \u00f7 {per_device} mg per device = {out.devices}",
        f"Sprays = {out.devices} devices \u00d7 {spec.sprays_per_device} sprays = {out.sprays}",
        f"Waiting = ({out.devices} - 1) \u00d7 {wait} min = {out.wait_minutes} min from first to last device",
    )
    warnings: tuple[str, ...] = ()
    if out.at_maximum:
        warnings = (f"{fmt(dose)} mg is the maximum dose per session ({fmt(dec(spec.max_dose_mg))} mg).",)
    results = (
        Quantity("devices", "Devices", Decimal(out.devices), "devices"),
        Quantity("sprays", "Sprays", Decimal(out.sprays), "sprays"),
        Quantity("wait_minutes", "Minimum time for the waits", Decimal(out.wait_minutes), "min"),
    )
    return CalcResult(
        spec.formula,
        (Quantity("dose", spec.dose_label, dose, "mg"),),
        results,
        working,
        "none (only whole-device doses are accepted)",
        warnings,
        False,
        out.at_maximum,
        tuple(spec.references),
    )
