"""A calculator's sections answer calculations, not every dosing question (issue 14, round 4).

A quantity typed with its unit ("62 kg", "28 mg"), "calculate" or devices to count ask for a
calculation; "a man", "a woman", "someone" are the patient and are not searched. A dosing question
without a quantity ("the usual dose in the induction phase") is the protocol's. This file had been
committed empty with the rule; the tests were written in round 5.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.packs.loaded import Origin
from app.core.packs.roots import PackRoot, load_packs
from app.core.search import SearchIndex
from app.core.search.kinds import CALCULATION, DOSING, framing, quantities
from app.core.search.text import words
from app.core.system.paths import bundled_content_dir


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    packs = load_packs([PackRoot(bundled_content_dir(), Origin.BUNDLED)])
    with SearchIndex.build(packs, Path(tmp_path_factory.mktemp("calc")) / "index.db") as built:
        yield built


def _cues(question: str) -> set[str]:
    return framing(words(question))[2]


def test_a_quantity_with_its_unit_or_calculate_asks_for_a_calculation() -> None:
    assert quantities(words("volume to draw up for 62 kg"))
    assert quantities(words("a 28.5 mg dose"))
    assert not quantities(words("week 6 of the course"))  # a number, but no unit of dose or weight
    assert CALCULATION in _cues("pump rate for a man of 110 kg")
    assert CALCULATION in _cues("calculate the volume")
    assert _cues("usual spravato dose in the induction phase") == {DOSING}


def test_a_man_a_woman_someone_are_the_patient_not_searched(index: SearchIndex) -> None:
    planner = index._state().planner
    for question in ("pump rate for a man of 110 kg", "volume to draw up for someone of 62 kg"):
        searched = {
            token for group in planner.plan(question).groups for a in group.alternatives for token in a.tokens
        }
        assert not searched & {"man", "someone", "men"}, (question, searched)


@pytest.mark.parametrize(
    ("question", "document"),
    [
        ("pump rate for a man of 110 kg on ketamine", "ketamine-iv-dose"),
        ("volume to draw up for someone of 62 kg", "ketamine-iv-dose"),
    ],
)
def test_a_calculation_opens_the_calculator(index: SearchIndex, question: str, document: str) -> None:
    assert index.search(question).hits[0].doc_id == document


def test_a_dosing_question_without_a_quantity_is_the_protocols(index: SearchIndex) -> None:
    hits = index.search("usual spravato dose in the induction phase").hits
    assert hits[0].target == "esketamine-trd#dosing"
    assert all(hit.kind != "calculator" for hit in hits[:3])
