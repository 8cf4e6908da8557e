"""Tell a screen reader something that happened without moving the focus.

Qt 6.8+ sends QAccessibleAnnouncementEvent to the platform bridge (an AT-SPI `object:announcement` on
Linux, UIA notification on Windows, NSAccessibility announcement on macOS). Polite announcements wait
for the reader to finish speaking; assertive ones interrupt it, kept for urgent and emergency alerts
and for values that were not saved.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent


def announce(source: QObject, text: str, *, urgent: bool = False) -> None:
    """Announce `text` on behalf of `source` (the widget whose state it describes)."""
    if not text.strip() or not QAccessible.isActive():
        return  # no assistive technology is listening: nothing to build
    event = QAccessibleAnnouncementEvent(source, text)
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if urgent else politeness.Polite)
    QAccessible.updateAccessibility(event)


def name_with_context(label: QObject, context: str, text: str) -> None:
    """A label that only makes sense with its field is named "context: text", so the reader hears
    what the label shows together with what it belongs to."""
    label.setProperty("text", text)
    label.setProperty("accessibleName", f"{context}: {text}" if text else "")
