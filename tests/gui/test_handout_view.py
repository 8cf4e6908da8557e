"""The large-print handout view: key rules, site details from configuration, Print and PDF on A4 or Letter."""

from __future__ import annotations

from pathlib import Path

from app.core.system.config import save_user_setting
from app.core.system.paths import app_paths
from app.gui.features.handouts.view import HandoutView
from app.gui.main_window import MainWindow
from tests.export.pdf_text import page_width_pt, pdf_text
from tests.gui.conftest import WindowFactory
from tests.gui.test_accessibility import _unnamed


def _open(window: MainWindow) -> HandoutView:
    window.open_document("esketamine-treatment-day", "", "")
    next(b for b in window.context_bar.buttons if b.text() == "Handout (large print)").click()
    view = window.findChild(HandoutView)
    assert view is not None and window.workspaces.currentWidget().isAncestorOf(view) and view.isVisible()
    return view


def test_handout_shows_rules_and_marks_unset_details(make_window: WindowFactory) -> None:
    """The key rules come first; unset site details are listed above the preview and marked in it."""
    window = make_window()
    view = _open(window)
    text = view.preview.toPlainText()
    assert text.index("The most important rules") < text.index("In the days before your treatment")
    assert "[Clinic name: not set]" in text
    assert view.notice.isVisible() and "Clinic name" in view.notice.text()
    assert _unnamed(view) == []


def test_configured_details_fill_the_handout(make_window: WindowFactory, tmp_path: Path) -> None:
    """Placeholders come from configuration; the PDF is written on the chosen paper size."""
    site = {"clinic_name": "Riverside Clinic", "clinic_phone": "0100 200 300", "emergency_number": "112"}
    site |= {"after_hours_phone": "0100 9", "crisis_line": "Crisis Line"}
    save_user_setting(app_paths().ensure(), "placeholders", site)
    window = make_window()
    view = _open(window)
    assert "call Riverside Clinic at 0100 200 300" in " ".join(view.preview.toPlainText().split())
    assert not view.notice.isVisible()
    view.print_bar.set_page_size("Letter")
    out = view.print_bar.save_pdf(tmp_path / "handout.pdf")
    assert out is not None and page_width_pt(out) == 612
    assert "Riverside Clinic" in pdf_text(out)


def test_empty_workspaces_list_what_can_be_opened(make_window: WindowFactory) -> None:
    """The Handout and Calculator tabs, before anything is opened, list the handouts and calculators."""
    from app.gui.widgets.empty_state import EmptyState

    window = make_window()
    lists = {state.heading.text(): state for state in window.findChildren(EmptyState)}
    assert {"Patient handouts", "Calculators"} <= set(lists)
    handouts = lists["Patient handouts"]
    titles = [handouts.list.item(row).text() for row in range(handouts.list.count())]
    assert any("treatment day" in title.lower() for title in titles)
    handouts.list.itemActivated.emit(handouts.list.item(0))
    view = window.findChild(HandoutView)
    assert view.current is not None and view.isVisible()
