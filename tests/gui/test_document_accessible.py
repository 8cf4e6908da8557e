"""In-process checks of what tests/a11y reads over AT-SPI: the document view as a document (heading
and link objects, its text without Qt's frame markers, a caret), Tab leaving it, the buttons above
it before it in Tab order, and search results without cloze markup."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleInterface
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.core import model
from app.gui.main_window import MainWindow
from app.gui.reader.document_view import LINK_NAME_ROLE, LINK_ROLE
from tests.gui.conftest import WindowFactory

MARKERS = re.compile("[\ufdd0-\ufdef\ue000-\uf8ff]")
CLOZE = re.compile(r"\{\{c\d+::")


def document_parts(window: MainWindow) -> tuple[QAccessibleInterface, list[QAccessibleInterface]]:
    interface = QAccessible.queryAccessibleInterface(window.document.browser)
    assert interface is not None
    return interface, [interface.child(i) for i in range(interface.childCount())]


def named(parts: list[QAccessibleInterface], role: QAccessible.Role) -> list[str]:
    return [p.text(QAccessible.Text.Name) for p in parts if p.role() == role]


def test_the_document_is_a_document_of_headings_links_and_text(make_window: WindowFactory) -> None:
    window = make_window()
    hidden = 0
    for doc_id in ("esketamine-trd", "esketamine-session-monitoring"):  # the second replaces the first
        window.open_document(doc_id, "", "")
        QApplication.processEvents()
        interface, parts = document_parts(window)
        assert interface.role() == QAccessible.Role.Document
        headings, links = named(parts, QAccessible.Role.Heading), named(parts, QAccessible.Role.Link)
        outline = [window.document.outline.item(i).text() for i in range(window.document.outline.count())]
        assert outline and all(any(h.startswith(o) for h in headings) for o in outline), headings
        listed = [
            window.document.links.item(i).data(LINK_NAME_ROLE) for i in range(window.document.links.count())
        ]
        assert links == listed
        text = interface.textInterface()
        whole = text.text(0, text.characterCount())
        assert not MARKERS.search(whole)
        hidden += len(MARKERS.findall(window.document.browser.document().toRawText()))
        assert all(name in whole for name in headings + links)
    assert hidden, "neither document has a table: the marker check above checked nothing"


def test_the_caret_is_the_documents_cursor(make_window: WindowFactory) -> None:
    window = make_window()
    window.open_document("esketamine-trd", "", "")
    interface, parts = document_parts(window)
    text = interface.textInterface()
    heading = named(parts, QAccessible.Role.Heading)[1]
    where = text.text(0, text.characterCount()).index(heading)
    text.setCursorPosition(where)
    assert window.document.browser.textCursor().position() == where == text.cursorPosition()
    window.document.browser.setFocus()
    QTest.keyClick(window.document.browser, Qt.Key.Key_Right)
    assert text.cursorPosition() == where + 1  # the arrow keys move the caret a reader follows


def focusable_after(widget: QWidget) -> QWidget:
    following = widget.nextInFocusChain()
    while not (following.focusPolicy() & Qt.FocusPolicy.TabFocus) or not following.isVisible():
        following = following.nextInFocusChain()
    return following


def test_tab_leaves_the_document_and_reaches_the_buttons_above_it(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window()
    window.open_document("esketamine-session-monitoring", "", "")
    browser = window.document.browser
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    QTest.keyClick(browser, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not browser
    buttons = window.context_bar.buttons
    assert len(buttons) >= 2
    for button, following in zip(buttons, [*buttons[1:], browser], strict=True):
        assert focusable_after(button) is following, button.text()


def cloze_answers(window: MainWindow) -> list[str]:
    answers = []
    for pack in window.services.packs.packs:
        for document in pack.documents.values():
            if isinstance(document, model.CardDeck):
                texts = [c.text for c in document.cards if isinstance(c, model.ClozeCard)]
                answers += [re.findall(r"\{\{c\d+::([^:}]+)", t)[0] for t in texts]
    return answers


def test_study_cards_in_results_read_without_cloze_markup(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    answers = cloze_answers(window)
    assert answers
    window.search.kind.setCurrentIndex(window.search.kind.findText("Study cards"))
    for answer in answers[:: max(1, len(answers) // 8)]:
        window.search.field.setText(answer)
        qtbot.waitUntil(lambda: window.search.model.rowCount() > 0, timeout=10000)
        model_ = window.search.model
        for row in range(model_.rowCount()):
            index = model_.index(row, 0)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                assert not CLOZE.search(str(index.data(role))), (answer, index.data(role))


def test_a_reader_follows_a_link_and_hears_heading_levels(make_window: WindowFactory) -> None:
    window = make_window()
    window.open_document("ketamine-ptsd-anxiety", "", "")
    _, parts = document_parts(window)
    levels = [
        p.attributesInterface().attributeValue(QAccessible.Attribute.Level)
        for p in parts
        if p.role() == QAccessible.Role.Heading
    ]
    assert levels[0] == 1 and set(levels[1:]) <= {2, 3} and len(levels) > 2
    targets = {
        window.document.links.item(i).data(LINK_NAME_ROLE): window.document.links.item(i).data(LINK_ROLE)
        for i in range(window.document.links.count())
    }
    inner = next(
        p
        for p in parts
        if p.role() == QAccessible.Role.Link
        and str(targets.get(p.text(QAccessible.Text.Name))).startswith("doc:")
    )
    action = inner.actionInterface()
    assert action.actionNames() == [QAccessibleActionInterface.pressAction()]
    action.doAction(QAccessibleActionInterface.pressAction())
    QApplication.processEvents()
    wanted = str(targets[inner.text(QAccessible.Text.Name)])[4:].partition("#")[0]
    assert window.reader.current is not None and window.reader.current[1].id == wanted


def test_a_citation_says_the_reference_it_points_to(make_window: WindowFactory) -> None:
    window = make_window()
    window.open_document("esketamine-trd", "", "")
    _, parts = document_parts(window)
    citations = [
        p for p in parts if p.role() == QAccessible.Role.Link and p.text(QAccessible.Text.Name).isdigit()
    ]
    assert citations
    for citation in citations:
        number = citation.text(QAccessible.Text.Name)
        described = citation.text(QAccessible.Text.Description)
        assert described.startswith(f"[{number}] ") and len(described) > 20, described
    first = window.document.links.item(0)
    number = first.data(LINK_NAME_ROLE)
    assert first.data(Qt.ItemDataRole.AccessibleTextRole).startswith(f"{number}: [{number}] ")
    # Sighted readers see the reference too, not a bare number; the tooltip has it whole.
    assert first.text().startswith(f"[{number}] ") and len(first.text()) > 20, first.text()
    assert first.toolTip() == first.data(Qt.ItemDataRole.AccessibleTextRole).partition(": ")[2]


EXIT_SCRIPT = """
import gc
from PySide6.QtGui import QAccessible
from app.gui.app import create_application
from app.gui.main_window import MainWindow
application = create_application()
QAccessible.setActive(True)  # as when a screen reader is running
window = MainWindow(ask_disclaimer=False)
window.show()
while not window.index_ready:
    application.processEvents()
for doc_id in ("esketamine-trd", "esketamine-treatment-day"):
    window.open_document(doc_id, "", "")
    application.processEvents()
    document = QAccessible.queryAccessibleInterface(window.document.browser)
    parts = [QAccessible.uniqueId(document.child(i)) for i in range(document.childCount())]
window.close()
window.deleteLater()
application.processEvents()
del window, document
gc.collect()
application.processEvents()
print("closed", len(parts), flush=True)
"""


@pytest.mark.slow
def test_the_app_exits_cleanly_after_a_reader_used_the_document(tmp_path: Path) -> None:
    """PySide leaves a factory's interfaces owned by Python; collected while Qt's cache held them,
    they crashed the app when a window closed or at exit. Here a reader's use, a window deleted and
    a normal exit: the process ends with status 0."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PROTOCOL_DESK_HOME=str(tmp_path / "home"))
    root = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", EXIT_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        cwd=root,
    )
    assert done.returncode == 0 and "closed" in done.stdout, done.stderr[-3000:]
