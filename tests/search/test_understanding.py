"""Query understanding (issue 14): what to do, what is, who asks, time words, shortened terms."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.search import SearchIndex
from app.core.search.kinds import section_kinds
from app.core.search.ranking import Statistics
from app.core.search.synonyms import Synonyms, synonym_groups
from tests.search.support import handout, load, protocol, top_target, write_pack

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
                "cognition-driving": (
                    "Cognition and driving",
                    "Thinking was slower at 40 minutes. No driving or machinery until the next day.",
                ),
            },
        ),
        handout(
            "visit-day",
            "Your visit day",
            {
                "after": ("After your visit", ["Rest at home.", "Do not drive or use machines today."]),
                "get-help": ("When to get help", ["Call the clinic if you are worried."]),
            },
        ),
    ]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    root = tmp_path_factory.mktemp("understanding")
    packs = load(write_pack(root, "understanding", _documents(), **SYNONYMS))
    with SearchIndex.build(packs, Path(root) / "index.db") as built:
        yield built


def test_what_to_do_questions_ask_for_management(index: SearchIndex) -> None:
    """'What to do if', 'how do we treat' ask how to manage: the `What to do:` section answers."""
    planner = index._state().planner
    for question in ("what to do if bp stays high ", "how do we treat high bp ", "what should I do bp "):
        assert planner.plan(question).intents == {"management"}, question
    assert top_target(index, "what to do if blood pressure stays high") == "effects#manage-high-bp"
    assert "management" in section_kinds("manage-nausea", "Nausea", "protocol")
    assert "management" in section_kinds("nausea", "What to do: nausea and vomiting", "protocol")


def test_definitional_questions_ask_what_a_thing_is(index: SearchIndex) -> None:
    """'What does X mean' finds the section that says what X is, over one that repeats X most."""
    planner = index._state().planner
    plan = planner.plan("what does racemic mean ")
    assert plan.intents == {"definition"}
    assert [a.tokens for g in plan.groups for a in g.alternatives if "mean" in a.tokens] == []
    assert top_target(index, "what does racemic mean") == "effects#what-it-is"
    assert top_target(index, "what is racemic") == "effects#what-it-is"
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
        "is it normal to feel this dizzy ": (True, False),
        "ketamine dose ": (False, False),
    }
    for question, expected in cases.items():
        plan = planner.plan(question)
        assert (plan.patient, plan.clinician) == expected, question
    normal = planner.plan("is that normal after the dose ")
    assert not any("normal" in a.tokens for g in normal.groups for a in g.alternatives)


def test_a_first_person_question_is_answered_by_the_handout_first(index: SearchIndex) -> None:
    """The handout is written for the one asking 'may I ...': it comes before a reference section
    whose heading holds the word, which still answers first when the question is about a patient."""
    for question in ("can I drive", "may I drive", "am I fit to drive"):
        assert top_target(index, question) == "visit-day#after", question
    assert top_target(index, "may the patient drive") == "effects#cognition-driving"


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
    assert top_target(index, "pulse ox") == "effects#breathing"
    (alone,) = planner.plan("pulse ").groups
    assert ("heart", "rate") in [a.tokens for a in alone.alternatives]
    assert top_target(index, "pulse") == "effects#heart"


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


def test_a_document_that_never_names_the_drug_asked_about_is_about_another(tmp_path: Path) -> None:
    """The drug a pack is about is in nearly every document, so its IDF is nil; but a document that
    never says it is about another drug, which a word of its heading must not hide."""
    topics = ("dose", "rate", "warnings", "history", "cost", "consent")
    documents = [
        protocol(
            f"ketamine-{topic}",
            f"Ketamine {topic}",
            {
                topic: (topic.title(), f"Ketamine treatment: {topic}."),
                "plan": ("Plan", "Each treatment is planned."),
            },
        )
        for topic in topics
    ]
    documents += [
        handout("ketamine-day", "Your ketamine infusion day", {
            "before": ("Before your infusion", ["Ask about the treatment plan."]),
            "after": ("After your infusion", ["Do not drive for 24 hours after ketamine."]),
        }),
        handout("esketamine-day", "Your esketamine treatment day", {
            "before": ("Before your treatment", ["Ask about the plan."]),
            "after": ("After your treatment", ["Do not drive until the next day."]),
        }),
    ]  # fmt: skip
    packs = load(write_pack(tmp_path, "drugs", documents, synonyms=[{"terms": ["esketamine", "spravato"]}]))
    with SearchIndex.build(packs, tmp_path / "index.db") as index:
        assert top_target(index, "can I drive after my ketamine treatment") == "ketamine-day#after"
        assert top_target(index, "driving after a ketamine treatment") == "ketamine-day#after"
        assert top_target(index, "can I drive after my spravato treatment") == "esketamine-day#after"


def test_wanting_is_framing_not_a_word_to_correct(index: SearchIndex) -> None:
    """'I want to give ...' is not searched: the index lacks 'want', and a correction of it ('wait',
    'what') would be searched as though typed."""
    plan = index._state().planner.plan("I want to check the heart rate ")
    searched = {token for group in plan.groups for a in group.alternatives for token in a.tokens}
    assert {"checked", "heart", "rate"} <= searched and not {"want", "wait", "what"} & searched
    assert plan.suggestion is None


def test_a_title_naming_the_drug_asked_about_says_what_the_document_is_about(tmp_path: Path) -> None:
    """Both protocols mention both drugs, so only the titles say which is about which: the one whose
    title names the drug asked about answers, though the other's heading holds more of the words."""
    esketamine = "Esketamine nasal spray"
    ketamine = "IV ketamine infusion"
    documents = [
        protocol("esketamine-protocol", esketamine, {
            "watch": ("Monitoring", "At least 2 hours at every session; unlike ketamine, given in a clinic."),
        }),
        protocol("ketamine-protocol", ketamine, {
            "watch": ("Monitoring during and after the infusion", "Vital signs; esketamine rules differ."),
        }),
        *(
            protocol(f"esketamine-{topic}", f"{esketamine}: {topic}", {topic: (topic.title(), "Text.")})
            for topic in ("pregnancy", "dose", "rems", "cost")
        ),
        protocol("ketamine-pain", f"{ketamine} for pain", {"rate": ("Rate", "By the hour.")}),
    ]  # fmt: skip
    packs = load(write_pack(tmp_path, "drugs", documents, synonyms=[{"terms": ["esketamine", "spravato"]}]))
    with SearchIndex.build(packs, tmp_path / "index.db") as index:
        assert top_target(index, "monitoring after esketamine") == "esketamine-protocol#watch"
        assert top_target(index, "how long is the monitoring after spravato") == "esketamine-protocol#watch"
        assert top_target(index, "monitoring after ketamine") == "ketamine-protocol#watch"


