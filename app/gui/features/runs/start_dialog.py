"""Start a checklist run: a session label (never a patient identifier); the dose is normally recorded
later, in the run, so pre-dose items come first and the timer starts from the real dose."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.model.checklist import Checklist
from app.core.runs.store import LABEL_HINT, LABEL_MAX, check_label
from app.gui.features.runs.timer_panel import from_qt, to_qt
from app.gui.widgets.plain import plain

MIN_WIDTH = 520
"""Wide enough that the hint and a refusal wrap in two or three lines, not a narrow column."""


class StartRunDialog(QDialog):
    """Asks only for what the run needs; the label field says not to use patient identifiers."""

    def __init__(self, checklist: Checklist, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start a checklist run")
        self.label = QLineEdit(self)
        self.label.setMaxLength(LABEL_MAX)
        self.label.setPlaceholderText("For example: Chair 2, morning")
        self.label.setAccessibleName("Session label (no patient identifiers)")
        self.label.setAccessibleDescription(LABEL_HINT)
        hint = QLabel(LABEL_HINT, self)
        hint.setWordWrap(True)
        self.dose_known = QCheckBox(f"The dose ({checklist.dose_event}) was already given", self)
        self.dose_known.setAccessibleName("Dose already given")
        self.dose_known.setChecked(False)
        self.dose_time = QDateTimeEdit(to_qt(now), self)
        self.dose_time.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.dose_time.setAccessibleName(f"Dose time ({checklist.dose_event})")
        self.dose_time.setEnabled(False)
        self.dose_known.toggled.connect(self.dose_time.setEnabled)
        if checklist.is_visit:  # a review visit is not timed from a dose
            self.dose_known.setChecked(False)
            self.dose_known.hide()
            self.dose_time.hide()
        self.problem = plain(QLabel(self))
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem with the session label")
        self.problem.hide()
        form = QFormLayout()
        title = plain(QLabel(checklist.title, self))
        title.setWordWrap(True)
        form.addRow("Checklist:", title)
        form.addRow("Session label:", self.label)
        # The refusal sits in its own form row under the field it is about, above the hint; the
        # dialog grows to fit it (a label added below the form was squeezed over the hint).
        form.addRow("", self.problem)
        form.addRow("", hint)
        if not checklist.is_visit:
            form.addRow("", self.dose_known)
            form.addRow("Dose time:", self.dose_time)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        start = buttons.addButton("Start run", QDialogButtonBox.ButtonRole.AcceptRole)
        start.setAccessibleName("Start the checklist run")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(MIN_WIDTH)

    def accept(self) -> None:
        try:
            check_label(self.label.text())
        except ValueError as refused:
            self.problem.setText(f"\u26a0 {refused}")
            self.problem.show()
            self.adjustSize()
            self.label.setFocus()
            return
        super().accept()

    def session_label(self) -> str:
        return check_label(self.label.text())

    def chosen_dose_time(self) -> datetime | None:
        if not self.dose_known.isChecked():
            return None
        return from_qt(self.dose_time.dateTime()).astimezone(UTC)
