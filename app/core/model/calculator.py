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
    volume_ml: float = Field(default=0.1, gt=0)
    rate_ml_per_h: float = Field(default=0.1, gt=0)


class WeightBasedDose(Strict):
    """dose = weight x mg/kg, capped at max_dose_mg; volume = dose / concentration; rate over the time."""

    formula: Literal["weight-based-dose"]
    weight: NumberInput
    dose_per_kg: NumberInput
    concentration: NumberInput
    infusion_minutes: NumberInput
    max_dose_mg: float = Field(gt=0)
    rounding: Rounding = Field(default_factory=Rounding)
    references: RefIds


class DeviceCount(Strict):
    """Fixed-dose device products: dose -> devices, sprays and the minimum time the doses take."""

    formula: Literal["device-count"]
    dose_label: Text = "Dose"
    allowed_doses_mg: list[float] = Field(min_length=1)
    mg_per_device: float = Field(gt=0)
    sprays_per_device: int = Field(ge=1)
    wait_minutes_between_devices: int = Field(ge=0)
    max_dose_mg: float = Field(gt=0)
    references: RefIds

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
    calculation: Calculation
