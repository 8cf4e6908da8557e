"""Bookmarks and recently viewed documents as simple lists."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.core.userdata.bookmarks import Visit
from app.gui.widgets.plain import plain_tip

VISIT_ROLE = Qt.ItemDataRole.UserRole + 1


class VisitsList(QListWidget):
    open_requested = Signal(str, str, str)

    def __init__(self, name: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.empty_text = empty_text
        self.itemActivated.connect(self._activated)

    def set_visits(self, visits: list[Visit]) -> None:
        self.clear()
        for visit in visits:
            item = QListWidgetItem(visit.title)
            item.setData(VISIT_ROLE, visit)
            item.setToolTip(plain_tip(f"{visit.title} ({visit.pack_id})"))
            self.addItem(item)
        if not visits:
            placeholder = QListWidgetItem(self.empty_text)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(placeholder)

    def _activated(self, item: QListWidgetItem) -> None:
        visit = item.data(VISIT_ROLE)
        if isinstance(visit, Visit):
            self.open_requested.emit(visit.doc_id, visit.section_id, "")
