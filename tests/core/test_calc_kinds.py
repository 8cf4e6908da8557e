"""Conversions, named formulas, dose from a level and stocked strengths: worked examples and bounds.

The expected values are worked by hand from each formula's paper (see docs/authoring.md), not taken
from the code: Cockcroft-Gault with creatinine in umol/L divided by 88.4; Mosteller's square root;
Devine's 50 or 45.5 kg plus 2.3 kg per inch over 60 inches.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import model
from app.core.calc import InputError, calc_inputs, calculate
from app.core.calc.strengths import reachable
from app.core.packs.loaded import Pack
from app.core.packs.loader import load_pack

D = Decimal
LITHIUM = Path(__file__).resolve().parents[1] / "data" / "packs" / "lithium-monitoring"


def _pack() -> Pack:
    loaded = load_pack(LITHIUM)
    assert isinstance(loaded, Pack), [p.format() for p in loaded.problems]
    return loaded


PACK = _pack()


def _calc(doc_id: str) -> model.calculator.Calculation:
    document = PACK.documents[doc_id]
    assert isinstance(document, model.Calculator)
    return document.calculation


def test_conversion_of_lithium_carbonate_to_mmol() -> None:
    """400 mg = 10.8 mmol, so 800 mg is 21.6 mmol and 1000 mg is 27 mmol."""
    spec = _calc("lithium-carbonate-to-mmol")
    assert calculate(spec, {"amount": "800"}).result("result") == D("21.6")
    assert calculate(spec, {"amount": "1000"}).result("result") == D("27")


def test_conversion_to_a_liquid_rounds_to_its_step() -> None:
    """400 mg carbonate = 10 mL citrate; 500 mg gives 12.5 mL and 450 mg 11.25 rounded to 11.5 mL."""
    spec = _calc("lithium-carbonate-to-citrate")
    assert calculate(spec, {"amount": "500"}).result("result") == D("12.5")
    result = calculate(spec, {"amount": "450"})
    assert result.result("result") == D("11.5")
    assert "mL" in result.results[0].text() and "0.5 mL" in result.rounding


@pytest.mark.parametrize(
    ("age", "weight", "creatinine", "sex", "expected"),
    [
        ("60", "70", "90", "female", "65"),  # 80 x 70 x 0.85 / (72 x 90/88.4) = 64.9
        ("60", "70", "90", "male", "76"),  # 80 x 70 / (72 x 1.0181) = 76.4
        ("40", "80", "88.4", "male", "111"),  # 100 x 80 / 72 = 111.1
    ],
)
def test_cockcroft_gault(age: str, weight: str, creatinine: str, sex: str, expected: str) -> None:
    """Creatinine clearance in mL/min, rounded to 1."""
    values = {"age": age, "weight": weight, "creatinine": creatinine, "sex": sex}
    result = calculate(_calc("creatinine-clearance"), values)
    assert result.result("clearance") == D(expected)
    assert {q.name: q.text() for q in result.inputs}["sex"] == sex.capitalize()


def test_mosteller_body_surface_area() -> None:
    """170 cm and 70 kg: square root of 3.306 is 1.82 m2; 180 cm and 90 kg: 2.12 m2."""
    spec = _calc("body-surface-area")
    assert calculate(spec, {"height": "170", "weight": "70"}).result("bsa") == D("1.82")
    assert calculate(spec, {"height": "180", "weight": "90"}).result("bsa") == D("2.12")


@pytest.mark.parametrize(
    ("height", "sex", "expected"),
    [
        ("170", "male", "65.9"),
        ("170", "female", "61.4"),
        ("152.4", "female", "45.5"),
        ("183", "male", "77.7"),
    ],
)
def test_devine_ideal_body_weight(height: str, sex: str, expected: str) -> None:
    """50 or 45.5 kg plus 2.3 kg for each inch over 60 inches (152.4 cm)."""
    result = calculate(_calc("ideal-body-weight"), {"height": height, "sex": sex})
    assert result.result("ideal_weight") == D(expected)
    assert not result.warnings


def test_devine_warns_below_five_feet() -> None:
    """Under 152.4 cm the formula extrapolates, and says so."""
    result = calculate(_calc("ideal-body-weight"), {"height": "145", "sex": "female"})
    assert any("152.4 cm" in w for w in result.warnings)


def test_adjusted_body_weight() -> None:
    """170 cm male, 110 kg: ideal 65.9 kg, adjusted 65.94 + 0.4 x 44.06 = 83.6 kg."""
    result = calculate(_calc("adjusted-body-weight"), {"height": "170", "weight": "110", "sex": "male"})
    assert result.result("ideal_weight") == D("65.9")
    assert result.result("adjusted_weight") == D("83.6")


def test_adjusted_body_weight_at_or_below_ideal_is_the_actual_weight() -> None:
    """A 60 kg man of 170 cm is under his ideal weight: the actual weight is used, with a warning."""
    result = calculate(_calc("adjusted-body-weight"), {"height": "170", "weight": "60", "sex": "male"})
    assert result.result("adjusted_weight") == D("60")
    assert result.warnings


def test_dose_from_level_is_proportional_and_rounded() -> None:
    """800 mg gave 0.5 mmol/L; for 0.7 mmol/L: 800 x 0.7 / 0.5 = 1120, to the nearest 200 mg: 1200."""
    result = calculate(
        _calc("lithium-dose-from-level"),
        {"current_dose": "800", "measured_level": "0.5", "target_level": "0.7"},
    )
    assert result.result("dose") == D("1200")
    assert not result.capped


def test_dose_from_level_is_capped_at_the_maximum() -> None:
    """1600 mg at 0.4 mmol/L aiming for 1.0 would be 4000 mg: capped at 2000 mg and flagged."""
    result = calculate(
        _calc("lithium-dose-from-level"),
        {"current_dose": "1600", "measured_level": "0.4", "target_level": "1"},
    )
    assert result.result("dose") == D("2000")
    assert result.capped and result.warnings


def test_target_level_defaults_from_the_pack() -> None:
    """The target level is optional: the pack's default of 0.7 mmol/L is used."""
    result = calculate(_calc("lithium-dose-from-level"), {"current_dose": "800", "measured_level": "0.7"})
    assert result.result("dose") == D("800")


