"""A read-only preview of something to print (a blank checklist), with paper size, Print and Save PDF."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.export.pdf import Printable
from app.gui.reader.document_view import SafeBrowser
from app.gui.reader.print_bar import PrintBar
from app.gui.widgets.plain import plain


class PrintPreview(QWidget):
    def __init__(self, what: str, parent: QWidget | None = None, *, paper: str = "A4") -> None:
        super().__init__(parent)
        self.current: Printable | None = None
        self.heading = plain(QLabel(self))
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.preview = SafeBrowser(self)
        self.preview.setAccessibleName(f"Preview of the {what}")
        self.print_bar = PrintBar(lambda: self.current, what, self, paper=paper)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.print_bar)

    def show_printable(self, heading: str, printable: Printable) -> None:
        self.current = printable
        self.heading.setText(heading)
        self.preview.setHtml(printable.html)
