"""Page breaks a reader expects: a heading never ends a page, a paragraph never leaves one line alone,
a list's last item never stands alone on a page."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.export import pdf, typography
from app.export.pdf import PagedDocument, PageDecor, Printable, page_layout

DECOR = PageDecor("Test", "", ("footer",))
LINE = '<p style="margin: 0">Filler line {n}.</p>'
"""Lines with no paragraph spacing, so that some count of them puts a page break at any point."""
LONG = " ".join(["A paragraph that runs over several lines of the page to test breaking."] * 3)


def _paged(html: str, keep: bool) -> PagedDocument:
    original = pdf.keep_together
    if not keep:
        pdf.keep_together = lambda document, height: 0  # type: ignore[assignment]
    try:
        return PagedDocument(Printable(html, DECOR, "t", "t.pdf", "test"), page_layout("A4"))
    finally:
        pdf.keep_together = original


def _find_case(build: Callable[[int], str], bad: Callable[[PagedDocument], bool]) -> str:
    """The first filler count that, without the rules, lays the document out badly."""
    for count in range(20, 120):
        html = build(count)
        if bad(_paged(html, keep=False)):
            return html
    raise AssertionError("no filler count produced the bad layout")


def _element(paged: PagedDocument, text: str) -> typography.Element:
    items = typography.elements(paged.document, paged.body_height)
    return next(e for e in items if e.block is not None and e.block.text().startswith(text))


def _heading_apart(paged: PagedDocument) -> bool:
    heading, body = _element(paged, "Heading"), _element(paged, "Body")
    return heading.last_page(paged.body_height) != body.first_page(paged.body_height)


def test_heading_moves_to_the_page_of_its_text() -> None:
    """A heading that would end a page goes over with the first line it heads."""
    html = _find_case(
        lambda n: "".join(LINE.format(n=i) for i in range(n)) + "<h2>Heading</h2><p>Body text.</p>",
        _heading_apart,
    )
    assert not _heading_apart(_paged(html, keep=True))


def _widowed(paged: PagedDocument) -> bool:
    return typography._widowed(_element(paged, "A paragraph"))


def test_no_single_line_left_at_the_foot_or_head_of_a_page() -> None:
    html = _find_case(lambda n: "".join(LINE.format(n=i) for i in range(n)) + f"<p>{LONG}</p>", _widowed)
    assert not _widowed(_paged(html, keep=True))


def _last_item_alone(paged: PagedDocument) -> bool:
    last, before = _element(paged, "Last item"), _element(paged, "Item before")
    return last.first_page(paged.body_height) != before.last_page(paged.body_height)


@pytest.mark.parametrize("tail", ["", "<p>After the list.</p>"])
def test_last_list_item_never_alone(tail: str) -> None:
    """The last item of a list goes over with the one before it."""
    items = (
        "<ul>"
        + "".join(f"<li>Item {i}</li>" for i in range(3))
        + "<li>Item before</li><li>Last item</li></ul>"
    )
    html = _find_case(lambda n: "".join(LINE.format(n=i) for i in range(n)) + items + tail, _last_item_alone)
    assert not _last_item_alone(_paged(html, keep=True))
