"""Page breaks a reader expects, which Qt's rich text cannot express in CSS.

QTextDocument knows only "break before/after always"; it has no keep-with-next, widows or orphans.
So after the first layout we look at where things landed and move what sits badly to the next page:
a heading (or the box or table under it) never ends a page alone; a paragraph never leaves one line
alone at the foot or the head of a page; the last item of a list and the last line of the document
never stand alone on a page. Each move sets "break before" on one element that did not have it, so
the passes always end.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtGui import (
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFragment,
    QTextTable,
)

ALWAYS_BEFORE = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
MAX_PASSES = 60


@dataclass
class Element:
    """A top-level paragraph or table, with where it landed."""

    block: QTextBlock | None
    table: QTextTable | None
    top: float
    bottom: float
    first_bottom: float
    """The bottom of its first line (or first body row): the least that must follow a heading."""
    line_pages: list[int]

    def first_page(self, page_height: float) -> int:
        """The page its first line (or row) is on: Qt moves lines, so the block's top may lie before."""
        return _page(self.first_bottom, page_height)

    def last_page(self, page_height: float) -> int:
        return self.line_pages[-1] if self.line_pages else _page(self.bottom, page_height)

    @property
    def is_heading(self) -> bool:
        """An <h1>-<h6>, or a short paragraph set all in bold outside a list (`<p class="h2">`:
        templates style headings as paragraphs because Qt ignores CSS font sizes on <hN>)."""
        block = self.block
        if block is None:
            return False
        if block.blockFormat().headingLevel() > 0:
            return True
        if block.textList() is not None or not block.text().strip() or len(self.line_pages) > 2:
            return False
        return all(_bold(fragment) for fragment in _fragments(block))

    @property
    def breaks_before(self) -> bool:
        if self.table is not None:
            return bool(self.table.format().pageBreakPolicy() & ALWAYS_BEFORE)
        assert self.block is not None
        return bool(self.block.blockFormat().pageBreakPolicy() & ALWAYS_BEFORE)


def _fragments(block: QTextBlock) -> list[QTextFragment]:
    found = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid() and fragment.text().strip():
            found.append(fragment)
        iterator += 1
    return found


def _bold(fragment: QTextFragment) -> bool:
    return fragment.charFormat().fontWeight() >= QFont.Weight.DemiBold.value


def _page(y: float, page_height: float) -> int:
    return int(max(0.0, y - 0.5) // page_height)


def _block_element(document: QTextDocument, block: QTextBlock, page_height: float) -> Element:
    rect = document.documentLayout().blockBoundingRect(block)
    layout = block.layout()
    origin = rect.top() - layout.boundingRect().top()
    lines = [layout.lineAt(i) for i in range(layout.lineCount())]
    pages = [_page(origin + line.y() + line.height(), page_height) for line in lines]
    first = origin + lines[0].y() + lines[0].height() if lines else rect.bottom()
    return Element(block, None, rect.top(), rect.bottom(), first, pages)


def _table_element(document: QTextDocument, table: QTextTable) -> Element:
    layout = document.documentLayout()
    rect = layout.frameBoundingRect(table)
    row = min(table.format().headerRowCount(), table.rows() - 1)
    # The first body row's tallest cell: a heading goes over unless that whole row fits under it.
    ends = [table.cellAt(row, column).lastCursorPosition().block() for column in range(table.columns())]
    first = max(layout.blockBoundingRect(end).bottom() for end in ends)
    return Element(None, table, rect.top(), rect.bottom(), first, [])


def elements(document: QTextDocument, page_height: float) -> list[Element]:
    """Top-level paragraphs and tables in order (a table's inner paragraphs belong to the table)."""
    found: list[Element] = []
    seen_tables: set[int] = set()
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is None:
            found.append(_block_element(document, block, page_height))
        elif table.firstPosition() not in seen_tables:
            seen_tables.add(table.firstPosition())
            found.append(_table_element(document, table))
        block = block.next()
    return found


def _apart(heading: Element, following: Element, page_height: float) -> bool:
    """The heading and the first line of what it heads are on different pages."""
    return heading.last_page(page_height) != following.first_page(page_height)


def _widowed(element: Element) -> bool:
    """A paragraph split over pages with a single line on either side."""
    pages = element.line_pages
    if len(pages) < 2 or pages[0] == pages[-1]:
        return False
    return pages.count(pages[0]) == 1 or pages.count(pages[-1]) == 1


def _same_list(a: Element, b: Element) -> bool:
    if a.block is None or b.block is None:
        return False
    first, second = a.block.textList(), b.block.textList()
    return first is not None and second is not None and first.objectIndex() == second.objectIndex()


def _lone_last(items: list[Element], index: int, page_height: float) -> bool:
    """The last item of a list, or the document's last line, alone at the top of a new page."""
    element, previous = items[index], items[index - 1]
    if element.first_page(page_height) == previous.last_page(page_height):
        return False
    last_of_list = element.block is not None and element.block.textList() is not None
    last_of_list = last_of_list and (index + 1 == len(items) or not _same_list(element, items[index + 1]))
    if last_of_list and _same_list(element, previous):
        return True
    return index + 1 == len(items) and len(element.line_pages) == 1


Move = tuple[Element, Element | None]
"""What should start the next page, and what then no longer needs to (it follows it over)."""


def _problems(items: list[Element], page_height: float) -> Iterator[Move]:
    """Elements that should start the next page instead of where they are, in order."""
    for index, element in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        if element.is_heading and following is not None and _apart(element, following, page_height):
            yield element, following
        if _widowed(element):
            yield element, None
        if index and _lone_last(items, index, page_height):
            yield items[index - 1], element


def _movable(element: Element, page_height: float) -> bool:
    """Not already starting a page, not the first thing, and short enough to fit on the next one."""
    fits = element.bottom - element.top < page_height * 0.8
    return fits and element.top >= 1 and not element.breaks_before


def _break_before(element: Element, on: bool) -> None:
    policy = ALWAYS_BEFORE if on else QTextFormat.PageBreakFlag.PageBreak_Auto
    if element.table is not None:
        table_format = element.table.format()
        table_format.setPageBreakPolicy(policy)
        element.table.setFormat(table_format)
        return
    assert element.block is not None
    block_format = QTextBlockFormat()
    block_format.setPageBreakPolicy(policy)
    QTextCursor(element.block).mergeBlockFormat(block_format)


def keep_together(document: QTextDocument, page_height: float) -> int:
    """Move badly placed headings, lines and items to the next page; returns how many moved."""
    moved = 0
    for _ in range(MAX_PASSES):
        items = elements(document, page_height)
        candidates = (m for m in _problems(items, page_height) if _movable(m[0], page_height))
        move = next(candidates, None)
        if move is None:
            return moved
        target, follower = move
        _break_before(target, True)
        if follower is not None and follower.breaks_before:
            _break_before(follower, False)
        moved += 1
    return moved
