"""A vital sign typed with its value ("bp 150/95 before the dose", "HR 130 mid infusion") asks what
to do with that reading: the checklist timepoint whose alert rules judge it answers (issue 14)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.core.search import SearchIndex
from app.core.search.kinds import readings, section_kinds
from app.core.search.text import words
from tests.search.support import index_of, protocol, top_target

SYNONYMS = {"synonyms": [{"terms": ["blood pressure", "bp"]}, {"terms": ["heart rate", "hr", "pulse"]}]}


def _measured(item_id: str, label: str, unit: str, limit: int) -> dict[str, Any]:
    return {
        "id": item_id, "type": "number", "label": label, "unit": unit, "plausible": {"min": 20, "max": 260},
        "references": ["ref-a"],
        "alerts": [{"above": limit, "severity": "urgent", "action": "Re-check and call the prescriber.",
                    "references": ["ref-a"]}],
    }  # fmt: skip


def _point(point_id: str, label: str, offset: int) -> dict[str, Any]:
    return {
        "id": point_id, "label": label, "offset_minutes": offset, "references": ["ref-a"],
        "items": [_measured(f"{point_id}-sbp", "Systolic blood pressure", "mmHg", 160),
                  _measured(f"{point_id}-hr", "Heart rate", "beats/min", 120)],
    }  # fmt: skip


def _documents() -> list[dict[str, Any]]:
    checklist = {
        "kind": "checklist", "id": "lidocaine-checks", "title": "Lidocaine infusion checks",
        "summary": "Checks.", "status": "active", "version": "1.0.0", "last_reviewed": "2026-01-01",
        "review_due": "2099-01-01",
        "reviewers": ["Tester"], "regulatory_status": "not-applicable",
        "timepoints": [_point("start", "Before starting", -10), _point("running", "During the infusion", 20)],
    }  # fmt: skip
    return [
        checklist,
        protocol(
            "lidocaine",
            "Lidocaine infusion",
            {
                "pressure": (
                    "Blood pressure and heart rate",
                    "A pressure of 150/95 before the infusion is common; a heart rate of 45 or 130 during.",
                ),
                "regimen": ("Regimen", "1.5 mg/kg over 45 minutes before the infusion of the next dose."),
            },
        ),
    ]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    with index_of(tmp_path_factory.mktemp("readings"), "readings", _documents(), **SYNONYMS) as built:
        yield built


def test_a_reading_opens_the_timepoint_that_judges_it(index: SearchIndex) -> None:
    assert top_target(index, "bp 150/95 before lidocaine") == "lidocaine-checks#start"
    assert top_target(index, "pulse 45 during the lidocaine infusion") == "lidocaine-checks#running"
    assert top_target(index, "HR 130 mid infusion") == "lidocaine-checks#running"
    # The same words without a reading ask about the topic: the protocol's section answers.
    assert top_target(index, "blood pressure and heart rate on lidocaine") == "lidocaine#pressure"


def test_which_numbers_are_readings() -> None:
    assert readings(words("bp 150/95 before the dose")) == {1, 2}
    assert readings(words("spo2 of 91% at 40 minutes")) == {2}
    assert readings(words("heart rate 130 bpm")) == {2, 3}
    assert readings(words("cadss 35 at 40 minutes")) == {1}
    assert readings(words("resp rate 8")) == {2}
    # A dose, a weight, a duration or an age is not a reading, even beside a vital sign.
    assert readings(words("bp after 2 hours")) == set()
    assert readings(words("95 kg pt bp")) == set()
    assert readings(words("my mum is 70 will she get a lower dose")) == set()


def test_only_timepoints_with_alert_rules_judge_readings() -> None:
    assert "readings" in section_kinds("start", "Before starting", "checklist", judged=True)
    assert "readings" not in section_kinds("start", "Before starting", "checklist")
