"""A thin list model over core search hits (Zeal's approach), with a delegate that draws the
title, a meta line and the highlighted snippet. The snippet HTML comes from core already escaped."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.core.search.results import SearchHit
from app.render.helpers import KIND_LABELS

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
ModelIndex = QModelIndex | QPersistentModelIndex


class ResultsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return f"{hit.title}. {meta_line(hit)}. {hit.snippet_text}"
        if role == HIT_ROLE:
            return hit
        return None


def meta_line(hit: SearchHit) -> str:
    return f"{KIND_LABELS.get(hit.kind, hit.kind)} \u00b7 {hit.pack_id} \u00b7 {hit.section_title}"


class ResultDelegate(QStyledItemDelegate):
    """Three lines per hit: bold title, muted meta line, snippet with highlighted terms."""

    PADDING = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cache: dict[tuple[int, int, bool], QTextDocument] = {}
        """Laid-out rows: sizeHint and paint ask for the same row many times per update."""

    def forget(self) -> None:
        """Call when the hits change (the model resets)."""
        self._cache.clear()

    def _document(self, option: QStyleOptionViewItem, hit: SearchHit, selected: bool) -> QTextDocument:
        key = (id(hit), option.rect.width(), selected)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._layout(option, hit, selected)
        return cached

    def _layout(self, option: QStyleOptionViewItem, hit: SearchHit, selected: bool) -> QTextDocument:
        palette = option.palette
        group = QPalette.ColorGroup.Active
        text = palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = text if selected else palette.color(group, QPalette.ColorRole.PlaceholderText)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(self.PADDING)
        document.setHtml(
            f"<div style='color:{text.name()}'><b>{_escape(hit.title)}</b><br>"
            f"<span style='color:{muted.name()}'>{_escape(meta_line(hit))}</span><br>{hit.snippet_html}</div>"
        )
        width = option.rect.width()
        document.setTextWidth(max(120, width))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is None:
            return super().paint(painter, option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        document = self._document(option, hit, selected)
        painter.save()
        rect = option.rect
        painter.translate(rect.topLeft())
        document.drawContents(painter, QRectF(0, 0, rect.width(), rect.height()))
        painter.restore()
        return None

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        hit = index.data(HIT_ROLE)
        if hit is None:
            return super().sizeHint(option, index)
        document = self._document(option, hit, False)
        return QSize(int(document.idealWidth()), int(document.size().height()))


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
