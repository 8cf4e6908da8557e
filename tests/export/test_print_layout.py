"""Page setup and typography shared by printing and PDF: millimetre margins, the same pages at any
resolution, page ranges, footers with review dates, repeated table headers, unbroken reference numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageLayout, QPdfWriter

from app.core import model
from app.core.packs.loaded import Pack
from app.core.packs.roots import default_roots, load_packs
from app.export.document import document_printable
from app.export.handouts import handout_printable
from app.export.pdf import MIN_MARGIN_MM, PagedDocument, Printable, export_pdf, page_layout, paint_printable
from app.export.runs import blank_checklist_printable

MM_PER_PT = 25.4 / 72


def _find(doc_id: str) -> tuple[Pack, model.Document]:
    found = load_packs(default_roots([])).find(doc_id)
    assert found is not None
    return found


def _pages(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def _write(printable: Printable, out: Path, dpi: int, pages: list[int] | None = None) -> int:
    writer = QPdfWriter(str(out))
    writer.setResolution(dpi)
    writer.setPageLayout(page_layout("A4"))
    return paint_printable(writer, printable, pages)


def test_margins_are_millimetres_and_never_below_12() -> None:
    """15 mm asked for is 15 mm (not 15 points); a smaller request is raised to 12 mm."""
    layout = page_layout("Letter")
    assert layout.margins(QPageLayout.Unit.Point).top() * MM_PER_PT == pytest.approx(15.0, abs=0.01)
    assert page_layout("A4", 5.0).margins(QPageLayout.Unit.Millimeter).left() == MIN_MARGIN_MM
    with pytest.raises(ValueError, match="Legal"):
        page_layout("Legal")


def test_same_pages_at_any_resolution(tmp_path: Path) -> None:
    """A 300 dpi and a 1200 dpi device (a PDF writer, a printer) break lines and pages alike."""
    printable = blank_checklist_printable(*_find("esketamine-session-monitoring"))  # type: ignore[arg-type]
    low, high = tmp_path / "300.pdf", tmp_path / "1200.pdf"
    assert _write(printable, low, 300) == _write(printable, high, 1200)
    assert _pages(low) == _pages(high)


def test_page_range_paints_only_those_pages(tmp_path: Path) -> None:
    """Pages 2 to 3 of a longer document: two pages, numbered as in the whole."""
    printable = document_printable(*_find("ketamine-iv-trd"))
    out = tmp_path / "range.pdf"
    total = _write(printable, out, 1200, [2, 3])
    texts = _pages(out)
    assert total >= 3 and len(texts) == 2
    assert f"Page 2 of {total}" in texts[0] and f"Page 3 of {total}" in texts[1]


def test_footers_carry_title_pack_version_and_review_dates(tmp_path: Path) -> None:
    """Handout and blank checklist: every page names the document, pack, version and review dates."""
    pack, handout = _find("esketamine-treatment-day")
    assert isinstance(handout, model.Instructions)
    checklist = _find("esketamine-session-monitoring")[1]
    assert isinstance(checklist, model.Checklist)
    for printable, extra in [
        (handout_printable(pack, handout, {}), ""),
        (blank_checklist_printable(pack, checklist), "Session label:"),
    ]:
        out = tmp_path / printable.file_name
        export_pdf(printable, out)
        document = handout if extra == "" else checklist
        for text in _pages(out):
            assert f"{pack.manifest.title} {pack.manifest.version}" in text
            assert f"Last reviewed {document.last_reviewed.isoformat()}" in text
            assert f"Review due {document.review_due.isoformat()}" in text
            assert extra in text
        assert "version 1.0.0 | version" not in " ".join(_pages(out))


def test_checklist_table_headers_repeat_on_every_page(tmp_path: Path) -> None:
    """A timepoint table that runs onto the next page shows its column headers there again."""
    pack, checklist = _find("esketamine-session-monitoring")
    assert isinstance(checklist, model.Checklist)
    out = tmp_path / "blank.pdf"
    pages = export_pdf(blank_checklist_printable(pack, checklist), out)
    texts = _pages(out)
    assert pages >= 3
    assert all("Item Record Time Alert rules" in text for text in texts[:-1])


def _broken_citations(paged: PagedDocument) -> list[str]:
    """Citations such as "[1, 2]" whose opening and closing brackets are laid out on different lines."""
    broken = []
    block = paged.document.begin()
    while block.isValid():
        layout = block.layout()
        for match in CITATION.finditer(block.text()):
            first = layout.lineForTextPosition(match.start()).lineNumber()
            last = layout.lineForTextPosition(match.end() - 1).lineNumber()
            if first != last:
                broken.append(match.group())
        block = block.next()
    return broken


CITATION = re.compile(r"\[\d+(?:,[\s\u00a0]*\d+)*\]")


@pytest.mark.parametrize("base_pt", [9.0, 11.0, 14.0])
def test_reference_numbers_never_break(base_pt: float) -> None:
    """At any text size, no "[14" ends a line with its "]" on the next (citations and the reference list)."""
    pack, document = _find("ketamine-iv-trd")
    paged = PagedDocument(document_printable(pack, document, base_pt=base_pt), page_layout("A4"))
    text = paged.document.toPlainText()
    assert len(CITATION.findall(text)) > 10
    assert _broken_citations(paged) == []


def test_layout_does_not_depend_on_the_printable_device() -> None:
    """The page count comes from paper and margins only (what the print dialog's range is checked on)."""
    printable = handout_printable(*_find("ketamine-infusion-day"), {})  # type: ignore[arg-type]
    a4, letter = PagedDocument(printable, page_layout("A4")), PagedDocument(printable, page_layout("Letter"))
    assert a4.page_count >= 2 and letter.page_count >= 2
    assert a4.width != letter.width
