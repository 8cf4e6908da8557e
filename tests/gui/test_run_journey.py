"""One run as a clinic uses it, asserting what the screen shows at each step: dose not yet given,
the dose recorded with the main button, an urgent alert, a refused value, the Finish dialog, and the
finished run with no timer left running."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.gui.features.runs.finish_dialog import FinishDialog
from app.gui.features.runs.run_view import RunView
from tests.gui.conftest import WindowFactory
from tests.gui.test_checklist_run import START, FakeClock, _saved, _start, _type


def _choose(view: RunView, point: str, item: str, value: int) -> None:
    combo = view.row(point, item).combo
    index = combo.findData(value)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def _before_the_dose(qtbot: QtBot, view: RunView) -> None:
    panel = view.timer_panel
    assert panel.elapsed.text() == "Dose not yet given"
    assert not panel.now_button.isHidden() and "Dose given now" in panel.now_button.text()
    assert "starts when the dose is recorded" in panel.minimum.text() and "to go" not in panel.minimum.text()
    assert panel.next_due.text() == "Next: Before the first device"
    assert all("due" not in group.title() for group in view.groups.values())
    _type(qtbot, view, "pre-dose", "pre-sbp", "150")
    _type(qtbot, view, "pre-dose", "pre-dbp", "85")
    _choose(view, "pre-dose", "pre-moaas", 5)
    assert [line.text()[:9] for line in view.summary.lines] == ["\u26a0 Caution"]


def _dose_and_timer(view: RunView, clock: FakeClock) -> None:
    clock.now = START + timedelta(minutes=7)
    view.timer_panel.now_button.click()
    assert view.run.info.dose_time == clock.now
    assert view.timer_panel.now_button.isHidden()
    assert view.timer_panel.elapsed.text() == "0:00:00 since the dose"
    assert "due" in view.groups["bp-40-min"].title()
    clock.now += timedelta(minutes=40)
    view.refresh_timer()
    assert view.timer_panel.elapsed.text() == "0:40:00 since the dose"
    assert "1:20:00 to go" in view.timer_panel.minimum.text()


def _urgent_alert(view: RunView) -> None:
    _choose(view, "bp-40-min", "moaas-40", 2)
    first = view.summary.lines[0].text()
    assert first.startswith("\u203c URGENT ACTION") and "Sedation at about 40 minutes" in first
    assert view.row("bp-40-min", "moaas-40").alert.text().startswith("\u203c Urgent action")
    assert view.summary.isVisible() and view.summary.height() <= view.height() // 3 + 1


def _refused_value(qtbot: QtBot, view: RunView) -> None:
    _type(qtbot, view, "bp-40-min", "sbp-40", "150")
    row = view.row("bp-40-min", "sbp-40")
    saved_mark = row.status.text()
    _type(qtbot, view, "bp-40-min", "sbp-40", "15")
    assert _saved(view, "bp-40-min", "sbp-40") == "150"
    assert row.field.text() == "150" and row.status.text() == saved_mark
    assert "\u201c15\u201d" in row.problem.text() and "plausible range" in row.problem.text()
    assert "last saved value is kept" in row.problem.text() and not row.problem.isHidden()


def _finish(qtbot: QtBot, view: RunView) -> None:
    missing = view.run.missing_required()
    dialog = view.finish_dialog()
    qtbot.addWidget(dialog)
    bullets = [line for line in dialog.text().splitlines() if line.startswith("\u2022")]
    assert f"{len(missing)} required items have no value" in dialog.text() and len(bullets) == len(missing)
    assert dialog.back.isDefault() and not dialog.finish.isDefault()
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter goes back: the run stays open
    assert dialog.result() == FinishDialog.DialogCode.Rejected and not view.run.info.finished
    assert view.finish(confirm=False)


def _finished(view: RunView, clock: FakeClock) -> None:
    panel = view.timer_panel
    assert panel.elapsed.text().startswith("\u2714 Run finished")
    assert panel.next_due.text() == "" and "to go" not in panel.minimum.text()
    assert "Monitored 40 min" in panel.minimum.text() and "NOT reached" in panel.minimum.text()
    assert panel.now_button.isHidden() and panel.set_button.isHidden()
    assert not view.ticker.isActive()
    assert all("due" not in group.title() for group in view.groups.values())
    clock.now += timedelta(hours=1)
    view.refresh_timer()
    assert panel.elapsed.text().startswith("\u2714 Run finished") and panel.next_due.text() == ""
    assert view.title.isEnabled() and view.title.text() == view.run.checklist.title


def test_a_run_from_before_the_dose_to_finished(qtbot: QtBot, make_window: WindowFactory) -> None:
    """Dose not given, dose recorded, urgent alert, refused value, Finish, finished state."""
    window = make_window()
    window.resize(1024, 700)
    clock = FakeClock()
    view = _start(window, clock, dose_time=None)
    _before_the_dose(qtbot, view)
    _dose_and_timer(view, clock)
    _urgent_alert(view)
    _refused_value(qtbot, view)
    _finish(qtbot, view)
    _finished(view, clock)
