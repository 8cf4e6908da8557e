"""Small formatting helpers shared by the HTML and text renderers."""

from __future__ import annotations

from app.core import model
from app.core.model.cards import CLOZE_PATTERN
from app.core.model.checklist import ChecklistItem
from app.core.runs.alerts import rule_text


def num(value: float | None) -> str:
    """12.0 -> 12, 0.50 -> 0.5: numbers as a clinician writes them."""
    return "" if value is None else f"{value:g}"


def offset_label(minutes: int | None) -> str:
    if minutes is None:
        return "at the visit"
    if minutes == 0:
        return "at the dose"
    direction = "before" if minutes < 0 else "after"
    amount = abs(minutes)
    text = (
        f"{amount // 60} h {amount % 60} min"
        if amount >= 60 and amount % 60
        else (f"{amount // 60} h" if amount >= 60 else f"{amount} min")
    )
    return f"{text} {direction}"


def rule_label(
    checklist: model.Checklist,
    point: model.Timepoint,
    item: ChecklistItem,
    alert: model.NumberAlert | model.AnswerAlert,
) -> str:
    """The rule in words, as the run shows it: `at or above 180 mmHg, or ...`."""
    return rule_text(checklist, point, item, alert)


def blank(item: ChecklistItem) -> str:
    """What a paper checklist shows where the value goes."""
    if isinstance(item, model.NumberItem):
        low, high = num(item.plausible.min), num(item.plausible.max)
        return f"______ {item.unit} (plausible {low}-{high})"
    if isinstance(item, model.ScaleItem):
        return f"{item.scale}: " + " / ".join(f"{o.value} {o.label}" for o in item.options)
    if isinstance(item, model.YesNoItem):
        return "[ ] Yes   [ ] No"
    if item.type == "text":
        return "________________"
    return "[ ] Done"


def cloze_question(text: str) -> str:
    return CLOZE_PATTERN.sub(lambda m: f"[{m.group(3) or '...'}]", text)


def cloze_answer(text: str) -> str:
    return CLOZE_PATTERN.sub(lambda m: m.group(2), text)


def source_label(source: str) -> str:
    doc_id, _, section = source.partition("#")
    return f"{doc_id} \u203a {section}"
