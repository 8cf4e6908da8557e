"""The bundled ketamine-therapy pack: loads cleanly, every statement is sourced, and it is safe to use."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from app.core import model
from app.core.packs.loaded import FailedPack, Origin, Pack
from app.core.packs.loader import load_pack
from app.core.packs.outline import outline, section_ids
from app.core.system.paths import bundled_content_dir
from tests.conftest import CONTENT_CHECKED_ON

PACK_ID = "ketamine-therapy"

EXPECTED_DOCUMENTS = {
    "esketamine-trd": "protocol",
    "esketamine-mdsi": "protocol",
    "spravato-rems": "protocol",
    "ketamine-iv-trd": "protocol",
    "ketamine-assisted-psychotherapy": "protocol",
    "ketamine-chronic-pain": "protocol",
    "ketamine-other-routes": "protocol",
    "ketamine-ptsd-anxiety": "protocol",
    "ketamine-ocd-sud": "protocol",
    "ketamine-adverse-effects": "protocol",
    "ketamine-overview": "protocol",
    "esketamine-session-monitoring": "checklist",
    "ketamine-infusion-monitoring": "checklist",
    "ketamine-pretreatment-screening": "checklist",
    "ketamine-between-session-followup": "checklist",
    "esketamine-treatment-day": "instructions",
    "ketamine-infusion-day": "instructions",
    "ketamine-after-treatment": "instructions",
    "ketamine-iv-dose": "calculator",
    "esketamine-device-count": "calculator",
    "esketamine-cards": "cards",
}

EXPECTED_REGULATORY_STATUS = {
    "esketamine-trd": "approved",
    "esketamine-mdsi": "approved",
    "ketamine-iv-trd": "off-label",
    "ketamine-chronic-pain": "off-label",
    "ketamine-other-routes": "experimental",
    "ketamine-ptsd-anxiety": "experimental",
    "ketamine-ocd-sud": "experimental",
}

IDENTITY_WORDS = re.compile(
    r"\b(name|surname|date of birth|dob|birth ?date|mrn|medical record|record number|identity|identifier"
    r"|address|social security|ssn|nhs number|insurance number)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def pack() -> Pack:
    loaded = load_pack(bundled_content_dir() / PACK_ID, origin=Origin.BUNDLED, today=CONTENT_CHECKED_ON)
    if isinstance(loaded, FailedPack):
        details = "\n".join(f"{p.file}:{p.line}:{p.column} {p.code} {p.message}" for p in loaded.problems)
        pytest.fail(f"the bundled pack failed to load:\n{details}")
    return loaded


def _walk_references(data: Any) -> Iterator[str]:
    """Every reference id anywhere in a dumped document (sections, statements, items, alerts)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "references" and isinstance(value, list):
                yield from (ref for ref in value if isinstance(ref, str))
            else:
                yield from _walk_references(value)
    elif isinstance(data, list):
        for value in data:
            yield from _walk_references(value)


def _checklist_items(pack: Pack) -> Iterator[tuple[str, model.ChecklistItem]]:
    for doc in pack.documents.values():
        if isinstance(doc, model.Checklist):
            for point in doc.timepoints:
                for item in point.items:
                    yield doc.id, item


def test_pack_loads_without_problems(pack: Pack) -> None:
    """The bundled pack loads as a whole pack with no errors and no warnings."""
    assert pack.id == PACK_ID
    assert pack.problems == []


def test_pack_metadata(pack: Pack) -> None:
    """The manifest carries version 1.1.0, a disclaimer and the placeholders the handouts need."""
    manifest = pack.manifest
    assert manifest.version == "1.1.0"
    assert "clinical judgement" in manifest.disclaimer
    placeholders = {p.name: p for p in manifest.placeholders}
    for name in (
        "clinic_name",
        "clinic_phone",
        "fasting_hours",
        "crisis_line",
        "emergency_number",
        "after_hours_phone",
    ):
        assert name in placeholders, name
        assert placeholders[name].label and placeholders[name].description and placeholders[name].example


