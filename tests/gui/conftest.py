"""A real main window per test, on private user folders, waited until content and search are ready."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[WindowFactory]:
    windows: list[MainWindow] = []

    def make(extra: list[Path] | None = None) -> MainWindow:
        window = MainWindow(extra_pack_folders=extra, ask_disclaimer=False)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(
            lambda: window.index_ready or "unavailable" in window.status.label.text(), timeout=30000
        )
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
