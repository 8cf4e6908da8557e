"""The document view as a screen reader's document: its text, its caret, its headings and links.

Qt exposes a QTextBrowser as one read-only label: no heading or link objects, and its text carries
the U+FDD0/U+FDD1 frame markers of every table. Here the view is a document (AT-SPI "document
frame") whose children are its headings and links, in reading order, each with its place on screen;
its text is the document's, position for position (so the caret offset is the cursor's), with the
frame and paragraph markers read as line breaks. Tab still leaves the document (see DocumentPane);
a reader moves by heading or link with its own keys, and the caret follows the arrow keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import shiboken6
from PySide6.QtCore import QPoint, QRect, QUrl
from PySide6.QtGui import (
    QAccessible,
    QAccessibleInterface,
    QAccessibleTextInterface,
    QTextBlock,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QAccessibleWidget, QTextBrowser, QWidget

from app.gui.widgets.accessible import Level, Part, Press, address, cast_or_null

LINE_BREAKS = str.maketrans({"\u2029": "\n", "\u2028": "\n", "\ufdd0": "\n", "\ufdd1": "\n"})
"""Qt's block, line and frame markers; each stays one character so offsets are cursor positions."""


def readable_text(document: QTextDocument) -> str:
    return document.toRawText().translate(LINE_BREAKS)


def link_destination(anchors: Mapping[str, str], target: str) -> str:
    """What a link leads to, said after it: a citation's reference (`anchors`, from anchor_texts),
    an external address. A link to another document is named by that document's title already."""
    if target.startswith("#"):
        return anchors.get(target[1:], "")
    return "" if target.startswith("doc:") else target


def anchor_texts(document: QTextDocument) -> dict[str, str]:
    """The text each anchor marks: the first line of each cell of its table row (a reference's number
    and citation, without the evidence notes below it), else its block. One walk of the document for
    all of them: a walk per link made opening a document with 200 citations take most of a second."""
    texts: dict[str, str] = {}
    block = document.begin()
    while block.isValid():
        names = _anchor_names(block)
        if names:
            text = " ".join(_row_or_block(block).translate(LINE_BREAKS).split())
            for name in names:
                texts.setdefault(name, text)
        block = block.next()
    return texts


def _anchor_names(block: QTextBlock) -> list[str]:
    names: list[str] = []
    fragments = block.begin()
    while not fragments.atEnd():
        names += fragments.fragment().charFormat().anchorNames()
        fragments += 1
    return names


def block_links(block: QTextBlock) -> list[tuple[str, str, int, int]]:
    """(text, target, start, end) of each link in a block; a link split over several fragments
    (bold inside a link) is one link."""
    found: list[tuple[str, str, int, int]] = []
    fragments = block.begin()
    while not fragments.atEnd():
        fragment = fragments.fragment()
        target = fragment.charFormat().anchorHref() if fragment.charFormat().isAnchor() else ""
        end = fragment.position() + fragment.length()
        if target and found and found[-1][1] == target and found[-1][3] == fragment.position():
            text, _, start, _ = found[-1]
            found[-1] = (text + fragment.text(), target, start, end)
        elif target:
            found.append((fragment.text(), target, fragment.position(), end))
        fragments += 1
    return found


def _row_or_block(block: QTextBlock) -> str:
    cursor = QTextCursor(block)
    table = cursor.currentTable()
    if table is None:
        return block.text()
    row = table.cellAt(cursor).row()
    texts = []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        span = cell.firstCursorPosition()
        span.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
        texts.append(span.selectedText().split("\u2028")[0])  # to the first <br>: not the notes
    return " ".join(texts)