def test_every_section_has_a_reference(pack: Pack) -> None:
    """Every outline section of every document cites at least one source (card lists excepted)."""
    missing = [
        f"{doc.id}#{section.id}"
        for doc in pack.documents.values()
        for section in outline(doc)
        if not section.references and not (isinstance(doc, model.CardDeck) and section.id == "cards")
    ]
    assert missing == []


def test_every_reference_resolves(pack: Pack) -> None:
    """Every reference id used anywhere in a document is in the manifest's reference list."""
    known = {ref.id for ref in pack.manifest.references}
    unknown = {
        f"{doc.id}: {ref}"
        for doc in pack.documents.values()
        for ref in _walk_references(doc.model_dump(mode="python"))
        if ref not in known
    }
    assert unknown == set()


def test_every_reference_is_used(pack: Pack) -> None:
    """Every reference in the manifest is cited by at least one document, so the list holds no dead weight."""
    used = {ref for doc in pack.documents.values() for ref in _walk_references(doc.model_dump(mode="python"))}
    unused = {ref.id for ref in pack.manifest.references} - used
    assert unused == set()


def test_review_dates_lie_in_the_future(pack: Pack) -> None:
    """No document is overdue on the fixed check date, and none was reviewed after the pack's release."""
    overdue = [doc.id for doc in pack.documents.values() if doc.review_due <= CONTENT_CHECKED_ON]
    assert overdue == []
    released = pack.manifest.released
    assert all(doc.last_reviewed <= released for doc in pack.documents.values())


def test_number_items_have_unit_and_plausible_range(pack: Pack) -> None:
    """Every number item has a unit, an ordered plausible range and alert thresholds inside it."""
    for doc_id, item in _checklist_items(pack):
        if isinstance(item, model.NumberItem):
            assert item.unit.strip(), f"{doc_id}:{item.id}"
            assert item.plausible.min < item.plausible.max, f"{doc_id}:{item.id}"
            for alert in item.alerts:
                threshold = alert.above if alert.above is not None else alert.below
                assert threshold is not None
                assert item.plausible.min <= threshold <= item.plausible.max, f"{doc_id}:{item.id}"


def test_calculators_have_bounds(pack: Pack) -> None:
    """Every calculator input has min below max, and every calculator has a maximum dose."""
    calculators = [doc for doc in pack.documents.values() if isinstance(doc, model.Calculator)]
    assert calculators
    for doc in calculators:
        calc = doc.calculation
        assert calc.max_dose_mg > 0, doc.id
        if isinstance(calc, model.WeightBasedDose):
            for field in (calc.weight, calc.dose_per_kg, calc.concentration, calc.infusion_minutes):
                assert field.min < field.max, f"{doc.id}: {field.label}"
        else:
            assert all(dose <= calc.max_dose_mg for dose in calc.allowed_doses_mg), doc.id


def test_iv_dose_calculator_matches_the_sources(pack: Pack) -> None:
    """The IV calculator spans 0.1-0.75 mg/kg, defaults to 0.5 mg/kg over 40 min; 70 kg x 0.5 = 35 mg fits."""
    calc = pack.documents["ketamine-iv-dose"].calculation
    assert isinstance(calc, model.WeightBasedDose)
    assert (calc.dose_per_kg.min, calc.dose_per_kg.max, calc.dose_per_kg.default) == (0.1, 0.75, 0.5)
    assert calc.infusion_minutes.default == 40
    assert calc.weight.min <= 70 <= calc.weight.max
    assert 70 * 0.5 == 35 <= calc.max_dose_mg
    assert calc.weight.max * calc.dose_per_kg.max <= calc.max_dose_mg


def test_device_calculator_matches_the_label(pack: Pack) -> None:
    """Esketamine comes as 28 mg devices of 2 sprays, a 5-minute wait, and at most 84 mg per session."""
    calc = pack.documents["esketamine-device-count"].calculation
    assert isinstance(calc, model.DeviceCount)
    assert (calc.mg_per_device, calc.sprays_per_device, calc.wait_minutes_between_devices) == (28, 2, 5)
    assert calc.max_dose_mg == 84
    assert {56, 84} <= set(calc.allowed_doses_mg)


