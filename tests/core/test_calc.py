"""Dose calculators: the content's worked examples, refusals, rounding and properties over all inputs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import model
from app.core.calc import InputError, calc_inputs, calculate, device_count, round_to_step, weight_based_dose
from app.core.packs.roots import default_roots, load_packs

D = Decimal


def _calculation(doc_id: str) -> model.WeightBasedDose | model.DeviceCount:
    found = load_packs(default_roots([])).find(doc_id)
    assert found is not None and isinstance(found[1], model.Calculator)
    return found[1].calculation


IV = _calculation("ketamine-iv-dose")
DEVICES = _calculation("esketamine-device-count")
assert isinstance(IV, model.WeightBasedDose) and isinstance(DEVICES, model.DeviceCount)


def test_worked_example_70_kg_at_half_mg_per_kg() -> None:
    """70 kg at 0.5 mg/kg is 35 mg; at 1 mg/mL 35 mL; over 40 minutes 52.5 mL/h."""
    result = calculate(
        IV, {"weight": "70", "dose_per_kg": "0.5", "concentration": "1", "infusion_minutes": "40"}
    )
    assert result.result("dose_mg") == D("35")
    assert result.result("volume_ml") == D("35")
    assert result.result("rate_ml_per_h") == D("52.5")
    assert not result.capped and not result.at_maximum and not result.warnings
    assert "Dose = 70 kg \u00d7 0.5 mg/kg = 35 mg" in result.working


def test_pack_defaults_fill_missing_inputs() -> None:
    """Only the weight is needed: dose, concentration and time default to the pack's values."""
    result = calculate(IV, {"weight": "70"})
    assert {q.name: q.value for q in result.inputs}["dose_per_kg"] == D("0.5")
    assert result.result("rate_ml_per_h") == D("52.5")


@pytest.mark.parametrize(
    ("dose", "devices", "sprays", "wait"), [("28", 1, 2, 0), ("56", 2, 4, 5), ("84", 3, 6, 10)]
)
def test_device_counts_from_the_content(dose: str, devices: int, sprays: int, wait: int) -> None:
    """56 mg = 2 devices; 84 mg = 3 devices with 10 minutes of waits between them."""
    result = calculate(DEVICES, {"dose": dose})
    assert result.result("devices") == devices
    assert result.result("sprays") == sprays
    assert result.result("wait_minutes") == wait
    assert result.at_maximum is (dose == "84")


def test_maximum_device_dose_warns() -> None:
    """84 mg reaches the pack's maximum: a warning says so."""
    assert any("maximum" in w for w in calculate(DEVICES, {"dose": "84"}).warnings)


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"weight": "29.9"}, "outside the allowed range"),
        ({"weight": "200.1"}, "outside the allowed range"),
        ({"weight": "70", "dose_per_kg": "0.8"}, "0.1 to 0.75 mg/kg"),
        ({"weight": "70", "concentration": "50"}, "0.1 to 10 mg/mL"),
        ({"weight": "70", "infusion_minutes": "20"}, "40 to 100 min"),
        ({"weight": "seventy"}, "not a number"),
        ({"weight": "nan"}, "not a number"),
        ({"weight": "inf"}, "not a number"),
        ({}, "is needed"),
        ({"weight": "  "}, "is needed"),
    ],
)
def test_out_of_bounds_or_missing_inputs_are_refused(values: dict[str, str], words: str) -> None:
    """Refused with a message naming the bounds; never clamped or extrapolated."""
    with pytest.raises(InputError, match=words):
        calculate(IV, values)


@pytest.mark.parametrize("dose", ["0", "27", "70", "112", "-28"])
def test_device_doses_not_declared_are_refused(dose: str) -> None:
    """Only the pack's allowed doses are accepted."""
    with pytest.raises(InputError, match="not an allowed dose"):
        calculate(DEVICES, {"dose": dose})


def test_rounding_to_declared_steps() -> None:
    """Half-up to the step: 1.25 to the nearest 0.5 is 1.5, 1.24 is 1; 0.05 to 0.1 is 0.1."""
    assert round_to_step(D("1.25"), D("0.5")) == D("1.5")
    assert round_to_step(D("1.24"), D("0.5")) == D("1")
    assert round_to_step(D("0.05"), D("0.1")) == D("0.1")
    assert round_to_step(D("52.449"), D("0.1")) == D("52.4")


