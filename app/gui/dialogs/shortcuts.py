"""Help: every keyboard shortcut, read from the actions themselves so the list cannot drift."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


def shortcuts_html(actions: list[QAction]) -> str:
    rows = []
    for action in actions:
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
        if keys:
            rows.append(
                f"<tr><td><b>{escape(keys)}</b></td><td>{escape(action.text().replace('&', ''))}</td></tr>"
            )
    return "<h2>Keyboard shortcuts</h2><table cellpadding='4'>" + "".join(rows) + "</table>"


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(520, 560)
        text = QTextBrowser(self)
        text.setAccessibleName("Keyboard shortcuts")
        text.setHtml(shortcuts_html(actions) + "<p>In the results list: arrow keys move, Enter opens.</p>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
