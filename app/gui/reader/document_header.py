"""The open document's header, kept above the scrolling text: which document, its status, how current.

A search hit opens deep in a document; this strip keeps the title, kind, regulatory status, review
dates and pack in view whatever the scroll position. Content is shown as plain text, never markup.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.core import model
from app.core.packs.loaded import Pack
from app.gui.theme import set_type
from app.render.design import SPACE
from app.render.labels import KIND_LABELS


def header_facts(pack: Pack, document: model.Document, today: date) -> str:
    """`Protocol · Approved use · Reviewed 2026-03-01 · Review due 2027-03-01 · Pack 1.1.0`."""
    from app.render.view import REGULATORY_LABELS  # rendering (and the models): when a document opens

    parts = [KIND_LABELS.get(document.kind, document.kind.title())]
    if REGULATORY_LABELS.get(document.regulatory_status):
        parts.append(REGULATORY_LABELS[document.regulatory_status])
    if document.status is not model.Status.ACTIVE:
        parts.append(document.status.value.upper())
    due = f"Review due {document.review_due}"
    parts += [
        f"Reviewed {document.last_reviewed}",
        f"OVERDUE: {due}" if document.review_due <= today else due,
    ]
    parts.append(f"{pack.manifest.title} {pack.manifest.version}")
    return "  \u00b7  ".join(parts)


class DocumentHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document-header")
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        set_type(self.title, "heading")
        self.facts = QLabel(self)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE.large, SPACE.small, SPACE.large, SPACE.small)
        layout.setSpacing(SPACE.hair)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        self.hide()

    def show_document(self, pack: Pack, document: model.Document, today: date | None = None) -> None:
        self.title.setText(document.title)
        self.facts.setText(header_facts(pack, document, today or date.today()))
        self.title.setAccessibleName(document.title)
        self.facts.setAccessibleName(self.facts.text())
        self.show()

    def clear(self) -> None:
        self.hide()
