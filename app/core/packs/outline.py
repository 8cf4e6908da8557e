"""A uniform outline of any document: the sections a reader, the index and the cards see.

Structured parts (indications, dosing, timepoints, instruction phases) become sections with
reserved ids, so that search hits, study cards and links can point at them like authored ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core import model
from app.core.model.checklist import ChecklistItem

RESERVED_SECTION_IDS = frozenset(
    {"indications", "contraindications", "dosing", "discharge-criteria", "key-rules", "calculation", "cards"}
)


@dataclass(frozen=True)
class OutlineSection:
    """A section as plain text plus the reference ids behind it."""

    id: str
    title: str
    text: str
    references: tuple[str, ...]
    structured: bool = False


def _refs(*groups: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for ref in group:
            seen.setdefault(ref, None)
    return tuple(seen)


def _statements(statements: list[model.Statement]) -> tuple[str, tuple[str, ...]]:
    text = "\n".join(f"- {s.text}" for s in statements)
    return text, _refs(*(s.references for s in statements))


def _protocol_sections(doc: model.Protocol) -> list[OutlineSection]:
    sections = []
    text, refs = _statements(doc.indications)
    sections.append(OutlineSection("indications", "Indications", text, refs, True))
    ci = doc.contraindications
    if ci.boxed_warning or ci.absolute or ci.relative or ci.warnings:
        parts: list[str] = []
        refs_all: list[str] = []
        for title, group in (
            ("BOXED WARNING", [ci.boxed_warning] if ci.boxed_warning else []),
            ("Contraindications", ci.absolute),
            ("Relative", ci.relative),
            ("Warnings", ci.warnings),
        ):
            if group:
                body, refs = _statements(group)
                parts.append(f"{title}:\n{body}")
                refs_all.extend(refs)
        title = "Contraindications and warnings"
        sections.append(OutlineSection("contraindications", title, "\n".join(parts), _refs(refs_all), True))
    if doc.dosing:
        lines = [_regimen_line(r) for r in doc.dosing]
        refs = _refs(*(r.references for r in doc.dosing))
        sections.append(OutlineSection("dosing", "Dosing and schedule", "\n".join(lines), refs, True))
    return sections


def _regimen_line(regimen: model.protocol.DosingRegimen) -> str:
    parts = [regimen.phase, regimen.route, regimen.dose, regimen.frequency]
    parts += [p for p in (regimen.duration, regimen.limits, regimen.notes) if p]
    return "- " + "; ".join(parts)


def _item_text(item: ChecklistItem) -> str:
    text = item.label + (f" ({item.unit})" if isinstance(item, model.NumberItem) else "")
    alerts = getattr(item, "alerts", [])
    return "\n".join([f"- {text}", *(f"  - {a.message}" for a in alerts)])


def _item_refs(item: ChecklistItem) -> tuple[str, ...]:
    alerts = getattr(item, "alerts", [])
    return _refs(item.references, *(a.references for a in alerts))


def _checklist_sections(doc: model.Checklist) -> list[OutlineSection]:
    sections = []
    for point in doc.timepoints:
        text = "\n".join(_item_text(i) for i in point.items)
        refs = _refs(point.references, *(_item_refs(i) for i in point.items))
        sections.append(OutlineSection(point.id, point.label, text, refs, True))
    if doc.discharge_criteria:
        text, refs = _statements(doc.discharge_criteria)
        sections.append(OutlineSection("discharge-criteria", "Discharge criteria", text, refs, True))
    return sections


def _instruction_sections(doc: model.Instructions) -> list[OutlineSection]:
    sections = []
    if doc.key_rules:
        text = "\n".join(f"- {r.text}" for r in doc.key_rules)
        refs = _refs(*(r.references for r in doc.key_rules))
        sections.append(OutlineSection("key-rules", "The most important rules", text, refs, True))
    for phase in doc.phases:
        text = "\n".join(f"- {i.text}" for i in phase.items)
        refs = _refs(*(i.references for i in phase.items))
        sections.append(OutlineSection(phase.id, phase.title, text, refs, True))
    return sections


def _calculator_sections(doc: model.Calculator) -> list[OutlineSection]:
    calc = doc.calculation
    if isinstance(calc, model.WeightBasedDose):
        text = (
            f"Dose = weight x {calc.dose_per_kg.unit}, at most {calc.max_dose_mg:g} mg; "
            f"volume = dose / concentration; rate = volume over {calc.infusion_minutes.label.lower()}."
        )
    else:
        doses = ", ".join(f"{d:g}" for d in calc.allowed_doses_mg)
        text = (
            f"{calc.mg_per_device:g} mg per device, {calc.sprays_per_device} sprays per device; "
            f"doses {doses} mg; wait {calc.wait_minutes_between_devices} minutes between devices."
        )
    return [OutlineSection("calculation", "Calculation", text, tuple(calc.references), True)]


def _card_sections(doc: model.CardDeck) -> list[OutlineSection]:
    lines = [f"- {c.front} {c.back}" if isinstance(c, model.BasicCard) else f"- {c.text}" for c in doc.cards]
    return [OutlineSection("cards", "Cards", "\n".join(lines), (), True)]


def outline(doc: model.Document) -> list[OutlineSection]:
    """Structured sections first (in reading order), then the authored ones."""
    structured: list[OutlineSection]
    if isinstance(doc, model.Protocol):
        structured = _protocol_sections(doc)
    elif isinstance(doc, model.Checklist):
        structured = _checklist_sections(doc)
    elif isinstance(doc, model.Instructions):
        structured = _instruction_sections(doc)
    elif isinstance(doc, model.Calculator):
        structured = _calculator_sections(doc)
    else:
        structured = _card_sections(doc)
    authored = [OutlineSection(s.id, s.title, s.body, tuple(s.references)) for s in doc.sections]
    return structured + authored


def section_ids(doc: model.Document) -> set[str]:
    return {s.id for s in outline(doc)}