def test_a_word_qualifying_a_pack_term_in_a_heading_is_not_its_topic(tmp_path: Path) -> None:
    """'The Patient Monitoring Form' is about a form: 'monitoring' there does not count as a heading
    match, while the term's last word, or the whole term, does ('blood pressure' ends 'systolic
    blood pressure', so a heading holding that is about blood pressure)."""
    documents = [
        protocol("rems", "Programme", {
            "form": ("The Patient Monitoring Form", "Sent after each session; records the monitoring time."),
            "observation": ("How long to watch", "Monitoring lasts 2 hours and until sedation resolves."),
            "bp": ("Systolic blood pressure", "Recorded before the dose."),
            "other": ("Other", "Blood pressure rises; see the monitoring."),
        }),
    ]  # fmt: skip
    terms = [{"terms": ["pmf", "patient monitoring form"]}, {"terms": ["sbp", "systolic blood pressure"]}]
    packs = load(write_pack(tmp_path, "forms", documents, synonyms=terms))
    with SearchIndex.build(packs, tmp_path / "index.db") as index:
        assert top_target(index, "how long is the monitoring") == "rems#observation"
        assert top_target(index, "patient monitoring form") == "rems#form"
        assert top_target(index, "form") == "rems#form"
        assert top_target(index, "blood pressure") == "rems#bp"


