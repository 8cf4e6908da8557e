"""Driving the real dialogs as a user would: the print preview, then Qt's print dialog."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton, QRadioButton, QSpinBox

from app.gui.widgets.page_preview import PagePreview


@dataclass
class DialogDriver:
    """Answers each modal dialog as it opens: accepts the preview; in the print dialog picks the
    queue, optionally a page range, then presses Return with focus on "Options >>"."""

    queue: str
    page_range: tuple[int, int] | None = None
    seen: list[str] = field(default_factory=list)
    preview_pages: int | None = None

    def start(self) -> None:
        QTimer.singleShot(100, self._answer)

    def _answer(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PagePreview):
            self.seen.append(dialog.windowTitle())
            self.preview_pages = len(dialog.pages)
            dialog.print_button.click()
            QTimer.singleShot(100, self._answer)
        elif isinstance(dialog, QPrintDialog):
            self.seen.append(dialog.windowTitle())
            self._fill(dialog)
        else:
            QTimer.singleShot(100, self._answer)

    def _fill(self, dialog: QPrintDialog) -> None:
        printers = dialog.findChild(QComboBox, "printers")
        assert printers is not None
        printers.setCurrentIndex(printers.findText(self.queue))
        if self.page_range is not None:
            radio = dialog.findChild(QRadioButton, "printRange")
            first, last = dialog.findChild(QSpinBox, "from"), dialog.findChild(QSpinBox, "to")
            assert radio is not None and first is not None and last is not None
            radio.setChecked(True)
            last.setValue(self.page_range[1])
            first.setValue(self.page_range[0])
        options = next(b for b in dialog.findChildren(QPushButton) if "Options" in b.text())
        options.setFocus()
        QTest.keyClick(options, Qt.Key.Key_Return)
