"""Print preview: the pages exactly as they will print (painted by the same code as the printer),
shown before the print dialog so a wrong sheet or a missing detail is caught on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.core.wording import plural
from app.export.pdf import Printable, page_images

PREVIEW_DPI = 72


class PagePreview(QDialog):
    """Every page, one under the other; Print… goes on to the print dialog, Cancel goes back."""

    def __init__(self, printable: Printable, paper: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Print preview: {printable.title}")
        self.pages = page_images(printable, paper, PREVIEW_DPI)
        column = QWidget(self)
        pages_layout = QVBoxLayout(column)
        for number, image in enumerate(self.pages, start=1):
            label = QLabel(column)
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(f"Page {number} of {len(self.pages)}")
            label.setFrameShape(QLabel.Shape.Box)
            pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea(self)
        scroll.setWidget(column)
        scroll.setWidgetResizable(True)
        summary = QLabel(f"{plural(len(self.pages), 'page')} on {paper}, as they will print.", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.print_button = buttons.addButton("Print\u2026", QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(image_width(self.pages) + 80, 760)


def image_width(pages: list[QImage]) -> int:
    return max((page.width() for page in pages), default=600)
