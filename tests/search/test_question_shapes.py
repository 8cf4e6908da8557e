"""Questions whose shape says which section answers, whatever their words (issue 14, round 4):
how long a treatment's benefit lasts; why a precaution is taken; what a document says."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.search import SearchIndex
from app.core.search.kinds import audience
from app.core.search.query import content_words
from app.core.search.text import words
from tests.search.support import index_of, protocol, top_target


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    sections = {
        "monitoring": ("Monitoring", "Check the pulse every 15 minutes during the lidocaine infusion."),
        "numbness": ("Numbness", "Numb lips are common; they last an hour after the infusion."),
        "follow-up": ("Follow-up", "Relief fades within three weeks; plan the next course early."),
        "help": ("Getting help", "Call the clinic for help if the pain returns sharply."),
        "what-it-is": (
            "What it is",
            "A local anaesthetic; outside trials it is given under the access programme.",
        ),
        "cautions": ("Contraindications", "Heart block; allergy to amide anaesthetics."),
    }
    harms = {
        "rhythm": ("Heart rhythm", "Lidocaine slows conduction at 20 minutes: a slow pulse is the sign."),
        "manage-slow": ("What to do: slow pulse", "Stop the infusion; check the pulse every 5 minutes."),
        "schedules": ("Controlled drug status", "Not a controlled drug: there is no misuse signal."),
    }
    documents = [
        protocol("lidocaine", "Lidocaine infusion for neuropathic pain", sections),
        protocol("lidocaine-harms", "Adverse effects of lidocaine", harms),
        protocol(
            "programme",
            "The lidocaine access programme - registration and forms",
            {
                "registration": (
                    "Registration",
                    "Register each clinic with the programme before the first infusion.",
                )
            },
            aliases=["access programme", "LAP"],
        ),
        protocol(
            "mexiletine",
            "Mexiletine tablets",
            {
                "cautions": (
                    "Contraindications",
                    "Mention any heart block: it adds to the risk, as it does with lidocaine.",
                )
            },
        ),
    ]
    with index_of(tmp_path_factory.mktemp("shapes"), "shapes", documents) as built:
        yield built


def test_how_long_a_benefit_lasts_is_asked_of_follow_up(index: SearchIndex) -> None:
    assert top_target(index, "how long will lidocaine keep working") == "lidocaine#follow-up"
    assert top_target(index, "how long does the pain relief from lidocaine last") == "lidocaine#follow-up"
    assert top_target(index, "how long do lidocaine infusions help for") == "lidocaine#follow-up"
    # Without a word of benefit, "how long" is about monitoring, or about the thing named.
    assert top_target(index, "how long do we watch them after lidocaine") == "lidocaine#monitoring"
    assert top_target(index, "how long does the numbness last") == "lidocaine#numbness"


def test_why_asks_for_the_reason_not_the_instruction(index: SearchIndex) -> None:
    assert top_target(index, "why do we check the pulse at 20 minutes") == "lidocaine-harms#rhythm"
    assert top_target(index, "how come lidocaine is not a controlled drug") == "lidocaine-harms#schedules"
    # Asked what to do, the instruction answers.
    assert top_target(index, "pulse under 50, what to do") == "lidocaine-harms#manage-slow"


def test_asking_what_a_document_says_searches_for_its_subject(index: SearchIndex) -> None:
    # "mention", "add", "cover" ask what the named document says, not about mentioning or adding.
    assert top_target(index, "does the lidocaine protocol mention contraindications") == "lidocaine#cautions"
    assert top_target(index, "do the lidocaine rules add contraindications") == "lidocaine#cautions"


def test_what_a_document_is_named_after_is_said_by_its_summary(index: SearchIndex) -> None:
    assert top_target(index, "what is the access programme") == "programme"
    assert top_target(index, "what's the programme") == "programme"
    # The last words of a long name are not the whole of what the document is about.
    assert top_target(index, "what is neuropathic pain") != "lidocaine"
    assert top_target(index, "what is registration") == "programme#registration"


def test_im_is_a_route_not_a_patient_speaking() -> None:
    # "I'm" is typed with its apostrophe ("i", "m"); "IM" is intramuscular, and part of names.
    assert audience(words("how long to observe after an IM lidocaine dose")) == (False, False)
    assert audience(words("I'm on lidocaine, can I drive")) == (True, False)
    assert content_words("IM lidocaine") == ["im", "lidocaine"]


def test_a_contraction_is_no_content_but_a_hyphenated_term_is(index: SearchIndex) -> None:
    planner = index._state().planner
    searched = [a.tokens for g in planner.plan("I'm on lidocaine, they're ").groups for a in g.alternatives]
    assert searched == [("lidocaine",)]
    add_on = [a.tokens for g in planner.plan("lidocaine as add-on ").groups for a in g.alternatives]
    assert ("add", "on") in add_on


def test_given_says_how_a_drug_reaches_the_patient_not_what_is_asked(tmp_path: Path) -> None:
    # "Given", like "taken", is said of every drug: "how often is X given" asks for the schedule,
    # "who must be present while X is given" for the staff, not for a section that says "given".
    sections = {
        "schedule": ("Dosing and schedule", "Twice a week in weeks 1 to 4, then weekly."),
        "staffing": ("Staffing", "A physician must be present on site for every session."),
        "history": ("History", "Given weekly in early trials; a physician has given it by mouth at home."),
    }
    documents = [protocol("mexiletine", "Mexiletine for neuropathic pain", sections)]
    with index_of(tmp_path, "given", documents) as index:
        assert top_target(index, "how often is mexiletine given in week 5") == "mexiletine#schedule"
        assert (
            top_target(index, "must a physician be on site while mexiletine is given")
            == "mexiletine#staffing"
        )


def test_approval_is_asked_of_the_regulatory_status(tmp_path: Path) -> None:
    # "Approved", "licensed" ask where a use stands with the regulator: of two sections with the
    # same words, the one whose heading says regulatory status (or indications) answers.
    said = "Approved for arrhythmia in 1986; licensed for pain nowhere."
    sections = {"history": ("History", said), "regulatory": ("Evidence and regulatory status", said)}
    with index_of(tmp_path, "regulatory", [protocol("mexiletine", "Mexiletine", sections)]) as index:
        assert top_target(index, "when was mexiletine approved for arrhythmia") == "mexiletine#regulatory"
        assert top_target(index, "is mexiletine licensed for pain") == "mexiletine#regulatory"


def test_the_benefit_asked_about_is_framing_in_how_long_it_lasts(tmp_path: Path) -> None:
    # "How long does the antidepressant effect last" asks when the benefit fades: the words naming
    # the benefit say what lasts, as "help" does, and do not pull a section that only uses them.
    sections = {
        "mood": ("Mood", "One trial looked for an antidepressant effect of lidocaine and found none."),
        "follow-up": (
            "Follow-up",
            "Benefit after a single infusion fades within weeks; plan the next course.",
        ),
    }
    documents = [protocol("lidocaine", "Lidocaine for neuropathic pain", sections)]
    with index_of(tmp_path, "lasting", documents) as index:
        query = "how long does the antidepressant effect of one infusion last"
        assert top_target(index, query) == "lidocaine#follow-up"
        # Nothing but framing left: the benefit is searched rather than nothing.
        assert index._state().planner.plan("how long does the relief last").groups
        assert top_target(index, "how long does the benefit last") == "lidocaine#follow-up"


def test_like_frames_what_was_felt_and_is_not_searched(tmp_path: Path) -> None:
    # "It felt like ..." only frames the feeling; texts write "like" for "such as", so a section that
    # lists "pills like X" must not outrank the one about the feeling.
    sections = {
        "before": ("Before", "Tell us about pills like sleeping pills or anxiety pills."),
        "numbness": ("Numbness", "Numb lips and tingling are common during the infusion."),
    }
    documents = [protocol("mexiletine", "Mexiletine for neuropathic pain", sections)]
    with index_of(tmp_path, "like", documents) as index:
        assert top_target(index, "it felt like tingling") == "mexiletine#numbness"
