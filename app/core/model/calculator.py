"""Declarative dose calculators. No expressions are evaluated: each formula is a named kind."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, model_validator

from app.core.model.common import RefIds, Strict, Text
from app.core.model.document import DocumentMeta
from app.core.model.formulas import (
    AdjustedBodyWeight,
    AvailableStrengths,
    CockcroftGault,
    Conversion,
    Devine,
    DoseFromLevel,
    Mosteller,
)
from app.core.model.inputs import NumberInput


class Rounding(Strict):
    """Steps that results are rounded to (0.5 rounds to the nearest half)."""

    dose_mg: float = Field(default=0.1, gt=0)
    """Step the dose is rounded to, in mg (halves round up; never above the maximum)."""
    volume_ml: float = Field(default=0.1, gt=0)
    """Step the volume is rounded to, in mL."""
    rate_ml_per_h: float = Field(default=0.1, gt=0)
    """Step the pump rate is rounded to, in mL/h."""


class WeightBasedDose(Strict):
    """dose = weight x mg/kg, capped at max_dose_mg; volume = dose / concentration; rate over the time."""

    formula: Literal["weight-based-dose"]
    """Selects this calculator kind."""
    weight: NumberInput
    """Body weight input (unit kg)."""
    dose_per_kg: NumberInput
    """Dose per kg input (unit mg/kg)."""
    concentration: NumberInput
    """Concentration of the prepared infusion (mg/mL)."""
    infusion_minutes: NumberInput
    """Infusion time (minutes)."""
    max_dose_mg: float = Field(gt=0)
    """The dose never exceeds this; a capped dose is flagged."""
    rounding: Rounding = Field(default_factory=Rounding)
    """Rounding steps for dose, volume and rate."""
    references: RefIds
    """Sources of the dosing."""


class DeviceCount(Strict):
    """Fixed-dose device products: dose -> devices, sprays and the minimum time the doses take."""

    formula: Literal["device-count"]
    """Selects this calculator kind."""
    dose_label: Text = "Dose"
    """Label of the dose choice."""
    allowed_doses_mg: list[float] = Field(min_length=1)
    """The doses that may be chosen, each a whole number of devices."""
    mg_per_device: float = Field(gt=0)
    """The dose one device delivers."""
    sprays_per_device: int = Field(ge=1)
    """Sprays each device gives."""
    wait_minutes_between_devices: int = Field(ge=0)
    """Minutes to wait between devices."""
    max_dose_mg: float = Field(gt=0)
    """Largest dose per session."""
    references: RefIds
    """Sources of the product information."""

    @model_validator(mode="after")
    def _doses_fit_devices(self) -> DeviceCount:
        for dose in self.allowed_doses_mg:
            if dose > self.max_dose_mg:
                raise ValueError(f"allowed dose {dose:g} mg exceeds `max_dose_mg`")
            if abs(dose / self.mg_per_device - round(dose / self.mg_per_device)) > 1e-9:
                raise ValueError(f"allowed dose {dose:g} mg is not a whole number of devices")
        return self


Calculation = Annotated[
    WeightBasedDose
    | DeviceCount
    | Conversion
    | CockcroftGault
    | Mosteller
    | Devine
    | AdjustedBodyWeight
    | DoseFromLevel
    | AvailableStrengths,
    Field(discriminator="formula"),
]
CALCULATION_KINDS = (
    WeightBasedDose,
    DeviceCount,
    Conversion,
    CockcroftGault,
    Mosteller,
    Devine,
    AdjustedBodyWeight,
    DoseFromLevel,
    AvailableStrengths,
)
FORMULA_NAMES: tuple[str, ...] = tuple(
    get_args(kind.model_fields["formula"].annotation)[0] for kind in CALCULATION_KINDS
)


class Calculator(DocumentMeta):
    kind: Literal["calculator"]
    """Selects this document kind."""
    calculation: Calculation
    """The calculation: a named kind with its labels, bounds and rounding (see docs/authoring.md)."""
