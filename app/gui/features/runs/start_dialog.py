"""Start a checklist run: a session label (never a patient identifier) and the dose time."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.model.checklist import Checklist
from app.core.runs.store import LABEL_HINT, LABEL_MAX, check_label
from app.gui.features.runs.timer_panel import from_qt, to_qt
from app.gui.widgets.plain import plain


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
        self.dose_known = QCheckBox(f"Dose time ({checklist.dose_event}) known", self)
        self.dose_known.setAccessibleName("Dose time known")
        self.dose_known.setChecked(True)
        self.dose_time = QDateTimeEdit(to_qt(now), self)
        self.dose_time.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.dose_time.setAccessibleName(f"Dose time ({checklist.dose_event})")
        self.dose_known.toggled.connect(self.dose_time.setEnabled)
        self.problem = plain(QLabel(self))
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem with the session label")
        self.problem.hide()
        form = QFormLayout()
        form.addRow("Checklist:", plain(QLabel(checklist.title, self)))
        form.addRow("Session label:", self.label)
        form.addRow("", hint)
        form.addRow("", self.dose_known)
        form.addRow("Dose time:", self.dose_time)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        start = buttons.addButton("Start run", QDialogButtonBox.ButtonRole.AcceptRole)
        start.setAccessibleName("Start the checklist run")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            check_label(self.label.text())
        except ValueError as refused:
            self.problem.setText(f"\u26a0 {refused}")
            self.problem.show()
            self.label.setFocus()
            return
        super().accept()

    def session_label(self) -> str:
        return check_label(self.label.text())

    def chosen_dose_time(self) -> datetime | None:
        if not self.dose_known.isChecked():
            return None
        return from_qt(self.dose_time.dateTime()).astimezone(UTC)
