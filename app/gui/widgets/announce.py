"""Tell a screen reader something that happened without moving the focus.

Qt 6.8+ sends QAccessibleAnnouncementEvent to the platform bridge (an AT-SPI `object:announcement` on
Linux, UIA notification on Windows, NSAccessibility announcement on macOS). Polite announcements wait
for the reader to finish speaking; assertive ones interrupt it, kept for urgent and emergency alerts
and for values that were not saved. A widget that needs attention (an alert fired, a value refused)
also raises Qt's Alert event, so a reader that follows alerts rather than announcements hears it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QWidget


def announce(source: QObject, text: str | None = None, *, urgent: bool | None = None) -> None:
    """Announce `text` (by default what `source` shows, then assertively unless `urgent` says
    otherwise) on behalf of `source`."""
    if not QAccessible.isActive():
        return  # no assistive technology is listening: nothing to build
    spoken = text if text is not None else str(source.property("text") or "")
    if isinstance(source, QWidget) and text is None:
        QAccessible.updateAccessibility(QAccessibleEvent(source, QAccessible.Event.Alert))
    if not spoken.strip():
        return
    event = QAccessibleAnnouncementEvent(source, spoken)
    politeness = QAccessible.AnnouncementPoliteness
    loud = urgent if urgent is not None else text is None
    event.setPoliteness(politeness.Assertive if loud else politeness.Polite)
    QAccessible.updateAccessibility(event)


def name_with_context(label: QObject, context: str, text: str) -> None:
    """A label that only makes sense with its field is named "context: text", so the reader hears
    what the label shows together with what it belongs to."""
    label.setProperty("text", text)
    label.setProperty("accessibleName", f"{context}: {text}" if text else "")
