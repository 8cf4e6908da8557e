"""The monitoring timer on screen: dose time, time since the dose, the next timepoint and the minimum."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import QDateTimeEdit, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from app.core.runs.timer import Minimum, TimerState, elapsed_text, minimum_text, next_due_text
from app.core.system.clock import Clock
from app.gui.theme import box_css, set_type
from app.gui.widgets.plain import plain
from app.render.design import SPACE
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
        self.set_button = QPushButton("Record this dose time", self)
        self.set_button.setAccessibleDescription("Save the dose time shown")
        self.now_button = QPushButton(f"\u25b6 Dose given now ({dose_event})", self)
        self.now_button.setAccessibleDescription("Record the dose as given now and start the timer")
        set_type(self.now_button, "heading")
        self.now_button.setStyleSheet(f"padding: {SPACE.small}px {SPACE.wide}px;")
        self.dose_label = plain(QLabel(f"Or dose given at ({dose_event}):", self))
        self.elapsed = plain(QLabel(self))
        set_type(self.elapsed, "title")
        self.dose_label.setBuddy(self.dose_edit)
        self.next_due = plain(QLabel(self))
        self.next_due.setWordWrap(True)
        self.minimum = plain(QLabel(self))
        self.minimum.setWordWrap(True)
        self._layout(dose_event)
        self.set_button.clicked.connect(lambda: self.dose_time_set.emit(from_qt(self.dose_edit.dateTime())))
        self.now_button.clicked.connect(self._now)

    def _layout(self, dose_event: str) -> None:
        dose_row = QHBoxLayout()
        for widget in (self.now_button, self.dose_label, self.dose_edit, self.set_button):
            dose_row.addWidget(widget)
        dose_row.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addLayout(dose_row, 0, 0, 1, 2)
        grid.addWidget(self.elapsed, 1, 0)
        grid.addWidget(self.next_due, 1, 1)
        grid.addWidget(self.minimum, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

    def _now(self) -> None:
        moment = self.clock()
        self.dose_edit.setDateTime(to_qt(moment))
        self.dose_time_set.emit(moment)

    def show_dose_time(self, dose_time: datetime | None, now: datetime) -> None:
        """Before the dose the main button records it; after, the time stays correctable."""
        self.dose_edit.setDateTime(to_qt(dose_time or now))
        given = dose_time is not None
        self.now_button.setVisible(not given)
        self.dose_label.setText("Dose given at:" if given else "Or dose given at:")
        self.set_button.setText("Correct the dose time" if given else "Record this dose time")

    def show_finished(self, finished_text: str, summary: str) -> None:
        """A finished run: no timer, nothing due, no countdown; what was recorded, in words."""
        for widget in (self.now_button, self.dose_label, self.dose_edit, self.set_button):
            widget.hide()
        self.elapsed.setText(finished_text)
        self.next_due.setText("")
        self.next_due.setStyleSheet("")
        self.next_due.hide()
        grid = self.layout()
        if isinstance(grid, QGridLayout):  # the summary takes the room "next due" had
            grid.addWidget(self.minimum, 1, 1, 1, 2)
        self.minimum.setText(summary)
        self.minimum.setStyleSheet("")

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
        return box_css(colour, self.theme, SPACE.small)

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.dose_edit, self.set_button, self.now_button):
            widget.setEnabled(not read_only)
