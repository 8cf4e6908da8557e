"""A checklist run in the real window: start, every item type through its widget, refusals, alerts,
the timer on a fake clock, finishing and exporting, the blank form, resumption and purging."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.core import model
from app.core.runs.store import RunStore
from app.core.system.paths import app_paths
from app.core.userdata.db import UserDb
from app.gui.features.runs.feature import ChecklistRuns
from app.gui.features.runs.run_view import RunView
from app.gui.features.runs.runs_page import ResumeOffer
from app.gui.features.runs.start_dialog import StartRunDialog
from app.gui.main_window import MainWindow
from tests.core.test_checklist_runs import every_type_checklist
from tests.export.pdf_text import pdf_text
from tests.gui.conftest import WindowFactory
from tests.gui.test_accessibility import _unnamed

CHECKLIST = "esketamine-session-monitoring"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def _feature(window: MainWindow, clock: FakeClock | None = None) -> ChecklistRuns:
    feature = window.findChild(ChecklistRuns)
    assert feature is not None
    if clock is not None:
        feature.clock = feature.store.clock = clock
    return feature


def _start(window: MainWindow, clock: FakeClock, dose_time: datetime | None = START) -> RunView:
    found = window.services.packs.find(CHECKLIST)
    assert found is not None and isinstance(found[1], model.Checklist)
    return _feature(window, clock).begin(found[0], found[1], "Chair 2, morning", dose_time)


def _type(qtbot: QtBot, view: RunView, point: str, item: str, text: str) -> None:
    field = view.row(point, item).field
    field.clear()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _saved(view: RunView, point: str, item: str) -> str | None:
    return view.store.load(view.run.info.id).value(point, item)  # type: ignore[union-attr]


def test_context_actions_on_a_checklist(make_window: WindowFactory) -> None:
    """A checklist shows "Start a checklist run" and "Blank checklist for paper"."""
    window = make_window()
    window.open_document(CHECKLIST, "", "")
    labels = [b.text() for b in window.context_bar.buttons]
    assert "Start a checklist run" in labels and "Blank checklist for paper" in labels


def test_start_dialog_asks_for_a_label_not_an_identifier(qtbot: QtBot, make_window: WindowFactory) -> None:
    """The label field says not to use patient identifiers and refuses a record number."""
    window = make_window()
    found = window.services.packs.find(CHECKLIST)
    assert found is not None and isinstance(found[1], model.Checklist)
    dialog = StartRunDialog(found[1], START, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert _unnamed(dialog) == []
    assert "patient identifiers" in dialog.label.accessibleName()
    assert dialog.chosen_dose_time() is None and not dialog.dose_time.isEnabled()
    dialog.dose_known.setChecked(True)
    assert dialog.chosen_dose_time() == START
    dialog.label.setText("MRN 12345678")
    dialog.accept()
    assert dialog.result() != StartRunDialog.DialogCode.Accepted and "record number" in dialog.problem.text()
    dialog.label.setText("Chair 2")
    dialog.dose_known.setChecked(False)
    dialog.accept()
    assert dialog.result() == StartRunDialog.DialogCode.Accepted and dialog.chosen_dose_time() is None


def test_every_item_type_through_its_widget(qtbot: QtBot, make_window: WindowFactory) -> None:
    """Number, yes/no, scale, check and free text are saved at once, each marked "Saved"."""
    window = make_window()
    view = _start(window, FakeClock())
    _type(qtbot, view, "pre-dose", "pre-dbp", "84")
    view.row("pre-dose", "ride-home-arranged").answers.buttons()[0].click()
    combo = view.row("bp-40-min", "moaas-40").combo
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    view.row("dosing", "device-not-primed").check.click()
    assert _saved(view, "pre-dose", "pre-dbp") == "84"
    assert _saved(view, "pre-dose", "ride-home-arranged") == "yes"
    assert _saved(view, "bp-40-min", "moaas-40") == "4"
    assert _saved(view, "dosing", "device-not-primed") == "true"
    assert view.row("pre-dose", "pre-dbp").status.text().startswith("\u2714 Saved")
    assert _unnamed(view) == []


def test_free_text_item(qtbot: QtBot, make_window: WindowFactory) -> None:
    """A free-text item is saved when the field is left (no bundled checklist has one yet)."""
    window = make_window()
    pack = window.services.packs.packs[0]
    view = _feature(window, FakeClock()).begin(pack, every_type_checklist(), "Bay 1", None)
    _type(qtbot, view, "pre", "note", "calm, chatting")
    assert _saved(view, "pre", "note") == "calm, chatting"
    assert view.run.info.checklist_version == "2.1.0"


def test_implausible_value_is_refused_with_a_message(qtbot: QtBot, make_window: WindowFactory) -> None:
    """300 % SpO2 is refused in words naming what was typed; nothing is saved and the field is empty
    again, so it never shows a value that is not stored."""
    window = make_window()
    view = _start(window, FakeClock())
    _type(qtbot, view, "pre-dose", "pre-spo2", "300")
    row = view.row("pre-dose", "pre-spo2")
    assert "outside the plausible range (70-100 %)" in row.problem.text() and row.problem.isVisible()
    assert _saved(view, "pre-dose", "pre-spo2") is None and row.field.text() == ""
    assert "\u201c300\u201d" in row.problem.text() and row.status.text() == ""
    _type(qtbot, view, "pre-dose", "pre-spo2", "97")
    assert _saved(view, "pre-dose", "pre-spo2") == "97" and not row.problem.isVisible()


def test_alerts_show_guidance_with_severity_words(qtbot: QtBot, make_window: WindowFactory) -> None:
    """BP 152 before the dose is a caution with the benefit-risk prompt; SpO2 91 at 40 min is urgent and
    listed first; each alert once in the summary, the item lines carry only a marker."""
    window = make_window()
    view = _start(window, FakeClock())
    _type(qtbot, view, "pre-dose", "pre-sbp", "152")
    _type(qtbot, view, "bp-40-min", "spo2-40", "91")
    row = view.row("pre-dose", "pre-sbp")
    assert row.alert.isVisible() and row.alert.text().startswith("\u26a0 Caution")
    assert "benefit" not in row.alert.text()
    assert view.row("bp-40-min", "spo2-40").alert.text().startswith("\u203c Urgent action")
    summary = [label.text() for label in view.summary.lines]
    assert (
        len(summary) == 2
        and summary[0].startswith("\u203c URGENT ACTION")
        and "rouse the patient" in summary[0]
    )
    assert summary[1].startswith("\u26a0 Caution") and "benefit and risk" in summary[1]
    _type(qtbot, view, "pre-dose", "pre-sbp", "128")
    assert not row.alert.isVisible()


def test_timer_states_on_a_fake_clock(make_window: WindowFactory) -> None:
    """Elapsed time, the 40-minute BP due, then the 2-hour minimum reached."""
    window = make_window()
    clock = FakeClock()
    view = _start(window, clock)
    clock.now = START + timedelta(minutes=25)
    view.refresh_timer()
    panel = view.timer_panel
    assert panel.elapsed.text() == "0:25:00 since the dose"
    assert "not yet reached: 1:35:00 to go" in panel.minimum.text()
    view.row("dosing", "devices-given").field.setText("2")
    view.row("dosing", "devices-given").field.editingFinished.emit()
    assert "About 40 minutes after the dose \u2014 due in 15 min" in panel.next_due.text()
    clock.now = START + timedelta(hours=2)
    view.refresh_timer()
    assert panel.minimum.text() == "\u2714 Minimum monitoring time (2 h) reached"


def test_dose_time_set_later(make_window: WindowFactory) -> None:
    """A run started before the dose waits for the dose time; "Dose given now" starts the timer."""
    window = make_window()
    clock = FakeClock()
    view = _start(window, clock, dose_time=None)
    assert view.timer_panel.elapsed.text() == "Dose not yet given"
    clock.now = START + timedelta(minutes=3)
    view.timer_panel.now_button.click()
    assert view.run.info.dose_time == clock.now
    view.timer_panel.dose_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(START.timestamp())))
    view.timer_panel.set_button.click()
    assert view.run.info.dose_time == START


def test_finish_then_export_pdf(qtbot: QtBot, make_window: WindowFactory, tmp_path: Path) -> None:
    """A finished run is read-only, and its PDF has the label, the values and the alert."""
    window = make_window()
    view = _start(window, FakeClock())
    _type(qtbot, view, "pre-dose", "pre-sbp", "152")
    assert not view.print_bar.isEnabled()
    assert view.finish(confirm=False)
    assert not view.row("pre-dose", "pre-sbp").editor.isEnabled() and view.print_bar.isEnabled()
    view.print_bar.set_page_size("Letter")
    out = view.print_bar.save_pdf(tmp_path / "run.pdf")
    assert out is not None
    text = pdf_text(out)
    assert "Chair 2, morning" in text and "152 mmHg" in text and "Caution" in text


def test_blank_checklist_preview_and_pdf(make_window: WindowFactory, tmp_path: Path) -> None:
    """The context action shows the paper form, which saves as PDF."""
    window = make_window()
    window.open_document(CHECKLIST, "", "")
    button = next(b for b in window.context_bar.buttons if b.text() == "Blank checklist for paper")
    button.click()
    feature = _feature(window)
    assert window.workspaces.currentWidget() is feature.workspace
    assert "Session label" in feature.blank.preview.toPlainText()
    out = feature.blank.print_bar.save_pdf(tmp_path / "blank.pdf")
    assert out is not None and "Blank checklist for paper" in pdf_text(out)


def _seed_runs() -> tuple[int, int]:
    """An unfinished run and an old completed one, as a previous session left them."""
    from app.core.packs.roots import default_roots, load_packs

    found = load_packs(default_roots([])).find(CHECKLIST)
    assert found is not None and isinstance(found[1], model.Checklist)
    pack, checklist = found
    clock = FakeClock()
    clock.now = datetime.now(UTC) - timedelta(days=45)
    db = UserDb.open(app_paths().ensure().user_db)
    store = RunStore(db, clock)
    old = store.start(pack.id, pack.manifest.version, checklist, "Old session", None)
    store.complete(old)
    unfinished = store.start(pack.id, pack.manifest.version, checklist, "Chair 4, left open", None)
    store.record(unfinished, "pre-dose", "pre-sbp", "161")
    db.close()
    return old, unfinished


def test_unfinished_run_is_offered_and_resumed(qtbot: QtBot, make_window: WindowFactory) -> None:
    """At start-up a non-modal offer lists the unfinished run; resuming shows its saved values."""
    _old, unfinished = _seed_runs()
    window = make_window()
    offer = window.findChild(ResumeOffer)
    assert offer is not None and offer.isVisible() and not offer.isModal()
    assert offer.run_ids() == [unfinished] and _unnamed(offer) == []
    offer.resume_requested.emit(unfinished)
    view = _feature(window).view
    assert view is not None and view.run.info.id == unfinished
    row = view.row("pre-dose", "pre-sbp")
    assert row.field.text() == "161" and row.alert.isVisible()
    assert [r.id for r in _feature(window).store.runs()] == [unfinished], (
        "the 45-day-old completed run is purged"
    )


def test_write_failure_is_never_shown_as_saved(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the data file cannot be written, the row says so instead of "Saved"."""
    window = make_window()
    view = _start(window, FakeClock())

    def fail(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(view.store, "record", fail)
    _type(qtbot, view, "pre-dose", "pre-sbp", "120")
    row = view.row("pre-dose", "pre-sbp")
    assert "could not be written" in row.problem.text() and not row.status.text()


def test_resumed_run_keeps_its_checklist_version(make_window: WindowFactory) -> None:
    """A run started on an older checklist version says so, and keeps the items it started with."""
    window = make_window()
    found = window.services.packs.find(CHECKLIST)
    assert found is not None and isinstance(found[1], model.Checklist)
    older = found[1].model_copy(update={"version": "0.9.0"})
    view = _feature(window, FakeClock()).begin(found[0], older, "Chair 1", None)
    assert view.note.isVisible() and "keeps version 0.9.0" in view.note.text()


def test_a_clinic_limit_shows_beside_the_pack_rule_never_merged(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    """A site's own limit appears next to the label's rule on its item; the pack's rule still fires."""
    from app.core.system.config import save_user_setting

    limits = {f"{CHECKLIST}/pre-sbp": "160/100 mmHg (clinic protocol)"}
    save_user_setting(app_paths().ensure(), "checklists.clinic_limits", limits)
    window = make_window()
    view = _start(window, FakeClock())
    row = view.row("pre-dose", "pre-sbp")
    assert row.clinic_limit.text().endswith("160/100 mmHg (clinic protocol)")
    assert "above 140 mmHg" in row.pack_rule.text() and "(Caution)" in row.pack_rule.text()
    assert "at or above 180 mmHg" in row.pack_rule.text()
    assert not hasattr(view.row("pre-dose", "pre-dbp"), "clinic_limit")
    _type(qtbot, view, "pre-dose", "pre-sbp", "150")
    _type(qtbot, view, "pre-dose", "pre-dbp", "80")
    assert [line.text()[:9] for line in view.summary.lines] == ["\u26a0 Caution"]


def test_new_alerts_and_refusals_are_announced_once(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A screen reader hears a new alert and a refused value; redrawing the same alert stays quiet."""
    from app.gui.features.runs import alert_summary, items

    heard: list[str] = []
    loud: list[bool | None] = []

    def hear(widget: QLabel, urgent: bool | None = None) -> None:
        heard.append(widget.text())
        loud.append(urgent)

    monkeypatch.setattr(alert_summary, "announce", hear)
    monkeypatch.setattr(items, "announce", hear)
    window = make_window()
    view = _start(window, FakeClock())
    _type(qtbot, view, "pre-dose", "pre-sbp", "150")
    assert len(heard) == 1 and heard[0].startswith("\u26a0 Caution")
    assert loud == [False]  # a caution waits for the reader; urgent action and emergency interrupt
    view.resize(view.width() - 40, view.height())
    view.refresh()
    _type(qtbot, view, "pre-dose", "pre-dbp", "85")
    assert len(heard) == 1
    _type(qtbot, view, "pre-dose", "pre-spo2", "300")
    assert len(heard) == 2 and "Not saved" in heard[1]


def test_run_list_puts_the_state_first(make_window: WindowFactory) -> None:
    """In the list of runs the state and label come first, so a long title never hides them."""
    from app.gui.features.runs.runs_page import run_text

    window = make_window()
    view = _start(window, FakeClock())
    assert run_text(view.run.info).startswith("\u25b6 IN PROGRESS \u2014 Chair 2, morning")
    assert view.finish(confirm=False)
    assert run_text(view.run.info).startswith("\u2714 Completed ")


def test_visit_checklist_runs_without_a_dose_or_timer(
    qtbot: QtBot, make_window: WindowFactory, data_dir: Path
) -> None:
    """A review visit asks for no dose time, shows no timer, titles steps `at the visit`, and alerts."""
    window = make_window([data_dir / "packs" / "lithium-monitoring"])
    found = window.services.packs.find("lithium-review-visit")
    assert found is not None and isinstance(found[1], model.Checklist)
    dialog = StartRunDialog(found[1], START, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.dose_time.isVisible() and dialog.chosen_dose_time() is None
    view = _feature(window, FakeClock()).begin(found[0], found[1], "Clinic room 3", None)
    assert view.timer_panel.isHidden()
    assert view.groups["level"].title() == "Lithium level (at the visit)"
    _type(qtbot, view, "level", "lithium-level", "1.62")
    assert "toxic range" in " ".join(line.text() for line in view.summary.lines)
