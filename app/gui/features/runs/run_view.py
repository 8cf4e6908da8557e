"""A checklist run beside the patient: the timer, the alerts that hold now, and every item by timepoint.

Each value is saved through the core store the moment it is entered (one transaction each); the row
says "Saved" only after the commit. Once the run is finished the view is read-only and the run can be
printed or saved as PDF for the chart.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.runs.alerts import FiredAlert, pack_rules
from app.core.runs.store import Entry, Run, RunStore
from app.core.runs.timer import Minimum, MonitoringTimer, minimum_text
from app.core.runs.values import EntryRefused, Raw
from app.core.system.clock import Clock
from app.export.pdf import Printable
from app.export.runs import run_printable
from app.gui.features.runs.alert_summary import AlertSummary
from app.gui.features.runs.finish_dialog import FinishDialog
from app.gui.features.runs.items import ItemRow, plain_label
from app.gui.features.runs.timer_panel import TimerPanel
from app.gui.reader.print_bar import PrintBar
from app.gui.theme import set_type
from app.gui.widgets.announce import announce
from app.render.design import FORM_MAX_WIDTH
from app.render.helpers import offset_label
from app.render.runs import local_time, monitoring_summary
from app.render.theme import Theme


class RunView(QWidget):
    changed = Signal()
    """After anything was saved: a value, the dose time, completion."""

    def __init__(
        self,
        store: RunStore,
        run_id: int,
        theme: Theme,
        clock: Clock,
        parent: QWidget | None = None,
        *,
        paper: str = "A4",
    ):
        super().__init__(parent)
        self.store, self.theme, self.clock = store, theme, clock
        loaded = store.load(run_id)
        if loaded is None:
            raise KeyError(f"no checklist run {run_id}")
        self.run: Run = loaded
        self.timer = MonitoringTimer(self.run.checklist, clock)
        self.rows: dict[tuple[str, str], ItemRow] = {}
        self.groups: dict[str, QGroupBox] = {}
        self.title = plain_label(self.run.checklist.title, self)
        set_type(self.title, "title")
        self.subtitle = plain_label("", self)
        self.note = plain_label("", self)
        self.note.hide()
        self.timer_panel = TimerPanel(self.run.checklist.dose_event, theme, clock, self)
        self.summary = AlertSummary(theme, self)
        self.finish_button = QPushButton("Finish run\u2026", self)
        self.finish_button.setAccessibleDescription("Finish this checklist run")
        self.print_bar = PrintBar(self.printable, "checklist run", self, paper=paper)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.refresh_timer)
        self._layout()
        self._connect()
        self._show_run()

    # --- assembly ---------------------------------------------------------------------------
    def _layout(self) -> None:
        items = QWidget(self)
        column = QVBoxLayout(items)
        for point in self.run.checklist.timepoints:
            group = QGroupBox(point.label, items)
            self.groups[point.id] = group
            rows = QVBoxLayout(group)
            for item in point.items:
                row = ItemRow(point.id, item, self.theme, group)
                self.rows[(point.id, item.id)] = row
                rows.addWidget(row)
            column.addWidget(group)
        if self.run.checklist.discharge_criteria:
            criteria = "\n".join(f"\u2022 {s.text}" for s in self.run.checklist.discharge_criteria)
            column.addWidget(plain_label("Discharge criteria\n" + criteria, items))
        items.setAccessibleName("Checklist items")
        items.setMaximumWidth(FORM_MAX_WIDTH)
        scroll = QScrollArea(self)
        scroll.setAccessibleName("Checklist items")
        scroll.setWidgetResizable(True)
        scroll.setWidget(items)
        bottom = QHBoxLayout()
        bottom.addWidget(self.print_bar, 1)
        bottom.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.subtitle, self.note, self.timer_panel, self.summary):
            layout.addWidget(widget)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        self.timer_panel.setVisible(not self.run.checklist.is_visit)  # a visit has no dose to time from

    def _connect(self) -> None:
        for row in self.rows.values():
            row.submitted.connect(lambda raw, r=row: self.save(r, raw))
        self.timer_panel.dose_time_set.connect(self.set_dose_time)
        self.finish_button.clicked.connect(lambda: self.finish(confirm=True))

    def _show_run(self) -> None:
        info = self.run.info
        state = "Completed " + local_time(info.completed_at, True) if info.finished else "In progress"
        self.subtitle.setText(
            f"Session: {info.label}  \u00b7  {state}  \u00b7  started {local_time(info.started_at, True)}  "
            f"\u00b7  checklist {info.checklist_version}, pack {info.pack_id} {info.pack_version}"
        )
        latest = self.run.latest()
        for key, row in self.rows.items():
            entry = latest.get(key)
            row.show_value(entry.value if entry else None)
            if entry is not None:
                row.show_saved(entry.value, entry.recorded_at)
        self.timer_panel.show_dose_time(info.dose_time, self.clock())
        self._set_read_only(info.finished)
        self.refresh()

    # --- saving -----------------------------------------------------------------------------
    def row(self, timepoint_id: str, item_id: str) -> ItemRow:
        return self.rows[(timepoint_id, item_id)]

    def save(self, row: ItemRow, raw: Raw) -> Entry | None:
        """Append the value to user.db; the row shows "Saved" only once it is committed."""
        try:
            entry = self.store.record(self.run.info.id, row.timepoint_id, row.item.id, raw)
        except (EntryRefused, ValueError) as refused:
            row.show_refused(str(refused), _typed(raw))
            return None
        except (sqlite3.Error, OSError) as error:  # disk full, file gone: say so, never show "Saved"
            row.show_refused(f"it could not be written to the data file ({error}). Try again.", _typed(raw))
            return None
        self.run.entries.append(entry)
        row.show_saved(entry.value, entry.recorded_at)
        self.refresh()
        self.changed.emit()
        return entry

    def set_dose_time(self, when: datetime) -> None:
        if self._write(lambda: self.store.set_dose_time(self.run.info.id, when), "The dose time"):
            self._reload()

    def finish(self, confirm: bool = True) -> bool:
        if confirm and not self._confirm_finish():
            return False
        if not self._write(lambda: self.store.complete(self.run.info.id), "Finishing the run"):
            return False
        self._reload()
        announce(self, f"Checklist run finished: {self.run.info.label}. It can now be printed.")
        return True

    def _write(self, action: Callable[[], None], what: str) -> bool:
        try:
            action()
        except (sqlite3.Error, OSError, ValueError) as error:
            QMessageBox.warning(self, "Not saved", f"{what} could not be saved: {error}")
            return False
        return True

    def show_clinic_limits(self, limits: dict[str, str]) -> None:
        """A clinic's own limit beside the pack's rule on each item it names; the rules are unchanged."""
        checklist = self.run.checklist
        for (point_id, item_id), row in self.rows.items():
            limit = limits.get(f"{checklist.id}/{item_id}") or limits.get(
                f"{checklist.id}/{point_id}/{item_id}"
            )
            if limit:
                point = next(p for p in checklist.timepoints if p.id == point_id)
                row.show_clinic_limit(limit, pack_rules(checklist, point, row.item))

    def focus_first_field(self) -> None:
        """When a run opens, the keyboard (and a screen reader) starts at its first field."""
        for row in self.rows.values():
            if row.input is not None and row.input.isEnabled():
                row.input.setFocus()
                return

    def set_note(self, text: str) -> None:
        """A line under the title, such as a newer checklist version in the pack."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def finish_dialog(self) -> FinishDialog:
        """The minimum monitoring time and every missing required item; Go back is the default."""
        state = self.timer.state(self.run.info.dose_time, self.run.done_timepoints())
        minimum = minimum_text(state) + "." if state.minimum is not Minimum.NONE else ""
        return FinishDialog(self.run.info.label, minimum, self.run.missing_required(), self)

    def _confirm_finish(self) -> bool:
        return self.finish_dialog().exec() == FinishDialog.DialogCode.Accepted

    def _reload(self) -> None:
        loaded = self.store.load(self.run.info.id)
        if loaded is not None:
            self.run = loaded
        self._show_run()
        self.changed.emit()

    def _set_read_only(self, finished: bool) -> None:
        for row in self.rows.values():
            row.set_read_only(finished)
        self.timer_panel.set_read_only(finished)
        self.finish_button.setEnabled(not finished)
        self.print_bar.setEnabled(finished)
        if finished:
            self.ticker.stop()
        else:
            self.ticker.start()

    # --- display ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.alerts: list[FiredAlert] = self.run.alerts()
        for key, row in self.rows.items():
            row.show_alerts([a for a in self.alerts if key in a.items])
        self._fit_alerts()
        self.refresh_timer()

    def _fit_alerts(self) -> None:
        """As tall as the alerts need, up to a quarter of the view; beyond that the summary scrolls, so
        the form keeps its room at 1024x700."""
        self.summary.show_alerts(getattr(self, "alerts", []), max(90, self.height() // 4))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_alerts()

    def refresh_timer(self) -> None:
        info = self.run.info
        if info.finished:
            finished = f"\u2714 Run finished {local_time(info.completed_at, True)}"
            self.timer_panel.show_finished(finished, monitoring_summary(self.run))
        else:
            self.timer_panel.show_state(self.timer.state(info.dose_time, self.run.done_timepoints()))
        for point in self.run.checklist.timepoints:
            due = ""
            if info.dose_time is not None and not info.finished and point.offset_minutes is not None:
                due = f", due {local_time(info.dose_time + timedelta(minutes=point.offset_minutes))}"
            self.groups[point.id].setTitle(f"{point.label} ({offset_label(point.offset_minutes)}{due})")

    def printable(self) -> Printable:
        return run_printable(self.run)


def _typed(raw: Raw) -> str:
    return "" if raw is None or isinstance(raw, bool) else str(raw).strip()