@pytest.mark.parametrize(
    ("dose", "given", "tablets"),
    [("800", "800", {"count_400": 2}), ("950", "1000", {"count_400": 2, "count_200": 1}), ("300", "200", {})],
)
def test_available_strengths(dose: str, given: str, tablets: dict[str, int]) -> None:
    """The nearest dose 200 and 400 mg tablets make, with the fewest tablets; a tie goes lower."""
    result = calculate(_calc("lithium-tablet-count"), {"dose": dose})
    assert result.result("dose") == D(given)
    for name, count in tablets.items():
        assert result.result(name) == count
    assert "Total tablets" in [q.label for q in result.results]
    assert bool(result.warnings) is (dose != given)


def test_fewest_units_among_equal_doses() -> None:
    """With 1, 3 and 4 unit strengths, 6 is made as 3 + 3 (two units), not 4 + 1 + 1."""
    found = reachable((D(4), D(3), D(1)), 3)
    assert sum(found[D(6)]) == 2


@pytest.mark.parametrize(
    ("doc_id", "values"),
    [
        ("creatinine-clearance", {"age": "17", "weight": "70", "creatinine": "90", "sex": "male"}),
        ("creatinine-clearance", {"age": "60", "weight": "70", "creatinine": "90", "sex": "other"}),
        ("body-surface-area", {"height": "250", "weight": "70"}),
        ("lithium-carbonate-to-mmol", {"amount": "5000"}),
        ("lithium-dose-from-level", {"current_dose": "800", "measured_level": "0"}),
        ("lithium-tablet-count", {"dose": "nan"}),
    ],
)
def test_inputs_outside_bounds_are_refused(doc_id: str, values: dict[str, str]) -> None:
    """Out-of-range or unknown inputs raise InputError naming the input; nothing is clamped."""
    with pytest.raises(InputError):
        calculate(_calc(doc_id), values)


def test_sex_is_a_labelled_choice() -> None:
    """The form offers the pack's words for the sex choice, not numbers."""
    sex = next(i for i in calc_inputs(_calc("creatinine-clearance")) if i.name == "sex")
    assert sex.choice_labels == ("Female", "Male")
    assert "Female" in sex.bounds_text()


@settings(max_examples=60, deadline=None)
@given(st.decimals(min_value=200, max_value=2000, places=0))
def test_strength_result_is_made_of_stocked_tablets(dose: Decimal) -> None:
    """For any dose in bounds the result is a sum of whole tablets within 100 mg of the request."""
    result = calculate(_calc("lithium-tablet-count"), {"dose": str(dose)})
    given_dose = result.result("dose")
    made = sum(
        q.value * D(q.name.removeprefix("count_")) for q in result.results if q.name.startswith("count_")
    )
    assert made == given_dose and abs(given_dose - dose) <= 100


def test_formula_units_are_checked_by_the_model() -> None:
    """A weight in pounds cannot be given to a formula that works in kg."""
    from pydantic import ValidationError

    spec = _calc("body-surface-area")
    data = spec.model_dump()
    data["weight"]["unit"] = "lb"
    with pytest.raises(ValidationError, match="`weight` must be in kg"):
        model.formulas.Mosteller.model_validate(data)
