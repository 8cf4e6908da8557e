"""Telling assistive technology that something needs attention now (an alert fired, a value refused).

Qt raises an accessibility Alert event for the widget; on Linux the AT-SPI bridge passes it to the
screen reader, which reads the widget's accessible name and text.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QWidget


def announce(widget: QWidget) -> None:
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))
