"""The document pane: a QTextBrowser that never loads resources, an outline and find-in-page."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QMouseEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
WORD = re.compile(r"[\w\u00c0-\u024f]{2,}", re.UNICODE)


class SafeBrowser(QTextBrowser):
    """Shows rendered HTML; loads no image, stylesheet or page from anywhere (remote or file://)."""

    internal_link = Signal(str, str)
    external_link = Signal(QUrl)
    back_button = Signal()
    forward_button = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._route)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        return None

    def _route(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("doc:"):
            doc_id, _, section = text[4:].partition("#")
            self.internal_link.emit(doc_id, section)
        elif text.startswith("#") or (not url.scheme() and url.fragment()):
            self.scrollToAnchor(url.fragment() or text[1:])
        elif url.scheme() in {"http", "https", "mailto"}:
            self.external_link.emit(url)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.BackButton:
            self.back_button.emit()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.forward_button.emit()
        else:
            super().mousePressEvent(event)


class FindBar(QWidget):
    """Ctrl+F: find in the document; Enter for next, Shift+Enter for previous, Escape to close."""

    def __init__(self, browser: QTextBrowser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = browser
        self.field = QLineEdit(self)
        self.field.setAccessibleName("Find in document")
        self.field.setPlaceholderText("Find in document")
        self.result = QLabel(self)
        self.result.setAccessibleName("Find result")
        previous_button, next_button = QPushButton("Previous", self), QPushButton("Next", self)
        close_button = QPushButton("Close", self)
        for button, name in (
            (previous_button, "Find previous"),
            (next_button, "Find next"),
            (close_button, "Close find"),
        ):
            button.setAccessibleName(name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.field, previous_button, next_button, self.result, close_button):
            layout.addWidget(widget)
        self.field.returnPressed.connect(lambda: self.find_text(backward=False))
        self.field.textChanged.connect(lambda _: self.find_text(backward=False, restart=True))
        next_button.clicked.connect(lambda: self.find_text(backward=False))
        previous_button.clicked.connect(lambda: self.find_text(backward=True))
        close_button.clicked.connect(self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.browser.setFocus()

    def find_text(self, backward: bool, restart: bool = False) -> bool:
        text = self.field.text()
        if not text:
            self.result.clear()
            return False
        if restart:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.browser.find(text, flags)
        if not found:  # wrap around once
            self.browser.moveCursor(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            found = self.browser.find(text, flags)
        self.result.setText("" if found else "Not found")
        return found

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.find_text(backward=True)
        else:
            super().keyPressEvent(event)


class DocumentPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = SafeBrowser(self)
        self.browser.setAccessibleName("Document")
        self.outline = QListWidget(self)
        self.outline.setAccessibleName("Document outline")
        self.outline.itemActivated.connect(self._jump)
        self.outline.itemClicked.connect(self._jump)
        self.outline.setWordWrap(True)
        self.outline.setMinimumWidth(180)
        self.find_bar = FindBar(self.browser, self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.browser)
        splitter.addWidget(self.outline)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([780, 250])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.find_bar)
        self.highlight_colour = QColor("#fff176")

    def show_html(
        self, html: str, sections: list[tuple[str, str]], section_id: str = "", terms: str = ""
    ) -> None:
        """Show a document, fill the outline, scroll to `section_id` and highlight `terms`."""
        self.browser.setHtml(html)
        self.outline.clear()
        for anchor, title in [*sections, ("references", "References")] if sections else []:
            item = QListWidgetItem(title)
            item.setData(SECTION_ROLE, anchor)
            self.outline.addItem(item)
        self.outline.setVisible(bool(sections))
        self.highlight(terms)
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        if section_id:
            # After setHtml the layout is not final; scroll once it is, or the anchor lands low.
            QTimer.singleShot(0, lambda: self.browser.scrollToAnchor(section_id))

    def highlight(self, terms: str) -> int:
        """Mark every occurrence of the query's words; returns how many were marked."""
        selections = []
        fmt = QTextCharFormat()
        fmt.setBackground(self.highlight_colour)
        fmt.setForeground(QColor("#000000"))
        document = self.browser.document()
        for word in {w.lower() for w in WORD.findall(terms)}:
            cursor = document.find(word)
            while not cursor.isNull():
                selection = QTextEdit.ExtraSelection()
                selection.cursor, selection.format = cursor, fmt
                selections.append(selection)
                cursor = document.find(word, cursor)
        self.browser.setExtraSelections(selections)
        return len(selections)

    def _jump(self, item: QListWidgetItem) -> None:
        self.browser.scrollToAnchor(str(item.data(SECTION_ROLE)))
