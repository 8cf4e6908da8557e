"""An age typed as a number ("my grandad is 81") names a life stage, and the section written for
that stage answers (issue 14)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.search import SearchIndex
from app.core.search.ages import life_stages
from app.core.search.text import words
from tests.search.support import index_of, protocol, top_target

SYNONYMS = {
    "synonyms": [
        {"terms": ["older adults", "elderly", "geriatric"]},
        {"terms": ["adolescents", "teenagers", "children"]},
    ]
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    sections = {
        "regimen": ("Regimen", "Start at 0.5 mg/kg; a patient of 70 kg receives 35 mg over 40 minutes."),
        "elderly": ("Geriatric patients", "Start lower: falls and raised blood pressure are more common."),
        "young": ("Adolescents", "Not licensed under 18; trials in teenagers were small."),
        "pressure": ("Blood pressure", "A reading over 80 diastolic calls for a re-check at 15 minutes."),
    }
    documents = [protocol("lidocaine", "Lidocaine infusion", sections)]
    with index_of(tmp_path_factory.mktemp("stages"), "stages", documents, **SYNONYMS) as built:
        yield built


def test_an_age_reaches_the_section_for_its_life_stage(index: SearchIndex) -> None:
    assert top_target(index, "my grandad is 81, can he have lidocaine") == "lidocaine#elderly"
    assert top_target(index, "patient aged 79 starting lidocaine") == "lidocaine#elderly"
    assert top_target(index, "lidocaine for a 15 year old") == "lidocaine#young"
    # The same questions without the age do not go there: the age is what chose the section.
    assert top_target(index, "my grandad, can he have lidocaine") != "lidocaine#elderly"
    assert top_target(index, "lidocaine for a 70 kg patient") != "lidocaine#elderly"


def test_which_numbers_are_ages() -> None:
    assert life_stages(words("I'm 68, is it safe")) == {2: (("older", "adults"), 1)}
    assert life_stages(words("aged 14")) == {1: (("adolescents",), 1)}
    assert life_stages(words("a 9 years old boy")) == {1: (("children",), 3)}
    assert life_stages(words("over 65")) == {1: (("older", "adults"), 1)}
    # Working age has no stage; doses, weights, durations and readings are not ages.
    assert life_stages(words("he is 40")) == {}
    assert life_stages(words("the dose is 84")) == {}
    assert life_stages(words("she is 70 kg")) == {}
    assert life_stages(words("observe over 90 minutes")) == {}
    assert life_stages(words("bp is 150 over 95")) == {}
    # A small number after "is" is a score unless a person or "years old" says it is an age.
    assert life_stages(words("the MOAA/S is 3")) == {}
    assert life_stages(words("her pain is 8 out of 10")) == {}
    assert life_stages(words("my son is 15")) == {3: (("adolescents",), 1)}