def test_every_card_source_resolves(pack: Pack) -> None:
    """Every study card points to a document section that exists."""
    broken = []
    for doc in pack.documents.values():
        if isinstance(doc, model.CardDeck):
            for card in doc.cards:
                target_id, _, section = card.source.partition("#")
                target = pack.documents.get(target_id)
                if target is None or section not in section_ids(target):
                    broken.append(f"{doc.id}/{card.id} -> {card.source}")
    assert broken == []


def test_cards_cover_every_protocol_checklist_and_instruction_sheet(pack: Pack) -> None:
    """Each protocol, checklist and instruction sheet is the source of at least one study card."""
    sourced = {
        card.source.partition("#")[0]
        for doc in pack.documents.values()
        if isinstance(doc, model.CardDeck)
        for card in doc.cards
    }
    wanted = {
        doc.id
        for doc in pack.documents.values()
        if isinstance(doc, model.Protocol | model.Checklist | model.Instructions)
    }
    assert wanted - sourced == set()


def test_every_document_kind_is_present(pack: Pack) -> None:
    """The pack holds at least one protocol, checklist, instruction sheet, calculator and card deck."""
    kinds = {doc.kind for doc in pack.documents.values()}
    assert kinds == set(model.DOCUMENT_KINDS)


def test_at_least_sixty_cards_of_both_types(pack: Pack) -> None:
    """There are at least 60 study cards, including both basic and cloze cards."""
    cards = [card for doc in pack.documents.values() if isinstance(doc, model.CardDeck) for card in doc.cards]
    assert len(cards) >= 60
    assert any(isinstance(card, model.BasicCard) for card in cards)
    assert any(isinstance(card, model.ClozeCard) for card in cards)


def test_named_documents_exist_with_their_kinds(pack: Pack) -> None:
    """Every document the issue names exists, with the right kind."""
    for doc_id, kind in EXPECTED_DOCUMENTS.items():
        assert doc_id in pack.documents, doc_id
        assert pack.documents[doc_id].kind == kind, doc_id


def test_regulatory_status_of_each_use(pack: Pack) -> None:
    """Approved, off-label and experimental uses are labelled as such (IV ketamine is never 'approved')."""
    for doc_id, status in EXPECTED_REGULATORY_STATUS.items():
        assert pack.documents[doc_id].regulatory_status.value == status, doc_id


def test_no_checklist_item_asks_for_identity(pack: Pack) -> None:
    """No checklist item asks for a name, date of birth, record number or other identifier."""
    offending = [
        f"{doc_id}:{item.id}: {item.label}"
        for doc_id, item in _checklist_items(pack)
        if IDENTITY_WORDS.search(item.label)
    ]
    assert offending == []


def test_esketamine_monitoring_follows_the_rems_form(pack: Pack) -> None:
    """Esketamine monitoring lasts 120 min and records BP before the dose, at 40 min and before discharge."""
    doc = pack.documents["esketamine-session-monitoring"]
    assert isinstance(doc, model.Checklist)
    assert doc.min_monitoring_minutes == 120
    offsets = {point.id: point.offset_minutes for point in doc.timepoints}
    assert offsets["pre-dose"] < 0 and offsets["bp-40-min"] == 40 and offsets["before-discharge"] >= 120
    for point_id in ("pre-dose", "bp-40-min", "before-discharge"):
        point = next(p for p in doc.timepoints if p.id == point_id)
        assert any(isinstance(i, model.NumberItem) and i.unit == "mmHg" for i in point.items), point_id
    labels = " ".join(item.label.lower() for point in doc.timepoints for item in point.items)
    for medicine in ("benzodiazepine", "hypnotic", "psychostimulant", "maoi", "opioid"):
        assert medicine in labels, medicine
    assert doc.discharge_criteria


