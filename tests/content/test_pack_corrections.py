"""Checks that would have caught the errors a clinical review found in pack 1.0.0 (issue 16).

Each test names the mistake it guards against: an adverse-reaction table that dropped common
reactions, review dates that disagree with the pack's interval, study cards that test the app rather
than the clinic, pregnancy wording softer than the label, and an anesthetic ICU rate in a pain dosing row.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.core import model
from app.core.packs.loaded import FailedPack, Origin, Pack
from app.core.packs.loader import load_pack
from app.core.packs.outline import outline
from app.core.system.paths import bundled_content_dir
from tests.conftest import CONTENT_CHECKED_ON

LABEL_MOST_COMMON = (
    "dissociation",
    "dizziness",
    "nausea",
    "sedation",
    "vertigo",
    "hypoesthesia",
    "anxiety",
    "lethargy",
    "blood pressure increased",
    "vomiting",
    "feeling drunk",
)
"""The SPRAVATO Highlights list of most common adverse reactions (at least 5% and twice placebo)."""

LABEL_TRD_TABLE = (
    *LABEL_MOST_COMMON,
    "headache",
    "dysgeusia",
    "insomnia",
    "nasal discomfort",
    "throat irritation",
    "dysarthria",
    "euphoric mood",
    "pollakiuria",
)
"""Rows of the label's TRD adverse-reaction table known to this pack; a section that reproduces the
table must carry all of them or say plainly that it shows a selection."""

TABLE_CLAIM = re.compile(r"\b(?:TRD|label) (?:adverse-reaction )?table\b", re.IGNORECASE)
SELECTION = re.compile(r"\ba selection\b|\bnot the full\b", re.IGNORECASE)

APP_WORDS = re.compile(
    r"\b(checklist|calculator|placeholder|handout|the app|this app|this pack|the pack|alert rule"
    r"|item counts?|site setting)s?\b",
    re.IGNORECASE,
)
"""Words that show a study card is about how Protocol Desk is built rather than about patients."""

LABEL_REVIEW_MONTHS = 6
"""Documents about esketamine and its REMS follow the label, which changes often (pack disclaimer)."""

PREGNANCY_FIRM = re.compile(
    r"not recommended during pregnancy|should not (?:use|take) SPRAVATO", re.IGNORECASE
)


@pytest.fixture(scope="module")
def pack() -> Pack:
    root = bundled_content_dir() / "ketamine-therapy"
    loaded = load_pack(root, origin=Origin.BUNDLED, today=CONTENT_CHECKED_ON)
    assert not isinstance(loaded, FailedPack), loaded.problems
    return loaded


def _section(pack: Pack, target: str) -> model.Section:
    doc_id, _, section_id = target.partition("#")
    return next(s for s in pack.documents[doc_id].sections if s.id == section_id)


def _months(start: date, end: date) -> int:
    """Whole months from start to end, rounding a part month up."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months + (1 if end.day > start.day else 0)


def test_most_common_reactions_are_all_listed(pack: Pack) -> None:
    """The common-effects section names every reaction on the label's most-common list."""
    body = _section(pack, "ketamine-adverse-effects#common-effects").body.lower()
    assert [term for term in LABEL_MOST_COMMON if term not in body] == []


def test_a_label_table_is_complete_or_called_a_selection(pack: Pack) -> None:
    """A section reproducing a label table (five or more reactions) is complete or says it is a selection.

    Quoting one figure from a table is a citation; listing many reads as the table itself, so a reader
    would take a missing row for a reaction that does not occur.
    """
    incomplete = []
    for doc in pack.documents.values():
        for section in doc.sections:
            body = section.body.lower()
            named = [row for row in LABEL_TRD_TABLE if row in body]
            if len(named) < 5 or not TABLE_CLAIM.search(body) or SELECTION.search(body):
                continue
            missing = [row for row in LABEL_TRD_TABLE if row not in body]
            if missing:
                incomplete.append(f"{doc.id}#{section.id} lacks {missing}")
    assert incomplete == []


def test_review_dates_follow_the_pack_interval(pack: Pack) -> None:
    """No document's review falls later than the pack's interval; esketamine documents every 6 months."""
    interval = pack.manifest.review_interval_months
    late = []
    for doc in pack.documents.values():
        limit = LABEL_REVIEW_MONTHS if doc.id.startswith(("esketamine-", "spravato-")) else interval
        if _months(doc.last_reviewed, doc.review_due) > limit:
            late.append(f"{doc.id}: {doc.last_reviewed} -> {doc.review_due} (limit {limit} months)")
    assert late == []
    assert "every 12 months" in pack.manifest.disclaimer and interval == 12


def test_no_study_card_is_about_the_app(pack: Pack) -> None:
    """Cards ask what a trainee is examined on, never how checklists, calculators or handouts are built."""
    about_app = []
    for doc in pack.documents.values():
        if isinstance(doc, model.CardDeck):
            for card in doc.cards:
                parts = (getattr(card, name, "") for name in ("front", "back", "text"))
                text = " ".join(parts)
                if APP_WORDS.search(text):
                    about_app.append(f"{doc.id}:{card.id}")
    assert about_app == []


@pytest.mark.parametrize(
    "target",
    [
        "ketamine-adverse-effects#pregnancy-lactation",
        "esketamine-trd#contraindications",
        "ketamine-pretreatment-screening#screening-visit",
        "esketamine-treatment-day#before",
    ],
)
def test_pregnancy_wording_is_the_labels(pack: Pack, target: str) -> None:
    """Where esketamine and pregnancy meet, the label's firm wording is used, not 'benefit-risk'."""
    doc_id, _, section_id = target.partition("#")
    text = next(s.text for s in outline(pack.documents[doc_id]) if s.id == section_id)
    assert PREGNANCY_FIRM.search(text), target


def test_pregnancy_card_uses_the_label_wording(pack: Pack) -> None:
    """The pregnancy card says 'not recommended' and 'discontinued', as the label does."""
    deck = pack.documents["ketamine-safety-cards"]
    assert isinstance(deck, model.CardDeck)
    card = next(c for c in deck.cards if c.id == "ae-pregnancy")
    assert isinstance(card, model.BasicCard)
    assert "not recommended during pregnancy" in card.back.lower()
    assert "discontinued" in card.back


def test_pain_dosing_rows_carry_no_anesthetic_or_icu_rates(pack: Pack) -> None:
    """Chronic-pain dosing rows come from the chronic-pain consensus, not ICU or acute-pain regimens."""
    protocol = pack.documents["ketamine-chronic-pain"]
    assert isinstance(protocol, model.Protocol)
    for row in protocol.dosing:
        assert not re.search(r"\bICU\b|7 mg/kg/h|bolus up to", row.dose, re.IGNORECASE), row.dose
    assert any("80 mg" in row.dose for row in protocol.dosing)


@pytest.mark.parametrize(
    "target",
    [
        f"{doc}#monitoring"
        for doc in ("ketamine-assisted-psychotherapy", "ketamine-iv-trd", "ketamine-chronic-pain")
    ],
)
def test_every_ketamine_session_monitors_vital_signs(pack: Pack, target: str) -> None:
    # Round 5 of issue 14: the KAP monitoring section referred to another checklist and never said
    # that vital signs are watched, though ketamine is given to the standards of anesthetic medicines.
    section = _section(pack, target)
    assert re.search(r"\bvital[- ]signs?\b", section.body, re.IGNORECASE), target
    assert section.references, target
