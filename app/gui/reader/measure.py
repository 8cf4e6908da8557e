"""The reading measure: text capped at a comfortable line length, data tables allowed wider.

Margins go on the document's root frame rather than the viewport, so a data table (three or more
columns) can take back part of them with negative margins: a dosing table squeezed into an
85-character column grows rows a dozen lines tall at 1920 px. Callouts and boxed warnings (one
cell) and the reference list (number and text) stay in the column with the text around them.
"""

from __future__ import annotations

from PySide6.QtGui import QTextTable
from PySide6.QtWidgets import QTextBrowser

TABLE_WIDENING = 0.35
"""How much wider than the text column a data table may grow, as a share of the column."""


def apply_reading_measure(browser: QTextBrowser, measure_px: float) -> None:
    """Centre the text in `measure_px`; tables of three or more columns may be wider."""
    # The browser's own width: at its resize event the viewport has not been resized yet.
    spare = browser.width() - browser.verticalScrollBar().width() - measure_px
    margin = max(0, int(spare / 2)) if measure_px else 0
    document = browser.document()
    base = int(document.documentMargin())
    root = document.rootFrame()
    widening = min(margin, int(measure_px * TABLE_WIDENING / 2))
    changed = False
    for frame in root.childFrames():
        if not isinstance(frame, QTextTable) or frame.columns() < 3:
            continue
        table_format = frame.format().toTableFormat()
        if (table_format.leftMargin(), table_format.rightMargin()) != (-widening, -widening):
            table_format.setLeftMargin(-widening)
            table_format.setRightMargin(-widening)
            frame.setFormat(table_format)
            changed = True
    frame_format = root.frameFormat()
    if (frame_format.leftMargin(), frame_format.rightMargin()) != (base + margin, base + margin):
        frame_format.setLeftMargin(base + margin)
        frame_format.setRightMargin(base + margin)
        root.setFrameFormat(frame_format)
        changed = True
    if changed:  # a table's own format change does not lay out its cells again; this does
        document.markContentsDirty(0, document.characterCount())
