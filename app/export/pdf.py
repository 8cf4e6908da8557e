"""One paginated output for printers and PDF files: the same pages on either, from rendered HTML.

Uses QtGui only (QTextDocument + QPdfWriter), so the command line can export without widgets; the
desktop app hands a QPrinter (also a QPagedPaintDevice) to `paint_printable`. Why the pages match:
the text is always laid out against one reference resolution (`LAYOUT_DPI`) on the page body the
paper and millimetre margins give, and only scaled to the device, so a 300 dpi PDF and a 1200 dpi
printer break lines and pages in the same places. Every page carries a header and a footer
(`PageDecor`) with "Page x of y".
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from app.export.typography import keep_together

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 15.0
"""Printers leave 4-5 mm unprinted at the edges; 15 mm keeps header and footer well clear of it."""
MIN_MARGIN_MM = 12.0
LAYOUT_DPI = 1200
BAND_PT = 8.5
BAND_LINE_PT = BAND_PT * 1.45
BAND_GAP_PT = 6.0
"""Space between the header or footer and the body text."""


@dataclass(frozen=True)
class PageDecor:
    """Text around every page: a header line, and footer lines ("Page x of y" right of the first)."""

    header_left: str
    header_right: str
    footer_lines: tuple[str, ...]


@dataclass(frozen=True)
class Printable:
    """Something to put on paper: the HTML, the text around its pages, a title and a file name."""

    html: str
    decor: PageDecor
    title: str
    file_name: str
    what: str
    """What it is, in words for a dialog title: "handout", "blank checklist", "protocol"."""


def ensure_gui_application() -> QGuiApplication:
    """Text layout needs a QGuiApplication; headless runs get the offscreen platform."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication([])


def page_layout(paper: str, margin_mm: float = MARGIN_MM) -> QPageLayout:
    """Portrait `paper` (A4 or Letter) with margins in millimetres (QPageLayout defaults to points)."""
    if paper not in PAGE_SIZES:
        raise ValueError(f"paper size {paper!r}: expected one of {', '.join(PAGE_SIZES)}")
    margin = max(margin_mm, MIN_MARGIN_MM)
    return QPageLayout(
        QPageSize(PAGE_SIZES[paper]),
        QPageLayout.Orientation.Portrait,
        QMarginsF(margin, margin, margin, margin),
        QPageLayout.Unit.Millimeter,
    )


def paper_name(layout: QPageLayout) -> str:
    """ "A4", "Letter", or Qt's name for any other size a print dialog chose."""
    size_id = layout.pageSize().id()
    return next((name for name, known in PAGE_SIZES.items() if known == size_id), layout.pageSize().name())


def _reference_device() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


class PagedDocument:
    """A printable laid out once for a page layout: its page count, and each page to paint."""

    def __init__(self, printable: Printable, layout: QPageLayout) -> None:
        ensure_gui_application()
        self.printable = printable
        self.scale = LAYOUT_DPI / 72.0
        paint = layout.paintRect(QPageLayout.Unit.Point)
        self.width = paint.width() * self.scale
        self.header = (BAND_LINE_PT + BAND_GAP_PT) * self.scale
        footer_lines = max(1, len(printable.decor.footer_lines))
        self.footer = (BAND_LINE_PT * footer_lines + BAND_GAP_PT) * self.scale
        self.body_height = paint.height() * self.scale - self.header - self.footer
        self._device = _reference_device()
        self.document = QTextDocument()
        self.document.documentLayout().setPaintDevice(self._device)
        self.document.setDocumentMargin(0)
        self.document.setHtml(printable.html)
        self.document.setPageSize(QSizeF(self.width, self.body_height))
        keep_together(self.document, self.body_height)
        self.page_count = max(1, self.document.pageCount())

    def paint_page(self, painter: QPainter, number: int) -> None:
        """Page `number` (1-based), in layout units from the paint rect's top-left corner."""
        decor = self.printable.decor
        font = QFont("Sans Serif")
        # Pixels of the layout resolution, so the band scales with the page on any device.
        font.setPixelSize(round(BAND_PT * self.scale))
        painter.save()
        painter.setFont(font)
        painter.setPen(Qt.GlobalColor.darkGray)
        line = BAND_LINE_PT * self.scale
        self._band(painter, 0, decor.header_left, decor.header_right)
        top = self.header + self.body_height + BAND_GAP_PT * self.scale
        footer_lines = decor.footer_lines or ("",)
        for index, text in enumerate(footer_lines):
            right = f"Page {number} of {self.page_count}" if index == 0 else ""
            self._band(painter, top + index * line, text, right)
        painter.restore()
        painter.save()
        painter.translate(0, self.header - (number - 1) * self.body_height)
        clip = QRectF(0, (number - 1) * self.body_height, self.width, self.body_height)
        self.document.drawContents(painter, clip)
        painter.restore()

    def _band(self, painter: QPainter, y: float, left: str, right: str) -> None:
        rect = QRectF(0, y, self.width, BAND_LINE_PT * self.scale)
        flags = Qt.AlignmentFlag.AlignVCenter
        metrics = QFontMetricsF(painter.font())
        right_width = metrics.horizontalAdvance(right) + (metrics.averageCharWidth() * 2 if right else 0)
        left_text = metrics.elidedText(left, Qt.TextElideMode.ElideRight, rect.width() - right_width)
        painter.drawText(rect, int(flags | Qt.AlignmentFlag.AlignLeft), left_text)
        painter.drawText(rect, int(flags | Qt.AlignmentFlag.AlignRight), right)


def paint_printable(
    device: QPagedPaintDevice, printable: Printable, pages: Iterable[int] | None = None
) -> int:
    """Paint `printable` on `device` (its page layout as set) and return the page count.

    `pages` (1-based) limits what is painted, as a print dialog's page range does; "Page x of y"
    keeps the document's own numbering.
    """
    paged = PagedDocument(printable, device.pageLayout())
    wanted = [n for n in (pages or range(1, paged.page_count + 1)) if 1 <= n <= paged.page_count]
    painter = QPainter(device)
    try:
        resolution = device.logicalDpiX()
        for index, number in enumerate(wanted):
            if index:
                device.newPage()
            painter.save()
            painter.scale(resolution / LAYOUT_DPI, resolution / LAYOUT_DPI)
            paged.paint_page(painter, number)
            painter.restore()
    finally:
        painter.end()
    return paged.page_count


def page_images(printable: Printable, paper: str = "A4", dpi: int = 96) -> list[QImage]:
    """Every page as an image, margins and all, painted as for a printer (for previews)."""
    layout = page_layout(paper)
    paged = PagedDocument(printable, layout)
    full = layout.fullRectPoints()
    paint = layout.paintRect(QPageLayout.Unit.Point)
    images = []
    for number in range(1, paged.page_count + 1):
        image = QImage(
            round(full.width() * dpi / 72), round(full.height() * dpi / 72), QImage.Format.Format_RGB32
        )
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(paint.left() * dpi / 72, paint.top() * dpi / 72)
        painter.scale(dpi / LAYOUT_DPI, dpi / LAYOUT_DPI)
        paged.paint_page(painter, number)
        painter.end()
        images.append(image)
    return images


def export_pdf(printable: Printable, out: Path, paper: str = "A4") -> int:
    """Write a PDF of `printable` to `out` on `paper` (A4 or Letter); returns the page count."""
    ensure_gui_application()
    layout = page_layout(paper)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(out))
    writer.setTitle(printable.title)
    writer.setCreator("Protocol Desk")
    writer.setResolution(LAYOUT_DPI)
    writer.setPageLayout(layout)
    return paint_printable(writer, printable)
