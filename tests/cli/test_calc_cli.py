"""`protocol-desk calc`: worked examples, JSON, defaults, and refusals with exit codes."""

from __future__ import annotations

import json

import pytest

from app.cli.main import main


def test_weight_based_dose_text(capsys: pytest.CaptureFixture[str]) -> None:
    """The worked example prints dose, volume, rate, the working, the rounding and the source."""
    assert main(["calc", "ketamine-iv-dose", "--weight", "70", "--dose-per-kg", "0.5"]) == 0
    out = capsys.readouterr().out
    for text in ("Dose: 35 mg", "Volume: 35 mL", "Pump rate: 52.5 mL/h", "Rounding:", "Source: Andrade"):
        assert text in out
    assert "Infusion time: 40 min (default)" in out


def test_weight_based_dose_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--json gives numbers, the pack version and which defaults were used."""
    args = ["calc", "ketamine-iv-dose", "--weight", "70", "--concentration", "2", "--infusion-minutes", "60"]
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["results"]["dose_mg"]["value"] == 35
    assert data["results"]["volume_ml"]["value"] == 17.5
    assert data["results"]["rate_ml_per_h"]["value"] == 17.5
    assert data["defaults_used"] == ["dose_per_kg"] and data["pack_version"]


def test_device_count(capsys: pytest.CaptureFixture[str]) -> None:
    """84 mg is 3 devices with 10 minutes of waits, and reaches the maximum."""
    assert main(["calc", "esketamine-device-count", "--dose", "84", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["results"]["devices"]["value"] == 3
    assert data["results"]["wait_minutes"]["value"] == 10
    assert data["at_maximum"] is True and data["warnings"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ketamine-iv-dose", "--weight", "250"], "outside the allowed range (30 to 200 kg)"),
        (["ketamine-iv-dose", "--weight", "70", "--concentration", "100"], "0.1 to 10 mg/mL"),
        (["ketamine-iv-dose"], "Body weight (kg) is needed"),
        (["ketamine-iv-dose", "--weight", "heavy"], "not a number"),
        (["esketamine-device-count"], "is needed"),
        (["esketamine-device-count", "--dose", "70"], "not an allowed dose"),
        (["esketamine-trd", "--dose", "56"], "not a calculator"),
        (["no-such-calculator"], "no calculator"),
    ],
)
def test_refused_inputs_exit_1(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Out-of-bounds, missing or malformed inputs exit 1 with a clear message and no result."""
    assert main(["calc", *args]) == 1
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


def test_input_of_another_calculator_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--dose does not apply to the weight-based calculator: exit 2, listing its inputs."""
    assert main(["calc", "ketamine-iv-dose", "--weight", "70", "--dose", "56"]) == 2
    assert "--weight, --dose-per-kg" in capsys.readouterr().err
