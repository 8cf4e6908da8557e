"""Section-level ranking: intents, lay words, exact titles, study cards, snippets (issue 14)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.core.search import SearchIndex
from app.core.search.kinds import section_kinds
from app.core.search.snippets import centred
from app.core.search.text import MARK_CLOSE, MARK_OPEN, fill_placeholders
from tests.search.support import cards, load, protocol, write_pack

SYNONYMS = {
    "synonyms": [
        {"terms": ["esketamine", "spravato"]},
        {"terms": ["oral", "pills", "by mouth"]},
        {"terms": ["nausea", "sick to my stomach"]},
    ]
}


def _documents() -> list[dict[str, Any]]:
    return [
        protocol(
            "routes",
            "Other routes of ketamine",
            {
                "route-doses": ("Doses by route", "Oral ketamine doses span 0.25-7 mg/kg."),
                "monitoring": ("Monitoring", "Observe for 2 hours after each dose of esketamine."),
            },
            contraindications={
                "absolute": [{"text": "Esketamine: aneurysmal vascular disease.", "references": ["ref-a"]}]
            },
        ),
        protocol(
            "effects",
            "Adverse effects",
            {
                "nausea": ("Nausea and vomiting", "Nausea is common; fasting beforehand reduces it."),
                "ketamine-everywhere": (
                    "Session checks overview",
                    "Ketamine session checks: session checks ketamine oral esketamine monitoring driving.",
                ),
            },
        ),
        protocol(
            "session-checks",
            "Session checks",
            {"items": ("What to record", "Pulse and breathing at each visit.")},
        ),
        cards(
            "route-cards",
            "Route cards",
            [f"Oral ketamine dosing by route question {n}: oral dosing, oral ketamine?" for n in range(5)],
            "routes#route-doses",
        ),
    ]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    root = tmp_path_factory.mktemp("ranking")
    packs = load(write_pack(root, "ranking", _documents(), **SYNONYMS))
    with SearchIndex.build(packs, Path(root) / "index.db") as built:
        yield built


def _targets(index: SearchIndex, query: str, **filters: Any) -> list[str]:
    return [hit.target for hit in index.search(query, **filters).hits]


def test_question_framing_maps_to_section_kinds(index: SearchIndex) -> None:
    """'who cannot have' asks for contraindications; its framing words are not searched."""
    planner = index._state().planner
    plan = planner.plan("who cannot have spravato ")
    assert plan.intents == {"contraindications"}
    assert all("cannot" not in a.tokens for g in plan.groups for a in g.alternatives)
    assert planner.plan("how long do we observe ").intents == {"monitoring"}
    assert planner.plan("how much ketamine ").intents == {"dosing"}
    driving = planner.plan("can I drive after ketamine ")
    assert driving.cues == {"rules"} and driving.patient
    assert _targets(index, "who cannot have spravato")[0] == "routes#contraindications"


def test_section_kinds_come_from_ids_headings_and_document_kind() -> None:
    kinds = section_kinds("contraindications", "Contraindications and warnings", "protocol")
    assert kinds == "contraindications"
    assert "monitoring" in section_kinds("bp-40-min", "About 40 minutes after the dose", "checklist")
    assert section_kinds("before", "In the days before", "instructions") == "rules"
    assert section_kinds("worked-example", "Worked example", "calculator") == "calculation"


def test_lay_words_reach_clinical_terms(index: SearchIndex) -> None:
    """'pills' finds the oral route, 'sick to my stomach' finds nausea, through the pack's synonyms."""
    assert _targets(index, "ketamine pills")[0] == "routes#route-doses"
    assert _targets(index, "sick to my stomach")[0] == "effects#nausea"


def test_exact_title_ranks_that_document_first(index: SearchIndex) -> None:
    """A section that repeats the words loses to the document whose title they are."""
    assert _targets(index, "session checks")[0].startswith("session-checks")
    assert _targets(index, "Session Checks ")[0].startswith("session-checks")


def test_study_cards_never_above_reference_sections(index: SearchIndex) -> None:
    """The card deck says 'oral ketamine dosing' most often, yet the protocol section comes first."""
    hits = index.search("oral ketamine dosing").hits
    kinds = [hit.kind for hit in hits]
    assert "cards" in kinds and kinds.index("cards") > max(i for i, k in enumerate(kinds) if k != "cards")
    assert _targets(index, "oral ketamine dosing", kind="cards") == ["route-cards#cards"]


def test_sections_of_one_document_score_apart(index: SearchIndex) -> None:
    hits = [hit for hit in index.search("nausea fasting esketamine").hits if hit.doc_id == "effects"]
    assert len({hit.score for hit in hits}) == len(hits) > 1


def test_highlights_whole_words_only() -> None:
    """`ketamine` is not marked inside `esketamine`, and a phrase's common word is not marked alone."""
    marked = centred("Esketamine differs from ketamine; blood tests and blood pressure.", [
        (("ketamine",), 1.0), (("blood", "pressure"), 2.0),
    ])  # fmt: skip
    assert marked is not None
    assert f"Esketamine differs from {MARK_OPEN}ketamine{MARK_CLOSE}" in marked
    assert f"blood tests and {MARK_OPEN}blood{MARK_CLOSE} {MARK_OPEN}pressure{MARK_CLOSE}" in marked
    assert marked.count(MARK_OPEN) == 3


def test_snippet_is_centred_on_the_rarest_term() -> None:
    text = " ".join(["common"] * 60 + ["rare"] + ["common"] * 60)
    marked = centred(text, [(("common",), 0.1), (("rare",), 5.0)])
    assert marked is not None and f"{MARK_OPEN}rare{MARK_CLOSE}" in marked
    assert marked.startswith("…") and marked.endswith("…")


def test_placeholders_never_show_as_template_syntax() -> None:
    text = "Do not eat for {{fasting_hours}} hours; call {{ clinic_name }}. Answer: {{c1::61-84%}}."
    filled = fill_placeholders(text)
    assert filled == "Do not eat for [fasting hours] hours; call [clinic name]. Answer: 61-84%."
    assert "Riverside" in fill_placeholders(text, {"clinic_name": "Riverside"})
