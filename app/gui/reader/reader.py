"""Opening documents: render, show at a section with terms highlighted, keep history."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor

from app.core import model
from app.core.navigation import Location, Navigation
from app.core.packs.loaded import Pack
from app.gui.reader.document_view import DocumentPane
from app.gui.services import Services
from app.gui.welcome import welcome_html
from app.render.theme import LIGHT, Theme


class Reader(QObject):
    """Knows which document is open; the window asks it to open, go back and re-render."""

    changed = Signal()

    def __init__(self, services: Services, pane: DocumentPane) -> None:
        super().__init__()
        self.services = services
        self.pane = pane
        self.navigation = Navigation()
        self.theme: Theme = LIGHT
        self.text_size = float(services.config.get("display.text_size"))
        self.current: tuple[Pack, model.Document] | None = None
        self.terms = ""

    def open(self, doc_id: str, section_id: str = "", terms: str = "") -> bool:
        """Show a document; returns False (and changes nothing) when the id is unknown."""
        found = self.services.packs.find(doc_id)
        if found is None:
            return False
        self.navigation.visit(Location(found[1].id, section_id))
        self._show(found, section_id, terms)
        pack, document = found
        self.services.history.record(pack.id, document.id, document.title, section_id)
        return True

    def back(self) -> None:
        self._go(self.navigation.back())

    def forward(self) -> None:
        self._go(self.navigation.forward())

    def _go(self, location: Location | None) -> None:
        if location is None:
            return
        found = self.services.packs.find(location.doc_id)
        if found is not None:
            self._show(found, location.section_id, "")

    def _show(self, found: tuple[Pack, model.Document], section_id: str, terms: str) -> None:
        pack, document = found
        self.current, self.terms = found, terms
        placeholders = self.services.placeholders()
        from app.core.packs.outline import outline  # these and the models: when a document opens
        from app.render.html import document_html

        # The window has its own outline panel; the in-page list is left to print and PDF.
        html = document_html(
            pack, document, self.theme, self.text_size, placeholders=placeholders, show_outline=False
        )
        sections = [(s.id, s.title) for s in outline(document)]
        self.pane.highlight_colour = QColor(self.theme.highlight)
        self.pane.header.show_document(pack, document)
        self.pane.set_reading_measure(self.text_size)
        self.pane.show_html(html, sections, section_id, terms)
        self.changed.emit()

    def rerender(self) -> None:
        """After a theme or text-size change: same document, same place."""
        if self.current is None:
            self.show_welcome()
            return
        fraction = self.pane.scroll_fraction()
        self._show(self.current, "", self.terms)
        self.pane.restore_scroll_fraction(fraction)

    def show_welcome(self) -> None:
        loaded = self.services.packs if self.services.packs.packs or self.services.packs.failed else None
        self.pane.header.clear()
        self.pane.set_reading_measure(self.text_size)
        self.pane.show_html(welcome_html(loaded, self.theme, self.text_size), [], "", "")

    def forget_missing(self) -> None:
        """After a reload, drop the open document if it no longer exists."""
        if self.current and self.services.packs.find(self.current[1].id) is None:
            self.current = None
            self.navigation = Navigation()
