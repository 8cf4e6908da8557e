"""A thin list model over core search hits (Zeal's approach), with a delegate that draws the
title, a meta line and the highlighted snippet. The snippet HTML comes from core already escaped."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.render.labels import KIND_LABELS

if TYPE_CHECKING:  # the search package imports the index builder and the models
    from app.core.search.results import SearchHit

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
    """Three parts per hit: bold title, muted meta line, snippet with highlighted terms.

    Every row has the same height (the list sets uniform item sizes), so the view asks for one size
    hint and lays out only the rows it paints. Title and meta line are elided plain text; only the
    snippet, which carries the highlights, is rich text, laid out once per row, width and state."""

    PADDING = 6
    SNIPPET_LINES = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cache: dict[tuple[int, int, str], QTextDocument] = {}

    def forget(self) -> None:
        """Call when the hits change (the model resets)."""
        self._cache.clear()

    def _snippet(self, option: QStyleOptionViewItem, hit: SearchHit, color: str, width: int) -> QTextDocument:
        key = (id(hit), width, color)  # the colour changes when the row is selected
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = QTextDocument()
            cached.setDefaultFont(option.font)
            cached.setDocumentMargin(0)
            cached.setHtml(f"<div style='color:{color}'>{hit.snippet_html}</div>")
            cached.setTextWidth(width)
        return cached

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is None:
            return super().paint(painter, option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        group = QPalette.ColorGroup.Active
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = option.palette.color(group, role)
        muted = text if selected else option.palette.color(group, QPalette.ColorRole.PlaceholderText)
        rect = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        width = max(60, rect.width())
        line = QFontMetrics(option.font).lineSpacing()
        bold = QFont(option.font)
        bold.setBold(True)
        painter.save()
        painter.setPen(text)
        painter.setFont(bold)
        title = QFontMetrics(bold).elidedText(hit.title, Qt.TextElideMode.ElideRight, width)
        painter.drawText(rect.left(), rect.top(), width, line, _LEFT, title)
        painter.setFont(option.font)
        painter.setPen(muted)
        meta = QFontMetrics(option.font).elidedText(meta_line(hit), Qt.TextElideMode.ElideRight, width)
        painter.drawText(rect.left(), rect.top() + line, width, line, _LEFT, meta)
        snippet = self._snippet(option, hit, text.name(), width)
        painter.translate(rect.left(), rect.top() + 2 * line)
        snippet.drawContents(painter, QRectF(0, 0, width, line * self.SNIPPET_LINES))
        painter.restore()
        return None

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        """The same for every row: title, meta line and up to SNIPPET_LINES of snippet. No width of
        its own: rows take the list's width, so a narrow sidebar elides instead of scrolling sideways."""
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(0, 2 * self.PADDING + (2 + self.SNIPPET_LINES) * line)


_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
