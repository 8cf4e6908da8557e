"""Text from a pack is content, never markup: labels and tooltips that show it are plain text.

Qt guesses (Qt::AutoText) whether a label's or tooltip's text is HTML; a pack title such as
`<img src=file:...>` would then be rendered. Every widget that can show pack text goes through here.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_tip(text: str) -> str:
    """A tooltip shown exactly as written: escaped inside an explicit rich-text wrapper, because
    tooltips have no plain-text switch."""
    return "<qt>" + escape(text).replace("\n", "<br>") + "</qt>" if text else ""
