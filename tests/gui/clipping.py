"""Finds text a user cannot read in full: labels and buttons narrower than their text, and rows of
lists and trees that are cut off, unless the text wraps or an elided text keeps its whole in a tooltip."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QListView, QTreeView, QWidget

Found = list[tuple[str, int, int]]


def clipped(root: QWidget) -> Found:
    """Every visible label, button and item-view row under `root` (itself included) that cuts text."""
    return _labels(root) + _buttons(root) + [f for view in _views(root) for f in _rows(view)]


def _labels(root: QWidget) -> Found:
    found = []
    for label in root.findChildren(QLabel):
        text = label.text()
        if not label.isVisible() or not text:
            continue
        if label.wordWrap():  # a wrapped label squeezed below its lines' height loses lines
            need = label.heightForWidth(label.width())
            if need > label.height() + 2:
                found.append((text[:60], need, label.height()))
            continue
        if "<" in text:
            continue
        need = label.fontMetrics().horizontalAdvance(text.split("\n")[0])
        if need > label.contentsRect().width() + 2 and label.toolTip() != text:
            found.append((text[:60], need, label.contentsRect().width()))
    return found


def _buttons(root: QWidget) -> Found:
    found = []
    for button in root.findChildren(QAbstractButton):
        text = button.text().replace("&", "")
        if button.isVisible() and text:
            need = button.fontMetrics().horizontalAdvance(text) + 12
            if need > button.width() + 2:
                found.append((f"button {text[:50]}", need, button.width()))
    return found


def _views(root: QWidget) -> list[QAbstractItemView]:
    views = [v for v in root.findChildren(QAbstractItemView) if v.isVisible()]
    return views + ([root] if isinstance(root, QAbstractItemView) and root.isVisible() else [])


def _indexes(view: QAbstractItemView) -> list[QModelIndex]:
    """The rows on screen: in a tree, the expanded ones, every column."""
    model = view.model()
    if isinstance(view, QTreeView):
        rows, index = [], view.indexAt(view.viewport().rect().topLeft())
        while index.isValid():
            rows.append(index)
            index = view.indexBelow(index)
        return [row.siblingAtColumn(c) for row in rows for c in range(model.columnCount(row.parent()))]
    if isinstance(view, QListView):
        return [model.index(r, view.modelColumn()) for r in range(model.rowCount())]
    return []


def _tip_text(tip: object) -> str:
    text = str(tip or "").replace("<br>", "\n")
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _rows(view: QAbstractItemView) -> Found:
    name = view.accessibleName() or type(view).__name__
    found: Found = []
    if view.horizontalScrollBar().isVisible():
        found.append((f"{name}: rows run off to the side", view.horizontalScrollBar().maximum(), 0))
    metrics, viewport = view.fontMetrics(), view.viewport().rect()
    for index in _indexes(view):
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        rect = view.visualRect(index)
        if not text or not rect.intersects(viewport):
            continue
        room = min(rect.right(), viewport.right()) - rect.left() - 8  # the item's text margins
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            room -= view.iconSize().width() + 4
        if metrics.horizontalAdvance(text) <= room or text in _tip_text(
            index.data(Qt.ItemDataRole.ToolTipRole)
        ):
            continue
        wrapped = metrics.boundingRect(QRect(0, 0, max(1, room), 10**6), Qt.TextFlag.TextWordWrap, text)
        if not view.wordWrap() or wrapped.height() > rect.height() + 2:
            found.append((f"{name}: {text[:50]}", metrics.horizontalAdvance(text), room))
    return found
