"""Rows that never cut their text: long rows wrap within the view's width, and every row carries its
full text as a tooltip for the places where a column must elide (a long path)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
)


class WrappingDelegate(QStyledItemDelegate):
    """A tree asks its delegate for row heights without saying how wide the column is, so wrapped
    text would get one line's height; this delegate measures at the column's real width."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        sized = QStyleOptionViewItem(option)
        width = self.view.columnWidth(index.column())
        if index.column() == 0:  # the first column also holds the branch indentation
            width -= self.view.indentation() * _depth(index) if self.view.rootIsDecorated() else 0
        # The style wraps only inside a valid rectangle: a width and some height.
        sized.rect.setWidth(max(1, width))
        sized.rect.setHeight(max(1, sized.rect.height()))
        return super().sizeHint(sized, index)


def _depth(index: QModelIndex | QPersistentModelIndex) -> int:
    depth, parent = 1, index.parent()
    while parent.isValid():
        depth, parent = depth + 1, parent.parent()
    return depth


def wrap_rows(view: QListView | QTreeView) -> None:
    """Long rows wrap at the view's width (the height follows) instead of running off its edge
    behind a horizontal scroll bar, where a narrow window would hide the end of each row."""
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if isinstance(view, QListView):
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setUniformItemSizes(False)
    if isinstance(view, QTreeView):
        view.setUniformRowHeights(False)
        view.setItemDelegate(WrappingDelegate(view))
        # A column that changes width changes every row's height: lay the rows out again.
        view.header().sectionResized.connect(lambda *_: view.scheduleDelayedItemsLayout())
