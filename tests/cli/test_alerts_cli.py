"""`protocol-desk alerts`: the alerts a set of values fires, for authors and reviewers without the GUI."""

from __future__ import annotations

import json

import pytest

from app.cli.main import main


def test_json_lists_severity_rule_action_and_source(capsys: pytest.CaptureFixture[str]) -> None:
    """SpO2 82 % mid-infusion is an emergency; 150 beats/min urgent; most severe first, with sources."""
    args = ["alerts", "ketamine-infusion-monitoring", "spo2-20=82", "hr-20=150", "--json"]
    assert main(args) == 0
    alerts = json.loads(capsys.readouterr().out)
    assert [(a["item"], a["severity"]) for a in alerts] == [("spo2-20", "emergency"), ("hr-20", "urgent")]
    assert alerts[0]["rule"] == "below 90 %" and alerts[0]["references"]
    assert alerts[0]["action"].startswith("Stop the infusion.")


def test_relative_and_two_item_rules_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """A fall from the pre-dose MOAA/S and a diastolic of 125 are read with the item they belong to."""
    args = [
        "alerts",
        "esketamine-session-monitoring",
        "pre-moaas=5",
        "moaas-40=4",
        "pre-sbp=150",
        "pre-dbp=125",
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "\u203c Urgent action: Systolic blood pressure before the dose" in out
    assert "diastolic blood pressure before the dose at or above 110 mmHg" in out
    assert "\u26a0 Caution: Sedation at about 40 minutes" in out and "a fall of 1 or more from" in out


def test_no_alerts_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    """Normal values print "no alerts" and exit 0."""
    assert main(["alerts", "esketamine-session-monitoring", "pre-sbp=120", "pre-dbp=75"]) == 0
    assert capsys.readouterr().out.strip() == "no alerts"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pre-sbp=15"], "outside the plausible range"),
        (["nothing=1"], "has no item 'nothing'"),
        (["pre-sbp"], "write ITEM=VALUE"),
        (["effects-resolved=yes", "sbp-discharge=500"], "outside the plausible range"),
    ],
)
def test_bad_pairs_are_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown item, a refused value or a missing `=` exits 2 with the reason."""
    assert main(["alerts", "esketamine-session-monitoring", *args]) == 2
    assert message in capsys.readouterr().err


def test_an_item_may_be_named_with_its_timepoint(capsys: pytest.CaptureFixture[str]) -> None:
    """`timepoint/item` works; a timepoint that does not hold the item is an error."""
    assert main(["alerts", "esketamine-session-monitoring", "before-discharge/effects-resolved=no"]) == 0
    assert "Caution" in capsys.readouterr().out
    assert main(["alerts", "esketamine-session-monitoring", "pre-dose/effects-resolved=no"]) == 2
    assert "has no item" in capsys.readouterr().err


def test_unknown_checklist_and_wrong_kind(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown id exits 1; a document that is not a checklist exits 2."""
    assert main(["alerts", "no-such-checklist", "a=1"]) == 1
    assert main(["alerts", "esketamine-trd", "a=1"]) == 2
    assert "not a checklist" in capsys.readouterr().err
