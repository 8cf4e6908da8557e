"""The reader at the chairside: header in view, outline follows, zoom keeps the hierarchy, keys move."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextTable
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui.clipping import clipped
from tests.gui.conftest import WindowFactory


def _heading_and_body_sizes(window: object) -> tuple[float, float]:
    document = window.document.browser.document()  # type: ignore[attr-defined]
    heads, body = [], []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            size = fragments.fragment().charFormat().fontPointSize() or document.defaultFont().pointSizeF()
            (heads if block.blockFormat().headingLevel() == 2 else body).append(size)
            fragments += 1
        block = block.next()
    return min(heads), max(set(body), key=body.count)


def test_header_stays_in_view_when_a_hit_opens_deep(make_window: WindowFactory, qtbot: QtBot) -> None:
    """Opened at a late section, the title, status, review dates and pack are still on screen."""
    window = make_window()
    window.open_document("esketamine-trd", "follow-up", "")
    header = window.document.header
    qtbot.waitUntil(lambda: window.document.browser.verticalScrollBar().value() > 0, timeout=5000)
    assert header.isVisible() and header.title.text() == window.reader.current[1].title
    facts = header.facts.text()
    assert "Approved use" in facts and "Review due" in facts and "Ketamine and esketamine therapy" in facts


def test_outline_marks_the_section_in_view(make_window: WindowFactory, qtbot: QtBot) -> None:
    """Scrolling to a section selects it in the outline; so does opening a hit there."""
    window = make_window()
    pane = window.document
    window.open_document("esketamine-trd", "dosing", "")
    qtbot.waitUntil(lambda: pane.section_in_view() == "dosing", timeout=5000)
    assert pane.outline.currentItem().text() == "Dosing and schedule"
    pane.browser.scrollToAnchor("missed-sessions")
    qtbot.waitUntil(lambda: pane.outline.currentItem().text() == "Missed sessions", timeout=5000)


def test_zoom_keeps_headings_above_body_text(make_window: WindowFactory, qtbot: QtBot) -> None:
    """Six steps of larger text keep section headings bigger than body text."""
    window = make_window()
    window.open_document("esketamine-trd", "", "")
    for _ in range(6):
        window.actions_.zoom_in.trigger()
    heading, body = _heading_and_body_sizes(window)
    assert heading > body >= 16


def test_sidebar_hides_and_workspace_keys_switch(make_window: WindowFactory, qtbot: QtBot) -> None:
    """Ctrl+B hides the sidebar for room; Ctrl+2 shows the second workspace; Ctrl+1 the reader."""
    window = make_window()
    window.actions_.toggle_sidebar.trigger()
    assert not window.sidebar.isVisible()
    window.actions_.toggle_sidebar.trigger()
    assert window.sidebar.isVisible()
    keys = {e.keys: e for e in window.shortcut_registry.entries() if e.where == "Workspaces"}
    assert {"Ctrl+1", "Ctrl+2"} <= set(keys)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.workspaces.currentIndex() == 1
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.workspaces.currentIndex() == 0


def test_f6_moves_between_panels_and_the_outline_has_a_key(make_window: WindowFactory, qtbot: QtBot) -> None:
    """F6 goes search -> list -> document -> outline; Ctrl+Shift+O jumps to the outline."""
    window = make_window()
    window.activateWindow()
    window.open_document("esketamine-trd", "", "")
    window.search.field.setFocus()
    window.actions_.next_panel.trigger()
    window.actions_.next_panel.trigger()
    assert QApplication.focusWidget() is window.document.browser
    window.actions_.next_panel.trigger()
    assert QApplication.focusWidget() is window.document.outline
    window.search.field.setFocus()
    window.actions_.focus_outline.trigger()
    assert QApplication.focusWidget() is window.document.outline


def test_nothing_is_clipped_at_1024x700(make_window: WindowFactory, qtbot: QtBot) -> None:
    """At the smallest supported window, the reader, a checklist run and a calculator cut no text."""
    from PySide6.QtWidgets import QAbstractButton

    from app.core import model
    from app.gui.features.runs.feature import ChecklistRuns

    window = make_window()
    window.resize(1024, 700)
    window.open_document("esketamine-trd", "dosing", "")
    qtbot.wait(200)
    assert clipped(window) == []
    found = window.services.packs.find("esketamine-session-monitoring")
    assert found is not None and isinstance(found[1], model.Checklist)
    window.findChild(ChecklistRuns).begin(found[0], found[1], "Chair 2, morning", None)
    qtbot.wait(200)
    assert clipped(window) == []
    window.open_document("ketamine-iv-dose", "", "")
    for button in window.context_bar.findChildren(QAbstractButton):
        if "calculator" in button.text().lower():
            button.click()
    qtbot.wait(200)
    assert clipped(window) == []


def _longest_line(window: object) -> int:
    """Characters on the longest laid-out line of body text (not the smaller reference lines)."""
    _heading, body = _heading_and_body_sizes(window)
    document = window.document.browser.document()  # type: ignore[attr-defined]
    longest, block = 0, document.begin()
    while block.isValid():
        size = block.begin().fragment().charFormat().fontPointSize() or document.defaultFont().pointSizeF()
        layout = block.layout()
        for n in range(layout.lineCount() if size == body else 0):
            longest = max(longest, layout.lineAt(n).textLength())
        block = block.next()
    return longest


def _table_widths(window: object) -> list[tuple[int, float]]:
    """(columns, width from the first cell's left edge to the last cell's right edge) of each
    table in the open document (frameBoundingRect keeps the width of the first layout)."""
    browser = window.document.browser  # type: ignore[attr-defined]
    layout = browser.document().documentLayout()
    widths = []
    for frame in browser.document().rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            first = layout.blockBoundingRect(frame.cellAt(0, 0).firstCursorPosition().block())
            last_cell = frame.cellAt(0, frame.columns() - 1)
            last = layout.blockBoundingRect(last_cell.firstCursorPosition().block())
            widths.append((frame.columns(), last.right() - first.left()))
    return widths


def test_data_tables_may_be_wider_than_the_text_but_stay_in_view(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    """At 1920 px a dosing table takes more than the text column (rows were a dozen lines tall);
    callouts and the reference list keep the column; at 1024 px every table fits the view."""
    window = make_window()
    window.resize(1920, 1080)
    window.open_document("esketamine-trd", "dosing", "")
    qtbot.wait(200)
    measure = window.document.measure_px
    viewport = window.document.browser.viewport().width()
    widths = _table_widths(window)
    assert any(columns >= 3 and width > measure * 1.2 for columns, width in widths), (measure, widths)
    assert all(width <= measure + 20 for columns, width in widths if columns < 3), (measure, widths)
    assert all(width <= viewport for _, width in widths), (viewport, widths)
    window.resize(1024, 700)
    qtbot.wait(200)
    viewport = window.document.browser.viewport().width()
    assert all(width <= viewport for _, width in _table_widths(window)), (viewport, widths)


def test_wide_windows_keep_a_reading_measure(make_window: WindowFactory, qtbot: QtBot) -> None:
    """At 1920x1080, with or without the sidebar, lines stay near 75-90 characters, not 150."""
    window = make_window()
    window.resize(1920, 1080)
    window.open_document("esketamine-trd", "eligibility", "")
    qtbot.wait(200)
    assert 60 <= _longest_line(window) <= 100, _longest_line(window)
    window.actions_.toggle_sidebar.trigger()
    qtbot.wait(200)
    assert 60 <= _longest_line(window) <= 100, _longest_line(window)