def test_pre_dose_bp_alert_is_a_prompt_not_a_hard_stop(pack: Pack) -> None:
    """The 140/90 pre-dose alert is a warning that says it is not an absolute cut-off."""
    doc = pack.documents["esketamine-session-monitoring"]
    assert isinstance(doc, model.Checklist)
    item = next(i for i in doc.timepoints[0].items if i.id == "pre-sbp")
    assert isinstance(item, model.NumberItem)
    alert = next(a for a in item.alerts if a.above == 140)
    assert alert.severity is model.Severity.WARNING
    assert "not an absolute cut-off" in alert.message


def test_scales_cover_moaas_anchors(pack: Pack) -> None:
    """Every MOAA/S item offers the six levels 0-5 with the label's anchors for 5 and 0."""
    scales = [
        item
        for _, item in _checklist_items(pack)
        if isinstance(item, model.ScaleItem) and item.scale == "MOAA/S"
    ]
    assert scales
    for item in scales:
        options = {option.value: option.label for option in item.options}
        assert set(options) == set(range(6)), item.id
        assert "responds readily to name spoken in normal tone" in options[5]
        assert "no response after painful trapezius squeeze" in options[0]


def test_instructions_mark_key_rules_and_keep_the_driving_rules_apart(pack: Pack) -> None:
    """Handouts mark key rules; esketamine says next day after restful sleep, IV says 24 hours."""
    for doc in pack.documents.values():
        if isinstance(doc, model.Instructions):
            assert doc.key_rules and all(rule.important for rule in doc.key_rules), doc.id
    esketamine = " ".join(r.text for r in pack.documents["esketamine-treatment-day"].key_rules)
    infusion = " ".join(r.text for r in pack.documents["ketamine-infusion-day"].key_rules)
    assert "next day, after a restful sleep" in esketamine and "24 hours" not in esketamine
    assert "24 hours" in infusion and "restful sleep" not in infusion


def test_label_contraindications_are_kept_apart(pack: Pack) -> None:
    """Esketamine's absolute contraindications are exactly the three label ones; the rest are warnings."""
    doc = pack.documents["esketamine-trd"]
    assert isinstance(doc, model.Protocol)
    absolute = " ".join(s.text.lower() for s in doc.contraindications.absolute)
    assert len(doc.contraindications.absolute) == 3
    assert (
        "aneurysmal" in absolute and "intracerebral hemorrhage" in absolute and "hypersensitivity" in absolute
    )
    for not_a_label_ci in ("pregnan", "psychosis", "uncontrolled hypertension"):
        assert not_a_label_ci not in absolute


def test_protocols_have_the_required_parts(pack: Pack) -> None:
    """Every treatment protocol has the parts the issue lists, from eligibility to references."""
    required = {
        "indications",
        "eligibility",
        "monitoring",
        "setting-and-staff",
        "discharge",
        "follow-up",
        "references",
    }
    for doc_id, kind in EXPECTED_DOCUMENTS.items():
        if kind != "protocol" or doc_id in {"ketamine-adverse-effects", "ketamine-overview"}:
            continue
        ids = section_ids(pack.documents[doc_id])
        assert required <= ids, f"{doc_id} lacks {sorted(required - ids)}"
        assert any(i.startswith("evidence") for i in ids), doc_id


DOC_LINK = re.compile(r"\]\(doc:([a-z0-9-]+)(?:#([a-z0-9-]+))?\)")


def test_internal_links_resolve(pack: Pack) -> None:
    """Every `doc:` link in a section body points to an existing document and section."""
    broken = []
    for doc in pack.documents.values():
        for section in doc.sections:
            for target_id, section_id in DOC_LINK.findall(section.body):
                target = pack.documents.get(target_id)
                if target is None or (section_id and section_id not in section_ids(target)):
                    broken.append(f"{doc.id}#{section.id} -> {target_id}#{section_id}")
    assert broken == []
