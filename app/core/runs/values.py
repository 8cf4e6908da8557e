"""Checking and storing the value of one checklist item, by its type.

Values are stored as text in a canonical form (`true`/`false`, `yes`/`no`, the number's digits, the
scale value, the free text); None means the value was cleared. A number outside the item's plausible
range is refused (a typing error, never a reading), while a number outside an alert threshold is
accepted and flagged by the alert rules.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from app.core.model.checklist import (
    CheckItem,
    ChecklistItem,
    NumberItem,
    ScaleItem,
    TextItem,
    YesNoItem,
)
from app.core.runs.alerts import AlertValue
from app.core.wording import plural

Raw = str | bool | int | Decimal | None


class EntryRefused(ValueError):
    """The value cannot be recorded; the message says why and what would be accepted."""


def _num(value: float | Decimal) -> str:
    return format(Decimal(repr(value) if isinstance(value, float) else value).normalize(), "f")


def plausible_text(item: NumberItem) -> str:
    return f"{_num(item.plausible.min)}-{_num(item.plausible.max)} {item.unit}"


def parse_number(item: NumberItem, raw: Raw) -> str | None:
    """Digits as typed (a decimal comma is accepted); refused when implausible or too precise."""
    text = str(raw).strip() if raw is not None else ""
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise EntryRefused(f"{text!r} is not a number. Enter {item.unit} as digits.") from None
    if not value.is_finite():
        raise EntryRefused(f"{text!r} is not a number. Enter {item.unit} as digits.")
    places = -int(value.as_tuple().exponent) if value != value.to_integral_value() else 0
    if places > item.decimals:
        allowed = (
            "whole numbers" if item.decimals == 0 else f"at most {plural(item.decimals, 'decimal place')}"
        )
        raise EntryRefused(f"{text} {item.unit}: enter {allowed}.")
    low, high = Decimal(repr(item.plausible.min)), Decimal(repr(item.plausible.max))
    if not low <= value <= high:
        raise EntryRefused(
            f"{_num(value)} {item.unit} is outside the plausible range ({plausible_text(item)}), "
            "so it was not recorded. Check the reading and enter it again."
        )
    return _num(value)


def parse_scale(item: ScaleItem, raw: Raw) -> str | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = int(str(raw).strip())
    except ValueError:
        value = None
    allowed = [o.value for o in item.options]
    if value not in allowed:
        choices = ", ".join(str(v) for v in allowed)
        raise EntryRefused(f"{item.scale}: {raw!s} is not on the scale; choose one of {choices}.")
    return str(value)


def parse_answer(raw: Raw) -> str | None:
    if raw is None or raw == "":
        return None
    text = str(raw).strip().lower()
    if text not in {"yes", "no"}:
        raise EntryRefused(f"Answer yes or no, not {raw!s}.")
    return text


def parse_check(raw: Raw) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "true" if raw else "false"
    text = str(raw).strip().lower()
    if text not in {"true", "false"}:
        raise EntryRefused(f"A check is done or not done, not {raw!s}.")
    return text


def parse_text(item: TextItem, raw: Raw) -> str | None:
    text = str(raw).strip() if raw is not None else ""
    if len(text) > item.max_length:
        raise EntryRefused(f"At most {item.max_length} characters ({len(text)} entered).")
    return text or None


def parse_value(item: ChecklistItem, raw: Raw) -> str | None:
    """The canonical stored text for `raw`, None to clear; EntryRefused when it cannot be recorded."""
    if isinstance(item, NumberItem):
        return parse_number(item, raw)
    if isinstance(item, ScaleItem):
        return parse_scale(item, raw)
    if isinstance(item, YesNoItem):
        return parse_answer(raw)
    if isinstance(item, CheckItem):
        return parse_check(raw)
    return parse_text(item, raw)


def decode(item: ChecklistItem, stored: str | None) -> AlertValue:
    """The stored text as the value the alert rules compare."""
    if stored is None:
        return None
    if isinstance(item, NumberItem):
        return Decimal(stored)
    if isinstance(item, ScaleItem):
        return int(stored)
    if isinstance(item, CheckItem):
        return stored == "true"
    return stored


def display(item: ChecklistItem, stored: str | None) -> str:
    """How a recorded value reads on screen and paper: `142 mmHg`, `Yes`, `4 - lethargic ...`."""
    if stored is None:
        return ""
    if isinstance(item, NumberItem):
        return f"{stored} {item.unit}"
    if isinstance(item, ScaleItem):
        option = next((o for o in item.options if str(o.value) == stored), None)
        return option.label if option else stored
    if isinstance(item, YesNoItem):
        return stored.capitalize()
    if isinstance(item, CheckItem):
        return "Done" if stored == "true" else "Not done"
    return stored
