"""Alert severity tiers, with the icon and word each is always shown with (never colour alone).

Plain Python, apart from the pydantic alert rules (app.core.model.alerts) that use it: the theme and
the design system need the tiers to style the first window, and importing pydantic and the alert
models for them cost about a quarter of a second of every launch.
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """One meaning per tier; the GUI shows each with its own icon, word and weight."""

    INFO = "info"
    """Information: nothing to do beyond routine observation; record it."""
    CAUTION = "caution"
    """Caution: observe more closely, re-check, consider whether to go on."""
    URGENT = "urgent"
    """Urgent action: act now (do not dose, slow or stop, call the prescriber) and re-check."""
    EMERGENCY = "emergency"
    """Emergency: follow the emergency procedure now."""


SEVERITY_ORDER = (Severity.INFO, Severity.CAUTION, Severity.URGENT, Severity.EMERGENCY)
SEVERITY_WORDS = {
    Severity.INFO: "Information",
    Severity.CAUTION: "Caution",
    Severity.URGENT: "Urgent action",
    Severity.EMERGENCY: "Emergency",
}
SEVERITY_ICONS = {
    Severity.INFO: "\u2139",
    Severity.CAUTION: "\u26a0",
    Severity.URGENT: "\u203c",
    Severity.EMERGENCY: "\u2716",
}
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITY_ORDER)}
