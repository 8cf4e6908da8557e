"""Paginated output of rendered HTML: PDF files headless, and any QPagedPaintDevice (a printer).

Uses QtGui only (QTextDocument + QPdfWriter), so the command line can export without widgets.
Every page carries a header (document title, pack and version) and a footer (review date and
"Page x of y"), drawn around the document's own pagination.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from app.export.pagination import keep_together

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 15.0
BAND_PT = 11.0


@dataclass(frozen=True)
class PageDecor:
    """Text around every page."""

    header_left: str
    header_right: str
    footer_left: str


def ensure_gui_application() -> QGuiApplication:
    """Text layout needs a QGuiApplication; headless runs get the offscreen platform."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication([])


def _band_font(device_dpi: int) -> QFont:
    font = QFont("Sans Serif")
    font.setPointSizeF(8.5)
    return font


def paint_document(device: QPagedPaintDevice, html: str, decor: PageDecor) -> int:
    """Lay `html` out on `device`'s pages with header and footer; returns the page count."""
    ensure_gui_application()
    painter = QPainter(device)
    try:
        return _paint_pages(painter, device, html, decor)
    finally:
        painter.end()


def _paint_pages(painter: QPainter, device: QPagedPaintDevice, html: str, decor: PageDecor) -> int:
    dpi = device.logicalDpiX()
    page = device.pageLayout().paintRectPixels(dpi)
    band = BAND_PT / 72.0 * dpi * 1.6
    body = QSizeF(page.width(), page.height() - 2 * band)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setHtml(html)
    document.setPageSize(body)
    keep_together(document, body.height())
    pages = max(1, document.pageCount())
    font = _band_font(dpi)
    for number in range(pages):
        if number:
            device.newPage()
        _paint_band(painter, font, QRectF(0, 0, body.width(), band), decor.header_left, decor.header_right)
        painter.save()
        painter.translate(0, band - number * body.height())
        document.drawContents(painter, QRectF(0, number * body.height(), body.width(), body.height()))
        painter.restore()
        footer = QRectF(0, band + body.height(), body.width(), band)
        _paint_band(painter, font, footer, decor.footer_left, f"Page {number + 1} of {pages}")
    return pages


def _paint_band(painter: QPainter, font: QFont, rect: QRectF, left: str, right: str) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.darkGray)
    flags = Qt.AlignmentFlag.AlignVCenter
    painter.drawText(rect, int(flags | Qt.AlignmentFlag.AlignLeft), left)
    painter.drawText(rect, int(flags | Qt.AlignmentFlag.AlignRight), right)
    painter.restore()


def export_pdf(html: str, out: Path, decor: PageDecor, page_size: str = "A4", title: str = "") -> int:
    """Write a PDF of `html` to `out` (A4 or Letter); returns the page count."""
    ensure_gui_application()
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(out))
    writer.setTitle(title or decor.header_left)
    writer.setCreator("Protocol Desk")
    writer.setResolution(300)
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    layout = QPageLayout(QPageSize(PAGE_SIZES[page_size]), QPageLayout.Orientation.Portrait, margins)
    writer.setPageLayout(layout)
    return paint_document(writer, html, decor)