def test_a_number_typed_against_its_unit_is_the_quantity_the_text_writes_apart(index: SearchIndex) -> None:
    """'56mg' and '0.5mg/kg' are searched as '56 mg' and '0.5 mg/kg' (the text's words)."""
    planner = index._state().planner
    phrases = [a.tokens for g in planner.plan("56mg or 0.5mg/kg ").groups for a in g.alternatives]
    assert ("56", "mg") in phrases and ("0", "5", "mg", "kg") in phrases
    assert planner.plan("56mg ").suggestion is None


def test_a_cue_word_inside_a_longer_term_cues_nothing(tmp_path: Path) -> None:
    """'alcohol addiction' is an addiction: its 'alcohol' does not ask for the handouts' alcohol rules."""
    terms = [{"terms": ["alcohol use disorder", "alcohol addiction"]}]
    packs = load(write_pack(tmp_path, "terms", _documents(), synonyms=terms))
    with SearchIndex.build(packs, tmp_path / "index.db") as index:
        planner = index._state().planner
        assert planner.plan("ketamine for alcohol addiction ").cues == set()
        assert planner.plan("alcohol after ketamine ").cues == {"rules"}


def test_whether_something_helps_is_asked_softly(tmp_path: Path) -> None:
    """'Does ketamine help with OCD' asks about OCD; 'help' counts less than the topic, as 'work'
    does, so the handout's 'When to get help' does not answer it."""
    documents = [
        protocol(
            "ocd", "Ketamine for OCD", {"evidence-ocd": ("Evidence", "One small trial of ketamine in OCD.")}
        ),
        handout("aftercare", "After ketamine", {"get-help": ("When to get help", ["Call the clinic."])}),
    ]
    packs = load(write_pack(tmp_path, "helps", documents))
    with SearchIndex.build(packs, tmp_path / "index.db") as index:
        assert top_target(index, "does ketamine help with ocd") == "ocd#evidence-ocd"
        assert top_target(index, "where can I get help") == "aftercare#get-help"


def test_a_bare_number_counts_less_than_the_words_of_the_question(tmp_path: Path) -> None:
    """'A lower dose at 70' asks about a lower dose: the 70 of '70 kg' is another figure."""
    documents = [
        protocol("dosing", "Dosing", {
            "older": ("Older adults", "Start lower in older adults."),
            "example": ("Worked example", "For a 70 kg adult the dose is 35 mg."),
            "usual": ("Usual dose", "0.5 mg/kg over 40 minutes."),
        }),
    ]  # fmt: skip
    with SearchIndex.build(load(write_pack(tmp_path, "numbers", documents)), tmp_path / "index.db") as index:
        assert top_target(index, "lower dose at 70") == "dosing#older"
        assert top_target(index, "worked example for 70") == "dosing#example"


def test_a_word_in_no_section_weighs_nothing(index: SearchIndex) -> None:
    """A word the index lacks and nothing corrects ('my mum') tells no section from another: its IDF is
    nil, and it is left out of the mean IDF that sizes the intent and audience bonuses."""
    planner = index._state().planner
    plan = planner.plan("what to do if the xylophonist blood pressure stays high ")
    stats = Statistics.of(plan, planner.vocabulary)
    words_searched = [g.alternatives[0].tokens for g in plan.groups]
    assert stats.idfs[words_searched.index(("xylophonist",))] == 0.0
    assert all(
        idf > 0 for tokens, idf in zip(words_searched, stats.idfs, strict=True) if tokens != ("xylophonist",)
    )
