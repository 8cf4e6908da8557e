"""In-process checks of what the AT-SPI test (tests/a11y) reads from outside: a field's alert and
refusal are its description, status labels are named by their text with the item as context, and a
run opens with the focus in its first field."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui.conftest import WindowFactory
from tests.gui.test_accessibility import _accessible_name
from tests.gui.test_checklist_run import FakeClock, _start, _type


def test_alert_and_refusal_are_the_fields_description(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    view = _start(window, FakeClock())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.row("pre-dose", "pre-sbp").field)
    _type(qtbot, view, "pre-dose", "pre-sbp", "200")
    row = view.row("pre-dose", "pre-sbp")
    description = row.field.accessibleDescription()
    assert "180 mmHg" in description and "Urgent" in description
    assert row.alert.accessibleName().startswith("Systolic blood pressure before the dose: ")
    assert row.alert.accessibleName().endswith(row.alert.text())
    assert row.status.accessibleName().endswith(row.status.text()) and "Saved" in row.status.text()
    _type(qtbot, view, "pre-dose", "pre-dbp", "900")
    refused = view.row("pre-dose", "pre-dbp")
    assert "Not saved" in refused.field.accessibleDescription()
    assert refused.problem.accessibleName().endswith(refused.problem.text())
    _type(qtbot, view, "pre-dose", "pre-dbp", "80")
    assert "Not saved" not in refused.field.accessibleDescription()


def test_status_bar_and_search_count_are_named_by_their_text(make_window: WindowFactory) -> None:
    window = make_window()
    window.status.say("Saved /tmp/handout.pdf")
    assert _accessible_name(window.status.label) == "Saved /tmp/handout.pdf"
    window.search.status.setText("3 sections in 2 documents")
    assert _accessible_name(window.search.status) == "3 sections in 2 documents"
