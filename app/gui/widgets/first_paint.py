"""Run something once a widget is on screen: work the first window does not need to take a query
(installing features, loading packs) waits for its search field's first paint."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Calls `then` once: in the event-loop turn after `widget`'s first paint, or at `now()` if that
    comes first. Owned by `widget`.

    With `latest_ms`, `then` also runs when the event loop starts if `widget` is hidden then (it
    would never paint), and `latest_ms` after that if it is shown but has not painted (minimised)."""

    def __init__(self, widget: QWidget, then: Callable[[], None], latest_ms: int | None = None) -> None:
        super().__init__(widget)
        self.widget, self.then = widget, then
        self.done = False
        widget.installEventFilter(self)
        if latest_ms is not None:
            QTimer.singleShot(0, lambda: self._unpainted(latest_ms))

    def _unpainted(self, latest_ms: int) -> None:
        if self.widget.isVisible():
            QTimer.singleShot(latest_ms, self.now)
        else:
            self.now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Not inside the paint: the widget finishes painting (and reaches the screen) first.
            QTimer.singleShot(0, self.now)
        return False

    def now(self) -> None:
        if self.done:
            return
        self.done = True
        self.then()
