"""Every interactive control has an accessible name, and Tab reaches the main areas in order."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.gui.conftest import WindowFactory

INTERACTIVE = (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QTextEdit, QAbstractSpinBox)


def _accessible_name(widget: QWidget) -> str:
    """The name assistive technology gets: explicit, or Qt's fallback such as a button's text."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # the editor inside a combo or spin box is named by its owner
        if not _accessible_name(widget):
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}"
            )
    return missing


def test_every_control_has_an_accessible_name(qtbot: QtBot, make_window: WindowFactory) -> None:
    """Walk the widget tree of the main window and its dialogs."""
    window = make_window()
    window.open_document("esketamine-trd", "", "")
    assert _unnamed(window) == []
    from app.gui.dialogs.problems import ProblemsDialog
    from app.gui.dialogs.settings import SettingsDialog

    for dialog in (
        SettingsDialog(window.services.config, window),
        ProblemsDialog(window.services.packs, window),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        assert _unnamed(dialog) == []
        dialog.close()


def test_tab_order_reaches_search_results_document(qtbot: QtBot, make_window: WindowFactory) -> None:
    """From the search field, Tab goes through the filters and results to the document, and back round."""
    window = make_window()
    window.open_document("esketamine-trd", "", "")
    window.search.field.setText("dose")
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0, timeout=10000)
    chain, widget = [], window.search.field
    for _ in range(12):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & widget.focusPolicy().TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
    names = [w.accessibleName() for w in chain]
    for expected in ("Search", "Filter by kind", "Search results", "Document"):
        assert expected in names, names
    assert names.index("Search") < names.index("Search results") < names.index("Document")
