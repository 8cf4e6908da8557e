"""The large-print handout: a paper-like preview, a notice of unset site details, Print and Save PDF."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.core.model.instructions import Instructions
from app.core.packs.loaded import Pack
from app.export.handouts import handout_printable
from app.export.pdf import Printable
from app.gui.reader.document_view import SafeBrowser
from app.gui.reader.print_bar import PrintBar
from app.gui.widgets.plain import plain
from app.render.handouts import handout_html, unset_placeholders
from app.render.theme import LIGHT


class HandoutView(QWidget):
    """Shows one instructions document as the patient will get it (always the light, paper theme)."""

    def __init__(self, parent: QWidget | None = None, *, paper: str = "A4") -> None:
        super().__init__(parent)
        self.current: tuple[Pack, Instructions] | None = None
        self.placeholders: dict[str, str] = {}
        self.heading = QLabel("Open patient instructions and choose \u201cHandout (large print)\u201d.", self)
        self.heading.setWordWrap(True)
        self.notice = plain(QLabel(self))
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Site details not set")
        self.notice.hide()
        self.preview = SafeBrowser(self)
        self.preview.setAccessibleName("Handout preview")
        self.print_bar = PrintBar(self.printable, "handout", self, paper=paper, preview=True)
        self.print_bar.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.notice)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.print_bar)

    def show_handout(self, pack: Pack, document: Instructions, placeholders: dict[str, str]) -> None:
        self.current, self.placeholders = (pack, document), dict(placeholders)
        self.heading.setText(f"Handout (large print): {document.title}")
        self.preview.setHtml(handout_html(pack, document, self.placeholders, LIGHT))
        self._show_notice(unset_placeholders(pack, document, self.placeholders))
        self.print_bar.setEnabled(True)

    def _show_notice(self, missing: list[str]) -> None:
        if not missing:
            self.notice.hide()
            return
        self.notice.setText(
            "\u26a0 Not set for this site: "
            + ", ".join(missing)
            + ". They print as highlighted gaps. Fill them in under the `placeholders` setting "
            "(your IT team may manage them)."
        )
        self.notice.setStyleSheet(f"background: {LIGHT.warning}; color: {LIGHT.text}; padding: 6px;")
        self.notice.show()

    def printable(self) -> Printable | None:
        """The same export function as Save PDF and the command line, so their rules apply here too."""
        if self.current is None:
            return None
        pack, document = self.current
        return handout_printable(pack, document, self.placeholders)
