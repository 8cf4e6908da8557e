"""Help: every keyboard shortcut, read from the window's shortcut registry so the list cannot drift."""

from __future__ import annotations

from html import escape
from itertools import groupby

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.gui.shortcuts import ShortcutEntry


def shortcuts_html(entries: list[ShortcutEntry]) -> str:
    parts = ["<h2>Keyboard shortcuts</h2>"]
    for where, group in groupby(entries, key=lambda entry: entry.where):
        rows = "".join(
            f"<tr><td><b>{escape(e.keys)}</b></td><td>{escape(e.description)}</td></tr>" for e in group
        )
        parts.append(f"<h3>{escape(where)}</h3><table cellpadding='4'>{rows}</table>")
    return "".join(parts)


class ShortcutsDialog(QDialog):
    def __init__(self, entries: list[ShortcutEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(520, 560)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName("Keyboard shortcuts")
        self.text.setHtml(
            shortcuts_html(entries) + "<p>In the results list: arrow keys move, Enter opens.</p>"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
