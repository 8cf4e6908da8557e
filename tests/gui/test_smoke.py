"""The window opens offscreen on the bundled content."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow


def test_main_window_lists_bundled_documents(qtbot: QtBot) -> None:
    """The window shows the bundled documents and says how many packs loaded."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.documents.count() > 0
    assert "1 pack(s) loaded" in window.statusBar().currentMessage()
