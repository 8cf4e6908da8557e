"""One row per checklist item: an editor for its type, when it was saved, any refusal, and its alerts.

A row never saves anything itself: it emits `submitted(raw)` and the run view saves through the core
store, then tells the row what happened (`show_saved`, `show_refused`). So "Saved 10:42:05" appears
only after the value is committed to user.db.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from app.core.model.checklist import ChecklistItem, NumberItem, ScaleItem, TextItem, YesNoItem
from app.core.runs.alerts import FiredAlert, sort_alerts
from app.core.runs.values import plausible_text
from app.gui.theme import box_css, severity_css
from app.gui.widgets.announce import announce, name_with_context
from app.render.design import SPACE
from app.render.theme import Theme


def plain_label(text: str, parent: QWidget) -> QLabel:
    """Content shown in a label is always plain text, never interpreted as markup."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ItemRow(QWidget):
    submitted = Signal(object)
    """The raw value the user gave (text, bool, scale value or None to clear)."""

    def __init__(
        self, timepoint_id: str, item: ChecklistItem, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.timepoint_id, self.item, self.theme = timepoint_id, item, theme
        self.stored: str | None = None
        self.saved_at: datetime | None = None
        title = plain_label(item.label + (" (required)" if item.required else ""), self)
        title.setMinimumWidth(220)
        self.editor = self._editor()
        self.input = self._input()
        if self.input is not None:
            title.setBuddy(self.input)  # the labelled-by relation a screen reader reads the question from
        if item.required and self.input is not None:
            self.input.setAccessibleName(f"{self.input.accessibleName()} (required)")
        # Status, refusal and alert labels are named by what they show, after the item they belong to.
        self.status = plain_label("", self)
        self.problem = plain_label("", self)
        self.problem.hide()
        self.alert = plain_label("", self)
        self.alert.hide()
        grid = QGridLayout(self)
        grid.setContentsMargins(SPACE.tight, SPACE.tight, SPACE.tight, SPACE.tight)
        grid.addWidget(title, 0, 0)
        grid.addWidget(self.editor, 0, 1)
        grid.addWidget(self.status, 0, 2)
        if item.help:
            help_label = plain_label(item.help, self)
            help_label.setStyleSheet(f"color: {theme.muted};")
            grid.addWidget(help_label, 1, 0, 1, 3)
        grid.addWidget(self.problem, 2, 0, 1, 3)
        grid.addWidget(self.alert, 3, 0, 1, 3)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 1)

    def _heard_label(self) -> str:
        """Qt's AT-SPI bridge has no "required" state to set: a required item's name says it, as its
        label does (a field's name ends with it, a check box's or an answer's label carries it)."""
        return self.item.label + (" (required)" if self.item.required else "")

    def _input(self) -> QWidget | None:
        """The widget that takes the value, when there is one to label (check boxes name themselves)."""
        if isinstance(self.item, (NumberItem, TextItem)):
            return self.field
        if isinstance(self.item, ScaleItem):
            return self.combo
        return None

    def _describe(self) -> None:
        """The field's description carries its refusal and alerts, read when the field has focus."""
        parts = [self.problem.text()] if not self.problem.isHidden() and self.problem.text() else []
        if not self.alert.isHidden():  # the whole alert, rule and action, not only the marker's word
            parts += getattr(self, "alert_details", []) or [self.alert.text()]
        if self.input is not None:
            self.input.setAccessibleDescription("\n".join(parts) or self._hint())

    def _hint(self) -> str:
        return plausible_text(self.item) if isinstance(self.item, NumberItem) else ""

    # --- editors by type --------------------------------------------------------------------
    def _editor(self) -> QWidget:
        item = self.item
        if isinstance(item, NumberItem):
            return self._number_editor(item)
        if isinstance(item, ScaleItem):
            return self._scale_editor(item)
        if isinstance(item, YesNoItem):
            return self._answer_editor()
        if isinstance(item, TextItem):
            return self._text_editor(item)
        box = QCheckBox("Done", self)
        box.setAccessibleName(f"{self._heard_label()}: done")
        box.toggled.connect(lambda checked: self.submitted.emit(bool(checked)))
        self.check = box
        return box

    def _number_editor(self, item: NumberItem) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.field = QLineEdit(holder)
        self.field.setAccessibleName(f"{item.label} in {item.unit}")
        self.field.setPlaceholderText(plausible_text(item))
        self.field.setMaximumWidth(110)
        self.field.editingFinished.connect(self._number_done)
        row.addWidget(self.field)
        row.addWidget(plain_label(item.unit, holder))
        row.addStretch(1)
        return holder

    def _number_done(self) -> None:
        text = self.field.text().strip()
        if text != (self.stored or ""):
            self.submitted.emit(text)

    def _scale_editor(self, item: ScaleItem) -> QComboBox:
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(f"{item.label} ({item.scale})")
        # Long anchors must not widen the form past 1024 px and hide the "Saved" column.
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(18)
        self.combo.addItem(f"Choose ({item.scale})", None)
        for option in item.options:
            self.combo.addItem(option.label, option.value)
        self.combo.activated.connect(lambda index: self.submitted.emit(self.combo.itemData(index)))
        return self.combo

    def _answer_editor(self) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.answers = QButtonGroup(holder)
        for answer in ("yes", "no"):
            button = QRadioButton(answer.capitalize(), holder)
            button.setAccessibleName(f"{self._heard_label()}: {answer}")
            button.setObjectName(answer)
            self.answers.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.answers.buttonClicked.connect(lambda button: self.submitted.emit(button.objectName()))
        return holder

    def _text_editor(self, item: TextItem) -> QLineEdit:
        self.field = QLineEdit(self)
        self.field.setMaxLength(item.max_length)
        self.field.setAccessibleName(item.label)
        self.field.editingFinished.connect(self._text_done)
        return self.field

    def _text_done(self) -> None:
        if self.field.text().strip() != (self.stored or ""):
            self.submitted.emit(self.field.text())

    # --- state ------------------------------------------------------------------------------
    def show_value(self, stored: str | None) -> None:
        """Put a saved value into the editor without emitting anything."""
        self.stored = stored
        self.editor.blockSignals(True)
        for child in self.editor.findChildren(QWidget):
            child.blockSignals(True)
        try:
            self._set_editor(stored)
        finally:
            self.editor.blockSignals(False)
            for child in self.editor.findChildren(QWidget):
                child.blockSignals(False)

    def _set_editor(self, stored: str | None) -> None:
        if isinstance(self.item, (NumberItem, TextItem)):
            self.field.setText(stored or "")
        elif isinstance(self.item, ScaleItem):
            index = self.combo.findData(int(stored)) if stored is not None else 0
            self.combo.setCurrentIndex(max(0, index))
        elif isinstance(self.item, YesNoItem):
            self.answers.setExclusive(False)
            for button in self.answers.buttons():
                button.setChecked(button.objectName() == stored)
            self.answers.setExclusive(True)
        else:
            self.check.setChecked(stored == "true")

    def show_saved(self, stored: str | None, when: datetime) -> None:
        self.show_value(stored)
        self.saved_at = when if stored is not None else None
        word = "Saved" if stored is not None else "Cleared"
        name_with_context(
            self.status, self.item.label, f"\u2714 {word} {when.astimezone().strftime('%H:%M:%S')}"
        )
        self.problem.hide()
        self._describe()

    def show_refused(self, message: str, typed: str = "") -> None:
        """The field goes back to the last saved value (or empty), so it never shows an unsaved value
        beside a "Saved" mark; the refusal, with what was typed, says why beside it."""
        self.show_value(self.stored)
        what = f"\u201c{typed}\u201d " if typed else ""
        kept = "the last saved value is kept" if self.stored is not None else "nothing is recorded"
        name_with_context(self.problem, self.item.label, f"\u26a0 Not saved {what}\u2014 {message} ({kept}.)")
        self.problem.setStyleSheet(box_css(self.theme.danger, self.theme))
        self.problem.show()
        announce(self.problem)
        self._describe()

    def show_alerts(self, alerts: list[FiredAlert]) -> None:
        """A compact marker: icon and word per alert involving this item; the text is in the summary."""
        self.alert_details = [f"{a.label}: {a.rule} \u2014 {a.action}" for a in sort_alerts(alerts)]
        if not alerts:
            self.alert.hide()
            self._describe()
            return
        ordered = sort_alerts(alerts)
        self.alert.setText(
            "  ".join(dict.fromkeys(a.label for a in ordered)) + "  \u2014 see the alert summary"
        )
        name_with_context(self.alert, self.item.label, self.alert.text())
        self.alert.setStyleSheet(severity_css(ordered[0].severity, self.theme, SPACE.hair))
        self.alert.show()
        self._describe()

    def show_clinic_limit(self, limit: str, rules: str) -> None:
        """Side by side, never merged: the clinic's limit (from the site) and the pack's rule (with
        its source); the alerts that fire are still the pack's."""
        box = QWidget(self)
        pair = QHBoxLayout(box)
        pair.setContentsMargins(0, 0, 0, 0)
        clinic = plain_label(f"Your clinic's limit (site configuration): {limit}", box)
        clinic.setStyleSheet("font-weight: bold;")
        clinic.setAccessibleName(f"{self.item.label}: your clinic's limit")
        pack = plain_label(f"This checklist's rule: {rules}", box)
        pack.setAccessibleName(f"{self.item.label}: the checklist's rule")
        pair.addWidget(clinic, 1)
        pair.addWidget(pack, 1)
        grid = self.layout()
        assert isinstance(grid, QGridLayout)
        grid.addWidget(box, 4, 0, 1, 3)
        self.clinic_limit, self.pack_rule = clinic, pack

    def set_read_only(self, read_only: bool) -> None:
        """A finished run's empty field shows nothing: a range hint there would read like a value."""
        self.editor.setEnabled(not read_only)
        if isinstance(self.item, NumberItem):
            self.field.setPlaceholderText("" if read_only else plausible_text(self.item))
