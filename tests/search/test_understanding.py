"""Query understanding (issue 14): what to do, what is, who asks, time words, shortened terms."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.search import SearchIndex
from app.core.search.kinds import section_kinds
from app.core.search.synonyms import Synonyms, synonym_groups
from tests.search.support import load, protocol, write_pack

SYNONYMS = {
    "synonyms": [
        {"terms": ["blood pressure", "bp"]},
        {"terms": ["heart rate", "hr", "pulse"]},
        {"terms": ["oxygen saturation", "spo2", "pulse oximetry", "pulse oximeter"]},
        {"terms": ["ketamine", "racemic ketamine"]},
    ]
}


def _documents() -> list[dict[str, object]]:
    return [
        protocol(
            "effects",
            "Adverse effects",
            {
                "blood-pressure": (
                    "Blood pressure",
                    "Blood pressure rises after the dose and stays high in some; high pressure is common.",
                ),
                "manage-high-bp": (
                    "What to do: blood pressure still high",
                    "Recheck, then call the prescriber.",
                ),
                "what-it-is": ("Ketamine and esketamine", "Ketamine is racemic: a mix of two mirror forms."),
                "racemic-forms": (
                    "Products",
                    "Racemic ketamine, racemic mixtures, racemic forms: the racemic one is older.",
                ),
                "breathing": (
                    "Breathing",
                    "Pulse oximetry at every session; low oxygen saturation is urgent.",
                ),
                "heart": ("Heart rate", "The pulse is checked before the dose."),
            },
        ),
    ]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    root = tmp_path_factory.mktemp("understanding")
    packs = load(write_pack(root, "understanding", _documents(), **SYNONYMS))
    with SearchIndex.build(packs, Path(root) / "index.db") as built:
        yield built


def _top(index: SearchIndex, query: str) -> str:
    return index.search(query).hits[0].target


def test_what_to_do_questions_ask_for_management(index: SearchIndex) -> None:
    """'What to do if', 'how do we treat' ask how to manage: the `What to do:` section answers."""
    planner = index._state().planner
    for question in ("what to do if bp stays high ", "how do we treat high bp ", "what should I do bp "):
        assert planner.plan(question).intents == {"management"}, question
    assert _top(index, "what to do if blood pressure stays high") == "effects#manage-high-bp"
    assert "management" in section_kinds("manage-nausea", "Nausea", "protocol")
    assert "management" in section_kinds("nausea", "What to do: nausea and vomiting", "protocol")


def test_definitional_questions_ask_what_a_thing_is(index: SearchIndex) -> None:
    """'What does X mean' finds the section that says what X is, over one that repeats X most."""
    planner = index._state().planner
    plan = planner.plan("what does racemic mean ")
    assert plan.intents == {"definition"}
    assert [a.tokens for g in plan.groups for a in g.alternatives if "mean" in a.tokens] == []
    assert _top(index, "what does racemic mean") == "effects#what-it-is"
    assert _top(index, "what is racemic") == "effects#what-it-is"
    # Only when nothing else is asked: "what is the dose" asks for the dose.
    assert planner.plan("what is the dose ").intents == set()
    assert planner.plan("what is the dose ").cues == {"dosing"}
    # "mean" is a word of the question unless it ends it.
    mean = planner.plan("mean arterial pressure ")
    assert mean.intents == set() and any(a.tokens == ("mean",) for g in mean.groups for a in g.alternatives)
    assert "definition" in section_kinds("glossary", "Terms and what they mean", "protocol")


def test_who_asks_sets_the_audience(index: SearchIndex) -> None:
    """First person is a patient; 'they' or 'the patient' a clinician; 'what happens' a patient."""
    planner = index._state().planner
    cases = {
        "can I drive after it ": (True, False),
        "can they drive home ": (False, True),
        "my patient feels sick ": (False, True),
        "patient on an maoi ": (False, True),
        "what happens during the infusion ": (True, False),
        "what happens if bp is over 180 ": (False, False),
        "ketamine dose ": (False, False),
    }
    for question, expected in cases.items():
        plan = planner.plan(question)
        assert (plan.patient, plan.clinician) == expected, question


def test_words_that_only_say_when_give_no_kind(index: SearchIndex) -> None:
    """'40 minutes after the dose' is a moment, not a dosing section; 'after the dose' cues no dosing."""
    assert "dosing" not in section_kinds("bp-40-min", "About 40 minutes after the dose", "checklist")
    assert "dosing" not in section_kinds("pre-dose", "Before the first device", "checklist")
    assert "dosing" in section_kinds("dosing", "Dosing and schedule", "protocol")
    planner = index._state().planner
    assert planner.plan("bp after the dose ").cues == set()
    assert planner.plan("nausea after esketamine dose ").cues == set()
    assert planner.plan("esketamine dose ").cues == {"dosing"}


def test_a_shortened_longer_term_is_that_term_not_its_first_word(index: SearchIndex) -> None:
    """'pulse ox' is pulse oximetry: the 'pulse' = heart rate synonym does not fire inside it."""
    planner = index._state().planner
    (group,) = planner.plan("pulse ox ").groups
    assert ("pulse", "oximetry") in [a.tokens for a in group.alternatives]
    assert ("heart", "rate") not in [a.tokens for a in group.alternatives]
    assert _top(index, "pulse ox") == "effects#breathing"
    (alone,) = planner.plan("pulse ").groups
    assert ("heart", "rate") in [a.tokens for a in alone.alternatives]
    assert _top(index, "pulse") == "effects#heart"


def test_shortened_terms_need_one_group_and_two_letters() -> None:
    groups = synonym_groups([["pulse oximetry", "spo2"], ["pulse pressure", "pp"], ["heart rate", "pulse"]])
    terms = {tuple(t.split()): tuple(tuple(m.split()) for m in g) for g in groups for t in g}
    synonyms = Synonyms(terms, 2)
    tokens = ["pulse", "ox"]
    match = synonyms.match(tokens, 0, {1, 2})
    assert match is not None and match[0] == 2 and ("spo2",) in match[1]
    # "pulse p" could be either pressure or... one letter names nothing: "pulse" alone matches.
    short = synonyms.match(["pulse", "p"], 0, {1, 2})
    assert short is not None and short[0] == 1
    # Two groups share the start: ambiguous, so no shortened match.
    both = Synonyms({**terms, ("pulse", "oxford"): (("pulse", "oxford"), ("po",))}, 2)
    ambiguous = both.match(["pulse", "ox"], 0, {1, 2})
    assert ambiguous is not None and ambiguous[0] == 1
