"""The window's layout: remembered between sessions, and a sidebar that never takes more than a
share of a small window (the document needs the room)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QSplitter

from app.core.userdata.appstate import AppState

SIDEBAR_SHARE = 0.3
GEOMETRY_KEY = "window.geometry"
SPLITTER_KEY = "window.splitter"
log = logging.getLogger(__name__)


def restore_layout(window: QMainWindow, splitter: QSplitter, state: AppState) -> None:
    """Window size and position and the sidebar's width, as the user left them."""
    geometry = state.get(GEOMETRY_KEY)
    if geometry:
        window.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
    sizes = state.get(SPLITTER_KEY)
    if sizes:
        splitter.restoreState(QByteArray.fromBase64(sizes.encode("ascii")))


def save_layout(window: QMainWindow, splitter: QSplitter, state: AppState) -> None:
    try:
        state.set(GEOMETRY_KEY, bytes(window.saveGeometry().toBase64().data()).decode())
        state.set(SPLITTER_KEY, bytes(splitter.saveState().toBase64().data()).decode())
    except Exception:  # a read-only or locked user.db must not stop the window closing
        log.warning("window layout not saved", exc_info=True)


class SidebarLimit(QObject):
    """Watches the window's resizes; shrinks the splitter's first pane to SIDEBAR_SHARE when over it."""

    def __init__(self, splitter: QSplitter) -> None:
        super().__init__(splitter)
        self.splitter = splitter
        splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self.apply)  # once the splitter has laid out its new size
        return False

    def apply(self) -> None:
        sizes = self.splitter.sizes()
        total = sum(sizes)
        limit = int(total * SIDEBAR_SHARE)
        if len(sizes) == 2 and sizes[0] > limit > 0:
            self.splitter.setSizes([limit, total - limit])
