"""Browse for readers: packs, then condition, then kind, then documents."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTreeView, QVBoxLayout, QWidget

from app.core import model
from app.core.packs.loaded import Pack, PackSet
from app.gui.widgets.plain import plain_tip
from app.gui.widgets.rows import wrap_rows
from app.render.labels import KIND_LABELS, tag_label

DOC_ROLE = Qt.ItemDataRole.UserRole + 1
GENERAL = "General and other"


class BrowsePanel(QWidget):
    open_requested = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeView(self)
        self.tree.setAccessibleName("Browse documents by pack, condition and kind")
        self.tree.setHeaderHidden(True)
        wrap_rows(self.tree)  # a narrow sidebar wraps long titles instead of cutting them off
        self.model = QStandardItemModel(self)
        self.acronyms: frozenset[str] = frozenset()
        self.tree.setModel(self.model)
        self.tree.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

    def set_packs(self, packs: PackSet) -> None:
        self.model.clear()
        self.acronyms = packs.acronyms()
        for pack in packs.packs:
            self.model.appendRow(self._pack_item(pack))
        if self.model.rowCount():
            self.tree.expand(self.model.index(0, 0))

    def _pack_item(self, pack: Pack) -> QStandardItem:
        root = _item(f"{pack.manifest.title} ({pack.manifest.version})")
        grouped: dict[str, dict[str, list[model.Document]]] = defaultdict(lambda: defaultdict(list))
        for document in pack.documents.values():
            for condition in document.tags.conditions or [GENERAL]:
                grouped[condition][document.kind].append(document)
        for condition in sorted(grouped, key=lambda c: (c == GENERAL, c)):
            condition_item = _item(tag_label(condition, self.acronyms) if condition != GENERAL else GENERAL)
            for kind in model.DOCUMENT_KINDS:
                documents = grouped[condition].get(kind)
                if documents:
                    condition_item.appendRow(self._kind_item(kind, documents))
            root.appendRow(condition_item)
        return root

    def _kind_item(self, kind: str, documents: list[model.Document]) -> QStandardItem:
        kind_item = _item(f"{KIND_LABELS[kind]} ({len(documents)})")
        for document in sorted(documents, key=lambda d: d.title.lower()):
            leaf = _item(document.title)
            leaf.setData(document.id, DOC_ROLE)
            leaf.setToolTip(plain_tip(f"{document.title}\n\n{document.summary}".strip()))
            leaf.setData(f"{document.title}. {KIND_LABELS[kind]}.", Qt.ItemDataRole.AccessibleTextRole)
            kind_item.appendRow(leaf)
        return kind_item

    def _activated(self, index: object) -> None:
        doc_id = self.model.itemFromIndex(index).data(DOC_ROLE)  # type: ignore[arg-type]
        if doc_id:
            self.open_requested.emit(doc_id, "", "")


def _item(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setToolTip(plain_tip(text))
    return item