class DocumentText(QAccessibleTextInterface):
    """The text interface over the browser's QTextDocument and its cursor (the caret)."""

    def __init__(self, browser: QTextBrowser) -> None:
        super().__init__()
        self.browser = browser

    def _text(self) -> str:
        return readable_text(self.browser.document())

    def characterCount(self) -> int:
        return len(self._text())

    def text(self, start: int, end: int) -> str:
        return self._text()[max(0, start) : end if end >= 0 else None]

    def cursorPosition(self) -> int:
        return self.browser.textCursor().position()

    def setCursorPosition(self, position: int) -> None:
        self._select(position, position)

    def selectionCount(self) -> int:
        return 1 if self.browser.textCursor().hasSelection() else 0

    def addSelection(self, start: int, end: int) -> None:
        self._select(start, end)

    def setSelection(self, index: int, start: int, end: int) -> None:
        self._select(start, end)

    def removeSelection(self, index: int) -> None:
        position = self.browser.textCursor().position()
        self._select(position, position)

    def _select(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.browser.document())
        last = self.characterCount()
        cursor.setPosition(min(max(0, start), last))
        cursor.setPosition(min(max(0, end), last), QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(cursor)

    def characterRect(self, offset: int) -> QRect:
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(min(max(0, offset), self.characterCount()))
        area = self.browser.cursorRect(cursor)
        return QRect(self.browser.viewport().mapToGlobal(area.topLeft()), area.size())

    def offsetAtPoint(self, point: QPoint) -> int:
        return self.browser.cursorForPosition(self.browser.viewport().mapFromGlobal(point)).position()

    def scrollToSubstring(self, start: int, end: int) -> None:
        self._select(start, end)
        self.browser.ensureCursorVisible()


class DocumentAccessible(QAccessibleWidget):
    """Role document; children are the headings and links, rebuilt when the document changes."""

    def __init__(self, browser: QTextBrowser) -> None:
        super().__init__(browser, QAccessible.Role.Document)
        self.browser = browser
        self.text_part = DocumentText(browser)
        self.parts: list[Part] = []
        self.stale = True
        browser.textChanged.connect(self.release_parts)
        browser.destroyed.connect(self.release_parts)

    def release_parts(self) -> None:
        """Old headings and links leave Qt's cache with the text (or widget) they belonged to; only
        Python attributes are touched, so this is safe after Qt has deleted this interface."""
        for part in self.parts:
            if shiboken6.isValid(part):
                QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(part))
        self.parts, self.stale = [], True

    def _current_parts(self) -> list[Part]:
        if self.stale:
            self.parts, self.stale = self._build_parts(), False
        scrolled = QPoint(
            self.browser.horizontalScrollBar().value(), self.browser.verticalScrollBar().value()
        )
        viewport = self.browser.viewport()
        for part in self.parts:
            area = part.document_area.translated(-scrolled)
            seen = area.intersected(viewport.rect())
            part.area = QRect(viewport.mapTo(self.browser, seen.topLeft()), seen.size())
        return self.parts

    def _build_parts(self) -> list[Part]:
        parts: list[Part] = []
        document = self.browser.document()
        anchors = anchor_texts(document)
        block = document.begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level and block.text().strip():
                parts.append(self._part(QAccessible.Role.Heading, block.text().strip(), block, level))
            parts += self._links_in(block, anchors)
            block = block.next()
        return parts

    def _links_in(self, block: QTextBlock, anchors: Mapping[str, str]) -> list[Part]:
        links = []
        for text, target, start, end in block_links(block):
            link = self._part(QAccessible.Role.Link, text.strip() or target, block, 0, (start, end))
            link.description = link_destination(anchors, target)
            link.extras[QAccessible.InterfaceType.ActionInterface] = Press(self._follower(target))
            links.append(link)
        return links

    def _follower(self, target: str) -> Callable[[], None]:
        return lambda: self.browser.anchorClicked.emit(QUrl(target))

    def _part(
        self,
        role: QAccessible.Role,
        name: str,
        block: QTextBlock,
        level: int,
        span: tuple[int, int] | None = None,
    ) -> Part:
        part = Part(self, role, name)
        if level:
            part.extras[QAccessible.InterfaceType.AttributesInterface] = Level(level)
        document_area = self.browser.document().documentLayout().blockBoundingRect(block).toRect()
        if span is not None:  # a link: from its first character to its last
            first, last = QTextCursor(self.browser.document()), QTextCursor(self.browser.document())
            first.setPosition(span[0])
            last.setPosition(span[1])
            bars = self.browser.horizontalScrollBar(), self.browser.verticalScrollBar()
            offset = QPoint(bars[0].value(), bars[1].value())
            top_left = self.browser.cursorRect(first).topLeft() + offset
            bottom_right = self.browser.cursorRect(last).bottomRight() + offset
            document_area = QRect(top_left, bottom_right).normalized()
        part.document_area = document_area
        return part

    def childCount(self) -> int:
        return len(self._current_parts())

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        parts = self._current_parts()
        return parts[index] if 0 <= index < len(parts) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        wanted = QAccessible.uniqueId(child)
        ids = [QAccessible.uniqueId(part) for part in self._current_parts()]
        return ids.index(wanted) if wanted in ids else -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        point = self.browser.mapFromGlobal(QPoint(x, y))
        return next((p for p in self._current_parts() if p.area.contains(point)), None)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.readOnly, state.multiLine, state.selectableText = True, True, True
        return state

    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:  # type: ignore[override]
        if kind == QAccessible.InterfaceType.TextInterface:
            return address(self.text_part)
        return cast_or_null(super().interface_cast(kind))


def document_interface(widget: QWidget) -> QAccessibleInterface:
    assert isinstance(widget, QTextBrowser)
    return DocumentAccessible(widget)
