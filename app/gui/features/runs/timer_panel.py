"""The monitoring timer on screen: dose time, time since the dose, the next timepoint and the minimum."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import QDateTimeEdit, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from app.core.runs.timer import Minimum, TimerState, elapsed_text, minimum_text, next_due_text
from app.core.system.clock import Clock
from app.gui.widgets.plain import plain
from app.render.theme import Theme

MINIMUM_ICONS = {
    Minimum.NOT_REACHED: "\u26a0",
    Minimum.REACHED: "\u2714",
    Minimum.NO_DOSE_TIME: "\u26a0",
    Minimum.NONE: "",
}


def to_qt(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qt(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


class TimerPanel(QWidget):
    dose_time_set = Signal(object)
    """datetime (aware) the user set or confirmed as the dose time"""

    def __init__(self, dose_event: str, theme: Theme, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme, self.clock = theme, clock
        self.dose_edit = QDateTimeEdit(self)
        self.dose_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.dose_edit.setAccessibleName(f"Dose time ({dose_event})")
        self.set_button = QPushButton("Set dose time", self)
        self.set_button.setAccessibleName("Save the dose time shown")
        self.now_button = QPushButton("Dose given now", self)
        self.now_button.setAccessibleName("Set the dose time to now")
        self.elapsed = plain(QLabel(self))
        self.elapsed.setAccessibleName("Time since the dose")
        self.elapsed.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.next_due = plain(QLabel(self))
        self.next_due.setAccessibleName("Next timepoint due")
        self.next_due.setWordWrap(True)
        self.minimum = plain(QLabel(self))
        self.minimum.setAccessibleName("Minimum monitoring time")
        self.minimum.setWordWrap(True)
        self._layout(dose_event)
        self.set_button.clicked.connect(lambda: self.dose_time_set.emit(from_qt(self.dose_edit.dateTime())))
        self.now_button.clicked.connect(self._now)

    def _layout(self, dose_event: str) -> None:
        dose_row = QHBoxLayout()
        dose_row.addWidget(plain(QLabel(f"Dose time ({dose_event}):", self)))
        for widget in (self.dose_edit, self.set_button, self.now_button):
            dose_row.addWidget(widget)
        dose_row.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addLayout(dose_row, 0, 0, 1, 2)
        grid.addWidget(self.elapsed, 1, 0)
        grid.addWidget(self.next_due, 1, 1)
        grid.addWidget(self.minimum, 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)

    def _now(self) -> None:
        moment = self.clock()
        self.dose_edit.setDateTime(to_qt(moment))
        self.dose_time_set.emit(moment)

    def show_dose_time(self, dose_time: datetime | None, now: datetime) -> None:
        self.dose_edit.setDateTime(to_qt(dose_time or now))

    def show_state(self, state: TimerState) -> None:
        self.elapsed.setText(elapsed_text(state))
        self.next_due.setText(next_due_text(state))
        overdue = state.next_due is not None and state.next_due.overdue
        self.next_due.setStyleSheet(self._box(self.theme.warning) if overdue else "")
        self.minimum.setText(f"{MINIMUM_ICONS[state.minimum]} {minimum_text(state)}".strip())
        colour = {
            Minimum.NOT_REACHED: self.theme.warning,
            Minimum.NO_DOSE_TIME: self.theme.warning,
            Minimum.REACHED: self.theme.approved,
        }.get(state.minimum)
        self.minimum.setStyleSheet(self._box(colour) + "font-weight: bold;" if colour else "")

    def _box(self, colour: str) -> str:
        return f"background: {colour}; color: {self.theme.text}; padding: 6px;"

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.dose_edit, self.set_button, self.now_button):
            widget.setEnabled(not read_only)
