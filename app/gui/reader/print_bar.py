"""Paper size, Print and Save PDF for a view that produces its own printable (handouts, checklists,
runs). Both buttons go through app.gui.printing, as the window's Print and Export PDF do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from app.export.pdf import PAGE_SIZES, Printable
from app.gui.print_target import PrintTarget
from app.gui.printing import print_target, save_pdf_dialog

Source = Callable[[], Printable | None]


class PrintBar(QWidget):
    """A page-size choice (A4 or Letter) beside Print... and Save PDF...; `saved` reports the file."""

    saved = Signal(object)
    """Path of a PDF just written"""
    readiness_changed = Signal()
    """The bar was enabled or disabled: the window's Print and Save PDF follow it."""

    def __init__(
        self,
        source: Source,
        what: str,
        parent: QWidget | None = None,
        *,
        paper: str = "A4",
        preview: bool = False,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.preview = preview
        self.last_saved: Path | None = None
        self.page_size = QComboBox(self)
        self.page_size.addItems(list(PAGE_SIZES))
        self.page_size.setCurrentText(paper)
        self.page_size.setAccessibleName(f"Paper size for the {what}")
        self.print_button = QPushButton("Print\u2026", self)
        self.print_button.setAccessibleDescription(f"Print the {what}")
        self.pdf_button = QPushButton("Save PDF\u2026", self)
        self.pdf_button.setAccessibleDescription(f"Save the {what} as PDF")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        paper_label = QLabel("Paper:", self)
        paper_label.setBuddy(self.page_size)
        layout.addWidget(paper_label)
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

    def target(self) -> PrintTarget:
        """What the window's Print and Export PDF use while this bar's view is on screen."""
        return PrintTarget(
            self._printable,
            self.page_size_name,
            self.preview,
            ready=self.isEnabled,
            changed=self.readiness_changed,
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:
            self.readiness_changed.emit()

    def _printable(self) -> Printable | None:
        return self.source() if self.isEnabled() else None

    def print_now(self) -> list[int] | None:
        """Preview (when asked), the print dialog, then print; returns the pages sent."""
        return print_target(self, self.target())

    def save_pdf(self, path: Path | None = None) -> Path | None:
        """Ask where (unless `path` is given), then write; returns the file written."""
        printable = self._printable()
        if printable is None:
            return None
        target = save_pdf_dialog(self, printable, self.page_size_name(), path)
        if target is not None:
            self.last_saved = target
            self.saved.emit(target)
        return target