def test_dose_over_maximum_is_capped_and_flagged() -> None:
    """A lower maximum caps the dose, flags it, and the working says so."""
    spec = IV.model_copy(update={"max_dose_mg": 30.0})
    result = calculate(spec, {"weight": "70"})
    assert result.capped and result.at_maximum
    assert result.result("dose_mg") == D("30")
    assert result.result("volume_ml") == D("30")
    assert "capped at the maximum of 30 mg" in result.working[0]
    assert any("exceeds the maximum" in w for w in result.warnings)


def test_maximum_off_the_rounding_grid_is_never_exceeded() -> None:
    """A maximum of 33.33 mg with 0.1 mg rounding gives 33.3 mg, not 33.4."""
    spec = IV.model_copy(update={"max_dose_mg": 33.33})
    assert weight_based_dose(spec, 70, 0.5, 1, 40).dose_mg == D("33.3")


def test_inputs_are_declared_in_form_order() -> None:
    """The weight-based inputs come in the declared order with their flags; the device dose has choices."""
    assert [i.flag for i in calc_inputs(IV)] == [
        "--weight",
        "--dose-per-kg",
        "--concentration",
        "--infusion-minutes",
    ]
    assert calc_inputs(DEVICES)[0].choices == (D("28"), D("56"), D("84"))


def test_result_as_json_keeps_whole_numbers_whole() -> None:
    """JSON shows 35 and 52.5, not 35.0."""
    data = calculate(IV, {"weight": "70"}).as_dict()
    assert data["results"]["dose_mg"]["value"] == 35 and isinstance(data["results"]["dose_mg"]["value"], int)
    assert data["results"]["rate_ml_per_h"]["value"] == 52.5


def _within(spec: model.NumberInput, places: int = 2) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=D(repr(spec.min)), max_value=D(repr(spec.max)), places=places)


MAXIMUMS = st.decimals(min_value=D("5"), max_value=D("300"), places=1)


@settings(max_examples=300, deadline=None)
@given(
    weight=_within(IV.weight, 1),
    per_kg=_within(IV.dose_per_kg),
    concentration=_within(IV.concentration, 1),
    minutes=_within(IV.infusion_minutes, 0),
    maximum=MAXIMUMS,
)
def test_dose_never_exceeds_the_maximum(
    weight: Decimal, per_kg: Decimal, concentration: Decimal, minutes: Decimal, maximum: Decimal
) -> None:
    """Whatever the inputs and the declared maximum, the dose is at most the maximum."""
    spec = IV.model_copy(update={"max_dose_mg": float(maximum)})
    out = weight_based_dose(spec, weight, per_kg, concentration, minutes)
    assert out.dose_mg <= maximum
    assert out.capped == (weight * per_kg > maximum)


@settings(max_examples=300, deadline=None)
@given(
    weight=_within(IV.weight, 1),
    per_kg=_within(IV.dose_per_kg),
    concentration=_within(IV.concentration, 1),
    minutes=_within(IV.infusion_minutes, 0),
)
def test_volume_times_concentration_is_the_dose(
    weight: Decimal, per_kg: Decimal, concentration: Decimal, minutes: Decimal
) -> None:
    """Volume x concentration equals the dose within half a volume step; the rate delivers the volume."""
    out = weight_based_dose(IV, weight, per_kg, concentration, minutes)
    volume_step, rate_step = D(repr(IV.rounding.volume_ml)), D(repr(IV.rounding.rate_ml_per_h))
    assert abs(out.volume_ml * concentration - out.dose_mg) <= concentration * volume_step / 2
    assert abs(out.rate_ml_per_h * minutes - out.volume_ml * 60) <= rate_step / 2 * minutes


INPUT_NAMES = ["weight", "dose_per_kg", "concentration", "infusion_minutes"]


@settings(max_examples=200, deadline=None)
@given(
    name=st.sampled_from(INPUT_NAMES), offset=st.decimals(min_value=D("0.001"), max_value=D("1000"), places=3)
)
def test_out_of_bounds_inputs_are_refused(name: str, offset: Decimal) -> None:
    """Any value below the minimum or above the maximum of any input is refused."""
    spec = next(i for i in calc_inputs(IV) if i.name == name)
    base = {"weight": "70"}
    for value in (spec.min - offset, spec.max + offset):
        with pytest.raises(InputError, match=spec.label):
            calculate(IV, {**base, name: str(value)})


@given(st.sampled_from(DEVICES.allowed_doses_mg))
def test_devices_times_strength_is_the_dose(dose: float) -> None:
    """Every allowed dose is a whole number of devices, with one wait fewer than devices."""
    out = device_count(DEVICES, dose)
    assert out.devices * DEVICES.mg_per_device == dose
    assert out.wait_minutes == (out.devices - 1) * DEVICES.wait_minutes_between_devices
