"""Lay words reach the clinical sections through the bundled pack's synonyms (issue 14).

Each phrase is how a patient or a hurried clinician says it, not the word the content uses; its
section must be among the first three hits. The phrases are the synonyms' reason to exist: a
synonym removed or mis-grouped in content/ketamine-therapy/pack.yaml fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.packs.loaded import Origin
from app.core.packs.roots import PackRoot, load_packs
from app.core.search import SearchIndex
from app.core.system.paths import bundled_content_dir
from tests.search.support import handout, index_of, protocol

EFFECTS = "ketamine-adverse-effects"
LAY_PHRASES = {
    "slow breathing": f"{EFFECTS}#respiratory-depression",
    "shallow breathing after ketamine": f"{EFFECTS}#respiratory-depression",
    "feeling lightheaded": f"{EFFECTS}#dizziness",
    "room spinning": f"{EFFECTS}#dizziness",
    "passed out": f"{EFFECTS}#manage-oversedation",
    "brain fog after ketamine": f"{EFFECTS}#cognition-driving",
    "racing thoughts": f"{EFFECTS}#mania",
    "sleepy after spravato": f"{EFFECTS}#sedation",
    "seeing things after ketamine": f"{EFFECTS}#emergence-reactions",
    "throwing up after spravato": f"{EFFECTS}#nausea-vomiting",
    # Said in the first person, the handouts that say "sick to your stomach" answer first.
    "sick to my stomach": "esketamine-treatment-day#monitoring",
    "patient sick to their stomach": f"{EFFECTS}#nausea-vomiting",
    "spaced out": f"{EFFECTS}#dissociation",
    "floaty": f"{EFFECTS}#dissociation",
    "patient felt out of their body": f"{EFFECTS}#dissociation",
    "felt like I was outside my body": "ketamine-infusion-day#day-of",
    "patient hard to rouse after esketamine": f"{EFFECTS}#sedation",
    # A patient's "appointment" is the handout's "treatment time" (not "keep your next appointment").
    "last meal before my appointment": "esketamine-treatment-day#day-of",
    # "Warning signs" are signs: not the sections headed "Contraindications and warnings".
    "warning signs of spravato abuse": "esketamine-trd#follow-up",
    "habit forming": f"{EFFECTS}#abuse-misuse",
    "bad trip": f"{EFFECTS}#manage-distress",
    "clip on my finger": "esketamine-treatment-day#monitoring",
    "pulse ox": f"{EFFECTS}#respiratory-depression",
    "agreeing to treatment": "ketamine-overview#informed-consent",
    "ketamine pills": "ketamine-other-routes#indications",
    "blood work before ketamine": "ketamine-pretreatment-screening#screening-visit",
    "hospital admission": "ketamine-iv-trd#screening-suicide-risk",
    "missed appointment spravato": "esketamine-trd#missed-sessions",
    "over 65 esketamine": "esketamine-trd#older-adults",
    "pregnant and spravato": f"{EFFECTS}#pregnancy-lactation",
    "glass of wine after treatment": "esketamine-treatment-day#after",
    # Brand names and the words of people who do not use the content's terms.
    "ativan before a ketamine infusion": "ketamine-iv-trd#benzodiazepines-lamotrigine",
    "ritalin with esketamine": "esketamine-session-monitoring#pre-dose",
    "adderall and ketamine": f"{EFFECTS}#interactions",
    "glaucoma": "ketamine-chronic-pain#contraindications",
    "vomited in the car after ketamine": f"{EFFECTS}#nausea-vomiting",
    "telehealth ketamine": "ketamine-other-routes#fda-compounded-ketamine-warning",
    "skipped two spravato sessions": "esketamine-trd#missed-sessions",
    "avm and spravato": "esketamine-trd#contraindications",
    "is ketamine any use for alcohol addiction": "ketamine-ocd-sud#evidence-sud",
    "subq ketamine dosing": "ketamine-other-routes#dosing",
    "cup of tea before my spravato": "esketamine-treatment-day#key-rules",
    "need the toilet all the time after ketamine": "ketamine-after-treatment#next-days",
    "candidates for ketamine in PTSD": "ketamine-ptsd-anxiety#eligibility",
    "is my dad suitable for spravato": "esketamine-trd#eligibility",
    "ketamine infusion vitals": "ketamine-iv-trd#monitoring",
    "what are the ketamine calculator cut-offs": "ketamine-iv-dose#bounds",
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    packs = load_packs([PackRoot(bundled_content_dir(), Origin.BUNDLED)])
    with SearchIndex.build(packs, Path(tmp_path_factory.mktemp("lay")) / "index.db") as built:
        yield built


@pytest.mark.parametrize(("phrase", "target"), LAY_PHRASES.items())
def test_lay_phrase_finds_its_section(index: SearchIndex, phrase: str, target: str) -> None:
    found = [hit.target for hit in index.search(phrase, limit=3).hits]
    assert target in found, (phrase, found)


def test_a_symptom_is_not_the_indication_named_after_it(index: SearchIndex) -> None:
    # MDSI is an indication (depression with acute suicidal ideation or behaviour): asking about
    # suicidal thoughts is not asking about the esketamine indication, whose abbreviation a section
    # on benzodiazepines in the MDSI trials happens to use.
    planner = index._state().planner
    assert "mdsi" not in planner.plan("suicidal thoughts ").expanded
    assert "suicidal ideation" in planner.plan("suicidal thoughts ").expanded
    found = [hit.target for hit in index.search("suicidal ideation ketamine evidence", limit=3).hits]
    assert found[0] == "ketamine-iv-trd#suicidal-ideation", found


def test_a_lay_phrase_holds_for_whoever_says_it(tmp_path: Path) -> None:
    # The pack lists "sick to my stomach" as a patient says it; a handout writes "your stomach", a
    # protocol "their stomach". The phrase is the same whoever it is said of.
    documents = [
        handout("day", "Treatment day", {"during": ("During", ["You may feel sick to your stomach."])}),
        protocol("effects", "Effects", {"gut": ("Gut", "Some patients feel sick to their stomach.")}),
        protocol("other", "Other", {"meals": ("Meals", "Stomach upset is rare; sick leave is not needed.")}),
    ]
    synonyms = {"synonyms": [{"terms": ["nausea", "sick to my stomach"]}]}
    with index_of(tmp_path, "persons", documents, **synonyms) as index:
        found = {hit.target for hit in index.search("sick to my stomach", limit=2).hits}
        assert found == {"day#during", "effects#gut"}, found


def test_the_drug_named_before_addiction_is_the_one_misused(index: SearchIndex) -> None:
    # "Alcohol addiction" is addiction to alcohol; so is "ketamine addiction" to ketamine: the misuse
    # sections answer, not the trials of ketamine as a treatment of addiction.
    for question in ("is my son addicted to ketamine", "esketamine addiction risk"):
        found = [hit.target for hit in index.search(question, limit=3).hits]
        assert "ketamine-adverse-effects#abuse-misuse" in found or (
            "ketamine-between-session-followup#follow-up-contact" in found
        ), (question, found)
        assert not any(target.startswith("ketamine-ocd-sud") for target in found), (question, found)
    # Ketamine *for* an addiction is still the treatment.
    found = [hit.target for hit in index.search("can ketamine treat cocaine addiction", limit=3).hits]
    assert found[0].startswith("ketamine-ocd-sud#"), found
