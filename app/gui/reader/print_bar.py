"""Paper size, Print and Save PDF for a view that produces its own HTML (handouts, checklists, runs)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from app.export.pdf import PAGE_SIZES, PageDecor, export_pdf, paint_document


@dataclass(frozen=True)
class Printable:
    """What the bar prints: the HTML, the page header and footer, and a file name to suggest."""

    html: str
    decor: PageDecor
    file_name: str
    title: str


Source = Callable[[], Printable | None]


class PrintBar(QWidget):
    """A page-size choice (A4 or Letter) beside Print... and Save PDF...; `saved` reports the file."""

    saved = Signal(object)
    """Path of a PDF just written"""

    def __init__(self, source: Source, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.last_saved: Path | None = None
        self.page_size = QComboBox(self)
        self.page_size.addItems(list(PAGE_SIZES))
        self.page_size.setAccessibleName(f"Paper size for the {what}")
        self.print_button = QPushButton("Print\u2026", self)
        self.print_button.setAccessibleName(f"Print the {what}")
        self.pdf_button = QPushButton("Save PDF\u2026", self)
        self.pdf_button.setAccessibleName(f"Save the {what} as PDF")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Paper:", self))
        for widget in (self.page_size, self.print_button, self.pdf_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.print_button.clicked.connect(self.print_now)
        self.pdf_button.clicked.connect(self._save_clicked)

    def _save_clicked(self) -> None:
        self.save_pdf()

    def page_size_name(self) -> str:
        return self.page_size.currentText()

    def set_page_size(self, name: str) -> None:
        self.page_size.setCurrentText(name)

    def print_now(self) -> bool:
        printable = self.source()
        if printable is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(printable.title)
        printer.setPageSize(QPageSize(PAGE_SIZES[self.page_size_name()]))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
            return False
        paint_document(printer, printable.html, printable.decor)
        return True

    def save_pdf(self, path: Path | None = None) -> Path | None:
        """Ask where (unless `path` is given), then write; returns the file written."""
        printable = self.source()
        if printable is None:
            return None
        target = path or self._ask(printable.file_name)
        if target is None:
            return None
        try:
            export_pdf(printable.html, target, printable.decor, self.page_size_name(), printable.title)
        except OSError as error:
            QMessageBox.warning(self, "Save PDF", f"The PDF could not be written: {error}")
            return None
        self.last_saved = target
        self.saved.emit(target)
        return target

    def _ask(self, file_name: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save PDF", file_name, "PDF files (*.pdf)")
        if not chosen:
            return None
        return Path(chosen if chosen.lower().endswith(".pdf") else f"{chosen}.pdf")
