"""Page breaks keep headings with their text and never leave a list's last item alone on a page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QTextBlock, QTextDocument

from app.export.pagination import keep_together

pytestmark = pytest.mark.usefixtures("qapp")
PAGE = QSizeF(400, 600)
ITEM = "<li>An instruction long enough to take a full line of print</li>"


def _document(html: str) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(html)
    document.setPageSize(PAGE)
    return document


def _block(document: QTextDocument, text: str) -> QTextBlock:
    block = document.begin()
    while block.isValid() and not block.text().startswith(text):
        block = block.next()
    assert block.isValid(), text
    return block


def _page(document: QTextDocument, text: str) -> int:
    return int(document.documentLayout().blockBoundingRect(_block(document, text)).top() // PAGE.height())


def _filler_until(document_html: str, heading: str) -> str:
    """Enough paragraphs before `document_html` that its first block lands at a page's last line."""
    for count in range(1, 120):
        html = "<p>filler</p>" * count + document_html
        document = _document(html)
        first, second = _block(document, heading), _block(document, heading).next()
        layout = document.documentLayout()
        pages = [int(layout.blockBoundingRect(b).top() // PAGE.height()) for b in (first, second)]
        if pages[1] > pages[0]:
            return html
    raise AssertionError("no filler count puts the block at a page end")


def test_a_heading_at_the_foot_of_a_page_moves_to_the_next() -> None:
    """A heading whose first item would start the next page goes with it."""
    html = _filler_until("<h2>Before your visit</h2><ul>" + ITEM * 4 + "</ul>", "Before your visit")
    document = _document(html)
    assert keep_together(document, PAGE.height()) >= 1
    assert _page(document, "Before your visit") == _page(document, "An instruction")


def test_a_last_item_alone_takes_the_one_before_with_it() -> None:
    """When only the last item of a list would start a page, the one before moves with it."""
    for count in range(1, 120):
        html = (
            "<p>filler</p>" * count
            + "<ul>"
            + "".join(f"<li>Instruction {i} long enough to take a full line</li>" for i in range(5))
            + "</ul><p>After the list</p>"
        )
        document = _document(html)
        if _page(document, "Instruction 4") > _page(document, "Instruction 3"):
            break
    else:
        raise AssertionError("no filler count strands the last item")
    assert keep_together(document, PAGE.height()) == 1
    assert _page(document, "Instruction 3") == _page(document, "Instruction 4")


def test_nothing_moves_when_nothing_is_stranded() -> None:
    """A short document keeps its layout: no breaks are added."""
    document = _document("<h2>Title</h2><ul>" + ITEM * 3 + "</ul>")
    assert keep_together(document, PAGE.height()) == 0
