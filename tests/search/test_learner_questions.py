"""Questions that ask for study material, for who may have a treatment, for the vital signs, for how
often or for what comes next (issue 14, round 3): the words say which kind of section answers,
whatever the topic."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.core.search import SearchIndex
from app.core.search.kinds import section_kinds
from tests.search.support import cards, index_of, protocol


def _documents() -> list[dict[str, Any]]:
    return [
        protocol(
            "lidocaine",
            "Lidocaine infusion for neuropathic pain",
            {
                "adverse": ("Toxicity", "Perioral numbness, tinnitus and seizures from lidocaine."),
                "selection": ("Eligibility and screening", "Lidocaine for adults whose other drugs failed."),
                "observations": ("Monitoring", "Blood pressure, heart rate and ECG during lidocaine."),
                "later": ("Follow-up", "Review the benefit of lidocaine at 3 months."),
                "doses": ("Doses", "Lidocaine 1.5 mg/kg over an hour, given weekly; levels are not routine."),
            },
        ),
        cards("lidocaine-deck", "Lidocaine review", ["Lidocaine dose?", "Toxicity?"], "lidocaine#doses"),
    ]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    with index_of(tmp_path_factory.mktemp("learner"), "learner", _documents()) as built:
        yield built


def _targets(index: SearchIndex, query: str) -> list[str]:
    return [hit.target for hit in index.search(query).hits]


def test_asking_for_flashcards_or_a_quiz_opens_the_study_deck(index: SearchIndex) -> None:
    for question in ("lidocaine flashcards", "quiz me on lidocaine", "revision deck lidocaine"):
        assert _targets(index, question)[0].startswith("lidocaine-deck"), question
    # A learner's "me" is not a patient's: the study deck, not a handout, is for them.
    plan = index._state().planner.plan("quiz me on lidocaine ")
    assert plan.intents == {"study"} and not plan.patient
    assert "study" in section_kinds("cards", "Cards", "cards")


def test_asked_to_be_tested_the_deck_comes_before_a_section_with_more_of_the_words(
    index: SearchIndex,
) -> None:
    # The deck's cards say "Toxicity?" only; the protocol's section says perioral numbness, tinnitus and
    # seizures: asked to be tested, the learner still wants the deck first.
    assert _targets(index, "test me on lidocaine toxicity seizures and tinnitus")[0].startswith(
        "lidocaine-deck"
    )


def test_study_cards_still_come_after_reference_sections_otherwise(index: SearchIndex) -> None:
    targets = _targets(index, "lidocaine toxicity")
    assert targets[0] == "lidocaine#adverse"
    assert all(not t.startswith("lidocaine-deck") for t in targets[: targets.index("lidocaine#adverse") + 1])


def test_candidate_and_qualify_ask_who_may_have_it(index: SearchIndex) -> None:
    planner = index._state().planner
    for question in ("who is a candidate for lidocaine ", "who qualifies for a lidocaine infusion "):
        assert "contraindications" in planner.plan(question).cues, question
        assert _targets(index, question.strip())[0] == "lidocaine#selection", question


def test_vitals_ask_for_the_monitoring_section(index: SearchIndex) -> None:
    assert "monitoring" in index._state().planner.plan("vitals on lidocaine ").cues
    assert _targets(index, "lidocaine vitals")[0] == "lidocaine#observations"


def test_how_often_asks_for_the_schedule_or_of_a_check_for_monitoring(index: SearchIndex) -> None:
    planner = index._state().planner
    assert planner.plan("how often is lidocaine given ").intents == {"dosing"}
    assert planner.plan("how frequently do we recheck the ecg on lidocaine ").intents == {"monitoring"}
    assert _targets(index, "how often is lidocaine given")[0] == "lidocaine#doses"
    assert _targets(index, "how many times is lidocaine repeated")[0] == "lidocaine#doses"
    assert _targets(index, "how often should lidocaine be checked")[0] == "lidocaine#observations"


def test_what_next_asks_for_the_follow_up(index: SearchIndex) -> None:
    for question in ("after a lidocaine course, what next", "what comes after a lidocaine course"):
        assert _targets(index, question)[0] == "lidocaine#later", question
    assert "follow-up" in section_kinds("follow-up", "Follow-up and reporting", "protocol")


def test_a_noun_that_only_names_study_material_asks_for_the_deck_first(index: SearchIndex) -> None:
    # "Flash cards" and "study cards" name nothing but study material: the deck comes before the
    # protocol's section, though that section says more of the other words (seizures, tinnitus).
    for question in ("flash cards about lidocaine toxicity seizures and tinnitus",
                     "study cards: lidocaine toxicity, seizures, tinnitus"):  # fmt: skip
        assert _targets(index, question)[0].startswith("lidocaine-deck"), question
    # "Card" alone is only a cue (a wallet card, a score card): the section that says more of the
    # words still comes first.
    assert _targets(index, "lidocaine toxicity seizures and tinnitus card")[0] == "lidocaine#adverse"
