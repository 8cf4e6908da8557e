"""Printing through a real print system (CUPS, cups-pdf queue): what arrives is the document on screen,
on the paper chosen, inside 12 mm of every edge, with header and footer on each page, and the same
pages as Save PDF; the dialog's page range is honoured."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.system.config import save_user_setting
from app.core.system.paths import app_paths
from app.gui.features.handouts.view import HandoutView
from app.gui.features.runs.feature import ChecklistRuns
from app.gui.main_window import MainWindow
from tests.gui.conftest import WindowFactory
from tests.print.conftest import PrintedJobs
from tests.print.dialogs import DialogDriver
from tests.print.pdf_pages import has_phrase, page_sizes_pt, pages_text, text_boxes

SITE = {
    "clinic_name": "Riverside Clinic",
    "clinic_phone": "0100 200 300",
    "after_hours_phone": "0100 999 999",
    "crisis_line": "Crisis Line 24/7",
    "emergency_number": "112",
}
HANDOUT, CHECKLIST, PROTOCOL = "esketamine-treatment-day", "esketamine-session-monitoring", "ketamine-iv-trd"
SIZES = {"A4": (595, 842), "Letter": (612, 792)}


def _click(window: MainWindow, label: str) -> None:
    next(b for b in window.context_bar.buttons if b.text() == label).click()


def _print(window: MainWindow, driver: DialogDriver, printed: PrintedJobs) -> Path:
    """Press the window's Print (Ctrl+P), answer the dialogs, and wait for the job's PDF."""
    driver.start()
    window.actions_.print_document.trigger()
    return printed.wait_for_one()


def _check_pages(pdf: Path, paper: str, title: str, expected: int) -> list[str]:
    """Paper size, margins, and a header and "Page x of y" footer on every page."""
    texts = pages_text(pdf)
    assert len(texts) == expected
    assert set(page_sizes_pt(pdf)) == {SIZES[paper]}
    for box in text_boxes(pdf):
        assert box.smallest() >= 12.0, box
    for number, text in enumerate(texts, start=1):
        assert has_phrase(text, title) and f"Page {number} of {expected}" in text
        assert "Last reviewed" in text and "Review due" in text
    return texts


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_handout_on_screen_prints_on_the_chosen_paper(
    make_window: WindowFactory, printed: PrintedJobs, tmp_path: Path, paper: str
) -> None:
    """With the Handout tab showing and a checklist last opened in the Reader, Ctrl+P prints the
    handout (after its preview), on the paper in the handout's box, with the pages Save PDF writes."""
    save_user_setting(app_paths().ensure(), "placeholders", SITE)
    window = make_window()
    window.open_document(HANDOUT, "", "")
    _click(window, "Handout (large print)")
    view = window.findChild(HandoutView)
    assert view is not None
    view.print_bar.set_page_size("Letter" if paper == "A4" else "A4")
    view.print_bar.set_page_size(paper)
    window.open_document(CHECKLIST, "", "")
    window.show_workspace(view)
    exported = view.print_bar.save_pdf(tmp_path / "handout.pdf")
    assert exported is not None
    driver = DialogDriver(printed.queue_name)
    pdf = _print(window, driver, printed)
    title = window.services.packs.find(HANDOUT)[1].title  # type: ignore[index]
    expected = len(pages_text(exported))
    texts = _check_pages(pdf, paper, title, expected)
    assert driver.preview_pages == expected
    assert f"Print handout: {title}" in driver.seen
    checklist_title = window.services.packs.find(CHECKLIST)[1].title  # type: ignore[index]
    assert not any(has_phrase(text, checklist_title) for text in texts)
    assert "Riverside Clinic" in " ".join(texts)


@pytest.mark.slow
def test_blank_checklist_prints_with_a_session_label_line(
    make_window: WindowFactory, printed: PrintedJobs, tmp_path: Path
) -> None:
    """The blank checklist on screen prints, each page with the session-label line in its footer."""
    window = make_window()
    window.open_document(CHECKLIST, "", "")
    _click(window, "Blank checklist for paper")
    feature = window.findChild(ChecklistRuns)
    assert feature is not None
    window.open_document(PROTOCOL, "", "")
    window.show_workspace(feature.workspace)
    exported = feature.blank.print_bar.save_pdf(tmp_path / "blank.pdf")
    assert exported is not None
    pdf = _print(window, DialogDriver(printed.queue_name), printed)
    paper = feature.blank.print_bar.page_size_name()
    title = window.services.packs.find(CHECKLIST)[1].title  # type: ignore[index]
    texts = _check_pages(pdf, paper, title, len(pages_text(exported)))
    assert all("Session label:" in text for text in texts)
    assert "Item Record Time Alert rules" in texts[1], "the table's header row repeats on page 2"


@pytest.mark.slow
def test_protocol_prints_and_a_page_range_prints_two_pages(
    make_window: WindowFactory, printed: PrintedJobs, tmp_path: Path, qtbot: QtBot
) -> None:
    """The open protocol prints whole, the same pages as Export PDF; pages 2 to 3 print two pages."""
    window = make_window()
    window.open_document(PROTOCOL, "", "")
    exported = window.printing.export_current(tmp_path / "protocol.pdf")
    assert exported is not None
    expected = len(pages_text(exported))
    assert expected >= 3
    driver = DialogDriver(printed.queue_name)
    pdf = _print(window, driver, printed)
    paper = "Letter" if page_sizes_pt(exported)[0] == SIZES["Letter"] else "A4"
    title = window.services.packs.find(PROTOCOL)[1].title  # type: ignore[index]
    _check_pages(pdf, paper, title, expected)
    ranged = _print(window, DialogDriver(printed.queue_name, page_range=(2, 3)), printed)
    texts = pages_text(ranged)
    assert len(texts) == 2
    assert f"Page 2 of {expected}" in texts[0] and f"Page 3 of {expected}" in texts[1]
