"""The real window, driven offscreen: search, open, navigate, bookmark, problems, text size."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui.conftest import WindowFactory


def _search(qtbot: QtBot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    window.search.field.setFocus()
    qtbot.keyClicks(window.search.field, text)
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0, timeout=10000)


def test_type_query_open_with_enter_and_go_back(qtbot: QtBot, make_window: WindowFactory) -> None:
    """Typing shows results; Enter opens the top hit at its section; Back returns to the first document."""
    window = make_window()
    window.open_document("esketamine-trd", "", "")
    _search(qtbot, window, "ketamine dose per kg")
    assert window.lists.currentWidget() is window.search.results
    top = window.search.model.hits[0]
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    assert window.reader.current is not None and window.reader.current[1].id == top.doc_id
    assert window.actions_.back.isEnabled()
    window.actions_.back.trigger()
    assert window.reader.current[1].id == "esketamine-trd"
    window.actions_.forward.trigger()
    assert window.reader.current[1].id == top.doc_id


def test_arrow_down_moves_into_results(qtbot: QtBot, make_window: WindowFactory) -> None:
    """Down arrow in the field moves focus into the results list."""
    window = make_window()
    _search(qtbot, window, "blood pressure")
    qtbot.keyClick(window.search.field, Qt.Key.Key_Down)
    assert window.search.results.hasFocus()
    qtbot.keyClick(window.search.results, Qt.Key.Key_Return)
    assert window.reader.current is not None


def test_escape_clears_search_and_shows_browse(qtbot: QtBot, make_window: WindowFactory) -> None:
    """Escape clears the field and brings back the browse tabs."""
    window = make_window()
    _search(qtbot, window, "dissociation")
    qtbot.keyClick(window.search.field, Qt.Key.Key_Escape)
    assert window.search.field.text() == ""
    assert window.lists.currentWidget() is window.tabs


def test_bookmark_survives_restart(qtbot: QtBot, make_window: WindowFactory) -> None:
    """Ctrl+D bookmarks the open document; a new window on the same profile lists it."""
    window = make_window()
    window.open_document("esketamine-session-monitoring", "", "")
    window.actions_.bookmark.trigger()
    assert window.actions_.bookmark.isChecked()
    window.close()
    again = make_window()
    titles = [again.bookmarks.item(i).text() for i in range(again.bookmarks.count())]
    assert any("monitoring" in title.lower() for title in titles)
    assert again.recent.count() >= 1


def test_broken_pack_listed_in_problems_rest_works(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, data_dir: Path
) -> None:
    """A pack with a broken file shows in Pack problems and the status bar; the bundled pack still works."""
    broken = tmp_path / "broken"
    shutil.copytree(data_dir / "broken" / "unquoted-no", broken)
    window = make_window([broken])
    assert window.status.skipped.isVisible()
    assert any(p.code == "quote-text" for p in window.services.packs.problems)
    from app.gui.dialogs.problems import ProblemsDialog

    dialog = ProblemsDialog(window.services.packs, window)
    qtbot.addWidget(dialog)
    rows = [dialog.table.topLevelItem(i).text(1) for i in range(dialog.table.topLevelItemCount())]
    assert any(row.endswith("docs/protocol.yaml:4:8") for row in rows)
    assert window.open_document("esketamine-trd", "", "") is None and window.reader.current is not None


def test_text_size_change_persists(qtbot: QtBot, make_window: WindowFactory) -> None:
    """Ctrl+= makes text larger, and the size is remembered by the next window."""
    window = make_window()
    before = window.reader.text_size
    window.actions_.zoom_in.trigger()
    window.actions_.zoom_in.trigger()
    assert window.reader.text_size == before + 2
    window.close()
    assert make_window().reader.text_size == before + 2


def test_find_in_page(qtbot: QtBot, make_window: WindowFactory) -> None:
    """Ctrl+F opens the find bar and finds text in the document."""
    window = make_window()
    window.open_document("esketamine-trd", "", "")
    window.actions_.find.trigger()
    assert window.document.find_bar.isVisible()
    window.document.find_bar.field.setText("nostril")
    assert window.document.find_bar.result.text() == ""
    window.document.find_bar.field.setText("zzzz-not-there")
    assert window.document.find_bar.result.text() == "Not found"


def test_internal_link_opens_document(qtbot: QtBot, make_window: WindowFactory) -> None:
    """A see-also link (doc:) opens inside the app; remote resources are never loaded."""
    window = make_window()
    window.open_document("esketamine-trd", "", "")
    window.document.browser.internal_link.emit("esketamine-device-count", "")
    assert window.reader.current is not None and window.reader.current[1].id == "esketamine-device-count"
    assert window.document.browser.loadResource(2, "https://example.org/x.png") is None


def test_reader_uses_the_outline_panel_not_an_in_page_list(qtbot: QtBot, make_window: WindowFactory) -> None:
    """The window lists sections in its outline panel; the in-page list is only for print and PDF."""
    window = make_window()
    window.open_document("esketamine-trd", "", "")
    assert "On this page" not in window.document.browser.toPlainText()
    titles = [window.document.outline.item(i).text() for i in range(window.document.outline.count())]
    assert titles[:3] == ["Indications", "Contraindications and warnings", "Dosing and schedule"]


def test_search_hit_opens_scrolled_to_its_section(qtbot: QtBot, make_window: WindowFactory) -> None:
    """Opening at a section scrolls the reader to it; opening without one starts at the top."""
    window = make_window()
    window.resize(1200, 700)
    window.open_document("esketamine-trd", "monitoring", "blood pressure")
    bar = window.document.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=3000)
    window.open_document("esketamine-mdsi", "", "")
    qtbot.waitUntil(lambda: bar.value() == 0, timeout=3000)
