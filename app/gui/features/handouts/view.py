"""The large-print handout: a paper-like preview, a notice of unset site details, Print and Save PDF.

Printing goes through `handout_printable`, so the rule of the export layer holds here too: with the
emergency or crisis contact unset the handout is refused (the refusal says what to set and where)
unless "Draft copy" is ticked, and then DRAFT is on every page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.model.instructions import Instructions
from app.core.packs.loaded import Pack
from app.export.handouts import HandoutRefused, handout_printable
from app.export.pdf import Printable
from app.gui.reader.document_view import SafeBrowser
from app.gui.reader.print_bar import PrintBar
from app.gui.theme import box_css
from app.gui.widgets.announce import announce, name_with_context
from app.gui.widgets.plain import plain
from app.render.design import SPACE
from app.render.handouts import handout_html, missing_contacts, unset_placeholders
from app.render.theme import LIGHT

SETTINGS_HINT = "Set them under Settings \u2192 Site details for handouts (your IT team may manage them)."


class HandoutView(QWidget):
    """Shows one instructions document as the patient will get it (always the light, paper theme)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        site_values: Callable[[], dict[str, str]] | None = None,
        *,
        paper: str = "A4",
    ) -> None:
        super().__init__(parent)
        self.site_values = site_values
        """Reads the site details again before printing: set in Settings, they apply at once."""
        self.current: tuple[Pack, Instructions] | None = None
        self.placeholders: dict[str, str] = {}
        self.heading = QLabel("Open patient instructions and choose \u201cHandout (large print)\u201d.", self)
        self.heading.setWordWrap(True)
        self.notice = plain(QLabel(self))
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.refusal = plain(QLabel(self))
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(box_css(LIGHT.danger, LIGHT, SPACE.small))
        self.refusal.hide()
        self.preview = SafeBrowser(self)
        self.preview.setAccessibleName("Handout preview")
        self.print_bar = PrintBar(self.printable, "handout", self, paper=paper, preview=True)
        self.print_bar.setEnabled(False)
        self.draft = QCheckBox("Draft copy (DRAFT on every page, not for patients)", self)
        self.draft.setAccessibleName("Print or save a draft copy marked DRAFT on every page")
        self.draft.toggled.connect(lambda _on: self._refresh())
        bar = QHBoxLayout()
        bar.addWidget(self.print_bar, 1)
        bar.addWidget(self.draft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.notice)
        layout.addWidget(self.refusal)
        layout.addWidget(self.preview, 1)
        layout.addLayout(bar)

    def show_handout(self, pack: Pack, document: Instructions, placeholders: dict[str, str]) -> None:
        self.current, self.placeholders = (pack, document), dict(placeholders)
        self.heading.setText(f"Handout (large print): {document.title}")
        self.draft.setChecked(False)
        self._refresh()
        self.print_bar.setEnabled(True)

    def _reread_site_values(self) -> None:
        fresh = self.site_values() if self.site_values is not None else self.placeholders
        if fresh != self.placeholders:
            self.placeholders = dict(fresh)
            self._refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._reread_site_values()

    def _refresh(self) -> None:
        if self.current is None:
            return
        pack, document = self.current
        draft = self.draft.isChecked()
        self.preview.setHtml(handout_html(pack, document, self.placeholders, LIGHT, draft=draft))
        self._show_notice(pack, unset_placeholders(pack, document, self.placeholders))
        self.refusal.hide()

    def _show_notice(self, pack: Pack, missing: list[str]) -> None:
        if not missing:
            self.notice.hide()
            return
        contacts = missing_contacts(pack, self.placeholders)
        blocked = (
            f" Until the {' and '.join(contacts)} {'is' if len(contacts) == 1 else 'are'} set, only a "
            "draft copy can be printed."
            if contacts
            else ""
        )
        self.notice.setText(
            "\u26a0 Not set for this site: "
            + ", ".join(missing)
            + ". They show as highlighted gaps."
            + blocked
        )
        self.notice.setText(self.notice.text() + " " + SETTINGS_HINT)
        self.notice.setStyleSheet(box_css(LIGHT.warning, LIGHT, SPACE.small))
        self.notice.show()

    def printable(self) -> Printable | None:
        """What Print and Save PDF use; None (with the refusal shown beside the preview) when refused."""
        if self.current is None:
            return None
        self._reread_site_values()
        pack, document = self.current
        try:
            printable = handout_printable(pack, document, self.placeholders, draft=self.draft.isChecked())
        except HandoutRefused as refused:
            name_with_context(self.refusal, "Handout not printed", f"\u2716 {refused}")
            announce(self.refusal)
            self.refusal.show()
            return None
        self.refusal.hide()
        return printable
