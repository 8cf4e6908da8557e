"""The calculator view from the pack's declaration: results with working and source, refusals, maximum."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from app.gui.features.calc.view import CalculatorView
from app.gui.main_window import MainWindow
from tests.gui.conftest import WindowFactory
from tests.gui.test_accessibility import _unnamed


def _open(window: MainWindow, doc_id: str) -> CalculatorView:
    window.open_document(doc_id, "", "")
    next(b for b in window.context_bar.buttons if b.text() == "Open calculator").click()
    view = window.findChild(CalculatorView)
    assert view is not None and window.workspaces.currentWidget().isAncestorOf(view) and view.isVisible()
    return view


def test_weight_based_dose_worked_example(qtbot: QtBot, make_window: WindowFactory) -> None:
    """Typing 70 kg shows 35 mg, 35 mL and 52.5 mL/h with the formula, rounding and source."""
    window = make_window()
    view = _open(window, "ketamine-iv-dose")
    field = view.fields[0].editor
    assert isinstance(field, QLineEdit)
    qtbot.keyClicks(field, "70")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert view.results.text() == "Dose: 35 mg\nVolume: 35 mL\nPump rate: 52.5 mL/h"
    working = view.working.text()
    assert (
        "Dose = 70 kg \u00d7 0.5 mg/kg = 35 mg" in working
        and "Rounding: dose to the nearest 0.1 mg" in working
    )
    assert "Source:" in working and "Andrade" in working
    assert not view.warnings.isVisible() and _unnamed(view) == []


def test_out_of_bounds_input_is_refused_not_clamped(make_window: WindowFactory) -> None:
    """250 kg is refused with the bounds in words, and no result is shown."""
    window = make_window()
    view = _open(window, "ketamine-iv-dose")
    view.set_value("weight", "250")
    error = view.fields[0].error
    assert error.isVisible() and "outside the allowed range (30 to 200 kg)" in error.text()
    assert view.result is None and "Results appear when every input" in view.results.text()
    assert view.fields[0].raw() == "250"


def test_device_count_at_maximum_warns(make_window: WindowFactory) -> None:
    """84 mg gives 3 devices, 10 minutes of waits, and a visible maximum warning in words."""
    window = make_window()
    view = _open(window, "esketamine-device-count")
    assert isinstance(view.fields[0].editor, QComboBox)
    view.set_value("dose", "84")
    assert (
        "Devices: 3 devices" in view.results.text()
        and "Minimum time for the waits: 10 min" in view.results.text()
    )
    assert view.warnings.isVisible() and view.warnings.text().startswith("\u26a0 Warning:")
    view.set_value("dose", "56")
    assert "Devices: 2 devices" in view.results.text() and not view.warnings.isVisible()
