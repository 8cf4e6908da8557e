"""Guard against Qt-binding reference-count bugs that would crash the app after long use.

PySide6 6.12.0 decremented None's reference count in some bindings; after a few thousand repaints
None was deallocated and the process aborted. These tests drive the real window and fail on any
binding that leaks None, so a future version with the same defect cannot slip in.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QStandardItemModel, QTextDocument
from pytestqt.qtbot import QtBot

from tests.gui.conftest import WindowFactory

TOLERANCE = 50
"""None's count moves a little as caches fill; a leak moves it by one per call, thousands in all."""


def test_bindings_used_by_the_app_keep_none_alive() -> None:
    """The calls that leaked in PySide6 6.12.0 leave None's reference count unchanged."""
    model = QStandardItemModel(2, 1)
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(500):
        QTextDocument().setDefaultFont(QFont())
        index.data(12345)
    assert sys.getrefcount(None) - before > -TOLERANCE


def test_long_session_does_not_drain_none(qtbot: QtBot, make_window: WindowFactory) -> None:
    """Many searches, repaints and document opens leave None's reference count where it was."""
    window = make_window()
    window.search.field.setText("blood pressure")
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0, timeout=10000)
    before = sys.getrefcount(None)
    for number, query in enumerate(["dose", "sedation", "nausea", "driving"] * 5):
        window.search.field.setText(query)
        qtbot.waitUntil(lambda: window.search.model.rowCount() > 0, timeout=10000)
        for _ in range(5):
            window.search.results.viewport().repaint()
        window.open_document("esketamine-trd" if number % 2 else "ketamine-iv-dose", "", query)
        QCoreApplication.processEvents()
    assert sys.getrefcount(None) - before > -TOLERANCE
