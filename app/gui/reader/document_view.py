"""The document pane: a QTextBrowser that never loads resources, an outline and find-in-page."""

from __future__ import annotations

import re
from textwrap import shorten
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
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

from app.gui.reader.document_accessible import (
    anchor_texts,
    block_links,
    document_interface,
    link_destination,
)
from app.gui.reader.document_header import DocumentHeader
from app.gui.reader.measure import apply_reading_measure
from app.gui.widgets import accessible
from app.gui.widgets.plain import plain
from app.gui.widgets.rows import wrap_rows

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
LINK_ROLE = Qt.ItemDataRole.UserRole + 2
LINK_NAME_ROLE = Qt.ItemDataRole.UserRole + 3
"""A link's own text in the document ("1" for a citation), whatever its row shows."""
CITATION_SHOWN = 64
"""Characters of a cited reference a links row shows (a bare "1" says nothing); the tooltip has all."""
WHOLE_WORDS = QTextDocument.FindFlag.FindWholeWords
"""Search terms are marked as whole words: `ketamine` is not marked inside `esketamine`."""
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

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab leaves the document: QTextBrowser would step through its links in silence instead
        (links have their own keys: the links list, a reader's link navigation)."""
        return QTextEdit.focusNextPrevChild(self, next)

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
        self.result = plain(QLabel(self))
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


READING_MEASURE = 85
"""Characters per line at most: wide windows get margins, not 150-character lines."""
NARROW = 820
"""The document pane's width under which the outline is hidden until asked for."""


class DocumentPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        accessible.register(SafeBrowser, document_interface)  # before Qt first asks for one
        self.header = DocumentHeader(self)
        self.browser = SafeBrowser(self)
        self.anchors: list[tuple[float, str]] = []
        """(top of the anchor's block in document coordinates, anchor), in document order."""
        self.browser.setAccessibleName("Document")
        # Tab leaves the document instead of stepping through every citation link in silence; the
        # links are reachable from the links list (Ctrl+Shift+L), the sections from the outline.
        self.browser.setTabChangesFocus(True)
        # A caret the arrow keys move and a reader follows; the document as a document (headings
        # and links as objects, no table markers in its text), see document_accessible.
        self.browser.setTextInteractionFlags(
            self.browser.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.outline = QListWidget(self)
        self.outline.setAccessibleName("Document outline")
        self.outline.itemActivated.connect(self._jump)
        self.outline.itemClicked.connect(self._jump)
        wrap_rows(self.outline)
        self.outline.setMinimumWidth(180)
        self.links = QListWidget(self)
        self.links.setAccessibleName("Links in this document")
        wrap_rows(self.links)
        self.links.itemActivated.connect(self._follow)
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.addWidget(self.outline)
        side.addWidget(self.links)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 1)
        self.find_bar = FindBar(self.browser, self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.browser)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([780, 250])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        self.browser.verticalScrollBar().valueChanged.connect(self._mark_section_in_view)
        # The text column follows the browser's own width, which the side splitter changes too.
        self.browser.installEventFilter(self)
        layout.addWidget(self.find_bar)
        self.highlight_colour = QColor("#fff176")

    def show_html(
        self, html: str, sections: list[tuple[str, str]], section_id: str = "", terms: str = ""
    ) -> None:
        """Show a document, fill the outline, scroll to `section_id` and highlight `terms`."""
        self.browser.setHtml(html)
        self._apply_measure()  # the margins live on the document, which setHtml replaced
        self.outline.clear()
        for anchor, title in [*sections, ("references", "References")] if sections else []:
            item = QListWidgetItem(title)
            item.setData(SECTION_ROLE, anchor)
            self.outline.addItem(item)
        self.has_outline = bool(sections)
        self._fit_outline()
        self._fill_links()
        self.highlight(terms)
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        self.anchors = []
        # After setHtml the layout is not final; measure and scroll once it is, or anchors land low.
        QTimer.singleShot(0, lambda: self._after_layout(section_id))

    def _after_layout(self, section_id: str) -> None:
        self.anchors = self._anchor_tops({self._anchor(i) for i in range(self.outline.count())})
        if section_id:
            self.browser.scrollToAnchor(section_id)
        self._mark_section_in_view()

    def _anchor(self, row: int) -> str:
        return str(self.outline.item(row).data(SECTION_ROLE))

    def _anchor_tops(self, wanted: set[str]) -> list[tuple[float, str]]:
        document = self.browser.document()
        layout = document.documentLayout()
        tops: list[tuple[float, str]] = []
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                names = fragments.fragment().charFormat().anchorNames()
                tops += [(layout.blockBoundingRect(block).top(), n) for n in names if n in wanted]
                fragments += 1
            block = block.next()
        return tops

    def section_in_view(self) -> str:
        """The last section whose heading is at or above the top of the view (the first if none)."""
        top = self.browser.verticalScrollBar().value() + 8
        passed = [anchor for y, anchor in self.anchors if y <= top]
        return passed[-1] if passed else (self.anchors[0][1] if self.anchors else "")

    def _mark_section_in_view(self) -> None:
        current = self.section_in_view()
        for row in range(self.outline.count()):
            if self._anchor(row) == current:
                self.outline.setCurrentRow(row)
                return

    def focus_outline(self) -> None:
        """Ctrl+Shift+O: straight to the outline, without tabbing through every citation link."""
        if getattr(self, "has_outline", False):
            self.outline.show()
            self.outline.setFocus()
            if self.outline.currentRow() < 0 and self.outline.count():
                self.outline.setCurrentRow(0)

    def focus_links(self) -> None:
        """Ctrl+Shift+L: the document's links as a list, each read with where it goes."""
        if self.links.count():
            self.links.show()
            self.links.setFocus()
            if self.links.currentRow() < 0:
                self.links.setCurrentRow(0)

    def _follow(self, item: QListWidgetItem) -> None:
        self.browser.anchorClicked.emit(QUrl(str(item.data(LINK_ROLE))))

    def _fill_links(self) -> None:
        self.links.clear()
        anchors = anchor_texts(self.browser.document())
        for text, href in document_links(self.browser.document()):
            destination = link_destination(anchors, href)
            cited = destination.startswith(f"[{text.strip()}] ")
            item = QListWidgetItem(
                shorten(destination, CITATION_SHOWN, placeholder=" \u2026") if cited else text
            )
            item.setData(LINK_ROLE, href)
            item.setData(LINK_NAME_ROLE, text)
            item.setToolTip(destination if cited else href)
            if destination and destination != text:  # "1" alone says nothing: "1: [1] Smith J ..."
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{text}: {destination}")
            self.links.addItem(item)
        self._fit_outline()

    def scroll_fraction(self) -> float:
        bar = self.browser.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() else 0.0

    def restore_scroll_fraction(self, fraction: float) -> None:
        """After a re-render (zoom, theme), the same place in the text, once the layout is final."""

        def restore() -> None:
            bar = self.browser.verticalScrollBar()
            bar.setValue(round(fraction * bar.maximum()))

        QTimer.singleShot(0, restore)

    def set_reading_measure(self, point_size: float) -> None:
        """Cap the text column at READING_MEASURE characters of the body font, centred."""
        self.measure_px = point_size * self.logicalDpiY() / 72 * 0.5 * READING_MEASURE
        self._apply_measure()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_outline()
        self._apply_measure()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.browser and event.type() == QEvent.Type.Resize:
            self._apply_measure()
        return super().eventFilter(watched, event)

    def _fit_outline(self) -> None:
        """Below NARROW px the outline and the links list give their room to the text; Ctrl+Shift+O
        and Ctrl+Shift+L still bring them up."""
        wide = self.width() >= NARROW
        self.outline.setVisible(getattr(self, "has_outline", False) and wide)
        self.links.setVisible(self.links.count() > 0 and wide)

    def _apply_measure(self) -> None:
        apply_reading_measure(self.browser, getattr(self, "measure_px", 0.0))

    def highlight(self, terms: str) -> int:
        """Mark every occurrence of the query's words; returns how many were marked."""
        selections = []
        fmt = QTextCharFormat()
        fmt.setBackground(self.highlight_colour)
        fmt.setForeground(QColor("#000000"))
        document = self.browser.document()
        for word in {w.lower() for w in WORD.findall(terms)}:
            cursor = document.find(word, 0, WHOLE_WORDS)
            while not cursor.isNull():
                selection = QTextEdit.ExtraSelection()
                selection.cursor, selection.format = cursor, fmt
                selections.append(selection)
                cursor = document.find(word, cursor, WHOLE_WORDS)
        self.browser.setExtraSelections(selections)
        return len(selections)

    def _jump(self, item: QListWidgetItem) -> None:
        self.browser.scrollToAnchor(str(item.data(SECTION_ROLE)))


def document_links(document: QTextDocument) -> list[tuple[str, str]]:
    """(visible text, target) of each link in document order."""
    links: list[tuple[str, str]] = []
    block = document.begin()
    while block.isValid():
        links += [(text.strip() or href, href) for text, href, _, _ in block_links(block)]
        block = block.next()
    return links
