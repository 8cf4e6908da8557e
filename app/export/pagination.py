"""Page breaks that keep things together: a heading never ends a page, and a list never leaves its
last item alone at the top of the next one (a patient reading a handout should not turn the page
for one line). Works on a laid-out QTextDocument by asking for a page break before the block that
would be stranded, then looking again, until nothing is stranded."""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextFormat

BREAK_BEFORE = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
MAX_MOVES = 200
"""A bound on the passes, so that a pathological document cannot loop (each pass moves one block)."""


def _page(document: QTextDocument, block: QTextBlock, height: float) -> int:
    return int(document.documentLayout().blockBoundingRect(block).top() // height)


def _breaks_before(block: QTextBlock) -> bool:
    return bool(block.blockFormat().pageBreakPolicy() & BREAK_BEFORE)


def _stranded(document: QTextDocument, height: float) -> QTextBlock | None:
    """The first block to move to the next page: a heading that ends a page, or the item before a
    list's last item when that last item starts a page alone."""
    block = document.begin()
    while block.isValid():
        following = block.next()
        if following.isValid() and _page(document, following, height) > _page(document, block, height):
            if block.blockFormat().headingLevel() > 0 and not _breaks_before(block):
                return block
            items = following.textList()
            last_alone = (
                items is not None
                and block.textList() == items
                and items.count() >= 3
                and items.itemNumber(following) == items.count() - 1
            )
            if last_alone and not _breaks_before(block):
                return block
        block = following
    return None


def keep_together(document: QTextDocument, page_height: float) -> int:
    """Insert the page breaks that keep headings and list ends together; returns how many."""
    moved = 0
    document.pageCount()  # lay the whole document out first: positions read lazily can be stale
    while moved < MAX_MOVES:
        block = _stranded(document, page_height)
        if block is None:
            break
        form = block.blockFormat()
        form.setPageBreakPolicy(form.pageBreakPolicy() | BREAK_BEFORE)
        QTextCursor(block).setBlockFormat(form)
        document.pageCount()
        moved += 1
    return moved
