"""Colour sets for rendered documents. Meaning never rests on colour alone: every badge and
banner also carries words."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Theme:
    name: str
    text: str
    background: str
    muted: str
    link: str
    rule: str
    panel: str
    info: str
    warning: str
    danger: str
    approved: str
    off_label: str
    experimental: str
    highlight: str
    placeholder: str = ""
    """Hint text in empty fields: readable, yet plainly not a value (never the text colour)."""
    disabled: str = ""
    """Text of controls that cannot be used now: visibly fainter than enabled text."""
    control_border: str = ""
    """Edges of check boxes, radio buttons and fields: visible on the panel colour."""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


LIGHT = Theme(
    name="light",
    text="#1b1f24",
    background="#ffffff",
    muted="#57606a",
    link="#0a4fb3",
    rule="#d0d7de",
    panel="#f3f5f8",
    info="#ddeeff",
    warning="#fff1c2",
    danger="#ffd9d6",
    approved="#d5f2dc",
    off_label="#ffe7c2",
    experimental="#eadcff",
    highlight="#fff176",
    placeholder="#6e7781",
    disabled="#8c959f",
    control_border="#57606a",
)
DARK = Theme(
    name="dark",
    text="#e6edf3",
    background="#161b22",
    muted="#9aa5b1",
    link="#7cb7ff",
    rule="#3a434d",
    panel="#1f262e",
    info="#10355c",
    warning="#4a3b05",
    danger="#5c1a16",
    approved="#12462a",
    off_label="#5a3a0a",
    experimental="#3b2566",
    highlight="#6b5d00",
    placeholder="#8b949e",
    disabled="#5d6670",
    control_border="#9aa5b1",
)
HIGH_CONTRAST = Theme(
    name="high-contrast",
    text="#000000",
    background="#ffffff",
    muted="#000000",
    link="#0000c8",
    rule="#000000",
    panel="#ffffff",
    info="#ffffff",
    warning="#ffff00",
    danger="#ffc8c8",
    approved="#ffffff",
    off_label="#ffffff",
    experimental="#ffffff",
    highlight="#ffff00",
    placeholder="#4d4d4d",
    disabled="#8a8a8a",
    control_border="#000000",
)

THEMES = {theme.name: theme for theme in (LIGHT, DARK, HIGH_CONTRAST)}
