"""The design system in one place: the type scale, the spacing steps and the severity styles.

Documents (HTML, PDF) and widgets both read this module, so a heading in the reader, in a printed run
and in a window's title bar follows the same ratio, and an alert looks the same in the checklist form,
its summary and the chart copy. Nothing here needs Qt; app.gui.theme applies it to widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.core.model.severity import SEVERITY_ICONS, SEVERITY_RANK, SEVERITY_WORDS, Severity
from app.render.theme import Theme

TypeRole = Literal["title", "heading", "key", "subheading", "lead", "body", "small", "caption", "fine"]

TYPE_SCALE: dict[TypeRole, float] = {
    "title": 1.6,
    "heading": 1.3,
    "key": 1.2,
    "subheading": 1.1,
    "lead": 1.05,
    "body": 1.0,
    "small": 0.85,
    "caption": 0.8,
    "fine": 0.6,
}
"""Sizes as ratios of the body size: text zoom changes the body size and every heading follows, so
headings stay above body text at every zoom step (an absolute heading size would fall behind)."""

HEADINGS: tuple[TypeRole, ...] = ("title", "heading", "subheading")


def type_size(role: TypeRole, base_pt: float) -> float:
    """Point size of `role` for body text of `base_pt` points, to a tenth of a point."""
    return round(base_pt * TYPE_SCALE[role], 1)


@dataclass(frozen=True)
class Spacing:
    """Spacing steps in pixels; views pick a step instead of inventing a number."""

    none: int = 0
    hair: int = 2
    tight: int = 4
    small: int = 6
    medium: int = 8
    large: int = 12
    wide: int = 16


SPACE = Spacing()

FORM_MAX_WIDTH = 1000
"""Pixels: on a wide screen a form's question and its field stay within one glance, instead of
sitting a whole screen apart."""


@dataclass(frozen=True)
class SeverityStyle:
    """How an alert tier looks: the icon and word carry the meaning; the colour only repeats it."""

    icon: str
    word: str
    background: str
    text: str
    bold: bool
    loud: bool
    """Urgent and emergency alerts: a heavier edge and a larger size, so they are seen first."""

    @property
    def label(self) -> str:
        return f"{self.icon} {self.word}"


def severity_background(severity: Severity, theme: Theme) -> str:
    return {
        Severity.INFO: theme.info,
        Severity.CAUTION: theme.warning,
        Severity.URGENT: theme.danger,
        Severity.EMERGENCY: theme.danger,
    }[severity]


def severity_style(severity: Severity, theme: Theme) -> SeverityStyle:
    """The one source of an alert tier's look, for the form, the summary, the banner and the PDF."""
    rank = SEVERITY_RANK[severity]
    return SeverityStyle(
        icon=SEVERITY_ICONS[severity],
        word=SEVERITY_WORDS[severity],
        background=severity_background(severity, theme),
        text=theme.text,
        bold=rank > SEVERITY_RANK[Severity.INFO],
        loud=rank >= SEVERITY_RANK[Severity.URGENT],
    )
