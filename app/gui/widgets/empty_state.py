"""An empty workspace lists what can be opened there, instead of telling the user where to click."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.core import model
from app.core.packs.loaded import Pack, PackSet
from app.render.design import SPACE, TYPE_SCALE

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class EmptyState(QWidget):
    """A heading, one line of help and the documents of `kinds` in the loaded packs, ready to open."""

    def __init__(
        self,
        heading: str,
        hint: str,
        kinds: set[str],
        open_entry: Callable[[Pack, model.Document], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kinds, self.open_entry = kinds, open_entry
        self.entries: list[tuple[Pack, model.Document]] = []
        self.heading = QLabel(heading, self)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * TYPE_SCALE["heading"])
        self.heading.setFont(font)
        self.hint = QLabel(hint, self)
        self.hint.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(heading)
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE.wide, SPACE.large, SPACE.wide, SPACE.large)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)

    def set_packs(self, packs: PackSet) -> None:
        self.entries = sorted(
            ((pack, doc) for pack, doc in packs.documents() if doc.kind in self.kinds),
            key=lambda entry: entry[1].title.lower(),
        )
        self.list.clear()
        for row, (pack, document) in enumerate(self.entries):
            item = QListWidgetItem(f"{document.title}  \u2014  {pack.manifest.title}")
            item.setToolTip(document.summary)
            item.setData(ENTRY_ROLE, row)
            self.list.addItem(item)
        if not self.entries:
            self.list.addItem(QListWidgetItem("None in the loaded packs."))

    def _activated(self, item: QListWidgetItem) -> None:
        row = item.data(ENTRY_ROLE)
        if isinstance(row, int):
            self.open_entry(*self.entries[row])
