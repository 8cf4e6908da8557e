"""A dose calculator built from the pack's declaration: inputs with units and bounds, results with the
working, the rounding and the source. Values outside the bounds are refused with a message; the
fields are plain text so nothing is silently clamped as a spin box would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.calc import CalcInput, CalcResult, InputError, calc_inputs, calculate, fmt
from app.core.model import Calculator
from app.core.packs.loaded import Pack
from app.gui.theme import box_css, set_type
from app.gui.widgets.layouts import clear_layout
from app.render.design import SPACE
from app.render.theme import LIGHT, Theme


def _label(text: str, parent: QWidget, *, wrap: bool = True) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class InputField:
    """One declared input: a text field (or the allowed doses), its unit, bounds and any refusal."""

    def __init__(self, spec: CalcInput, parent: QWidget) -> None:
        self.spec = spec
        self.touched = False
        self.editor: QLineEdit | QComboBox
        if spec.choices:
            combo = QComboBox(parent)
            combo.addItem("Choose a dose" if not spec.choice_labels else "Choose", None)
            for index, choice in enumerate(spec.choices):
                shown = spec.choice_labels[index] if spec.choice_labels else f"{fmt(choice)} {spec.unit}"
                combo.addItem(shown, fmt(choice))
            self.editor = combo
        else:
            field = QLineEdit(parent)
            field.setPlaceholderText(spec.bounds_text())
            if spec.default is not None:
                field.setText(fmt(spec.default))
            self.editor = field
        self.editor.setAccessibleName(f"{spec.label} in {spec.unit}" if spec.unit else spec.label)
        self.error = _label("", parent)
        self.error.hide()

    def raw(self) -> str | None:
        if isinstance(self.editor, QComboBox):
            data = self.editor.currentData()
            return str(data) if data is not None else None
        return self.editor.text()

    def problem(self) -> str | None:
        try:
            self.spec.check(self.raw())
        except InputError as error:
            return str(error)
        return None


class CalculatorView(QWidget):
    """Recalculates as inputs change; results appear only when every input is within its bounds."""

    def __init__(self, theme: Theme = LIGHT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.current: tuple[Pack, Calculator] | None = None
        self.fields: list[InputField] = []
        self.result: CalcResult | None = None
        self.title = _label("Open a calculator and choose \u201cOpen calculator\u201d.", self)
        set_type(self.title, "title")
        self.note = _label("", self)
        self.form_box = QWidget(self)
        self.form = QGridLayout(self.form_box)
        self.results = _label("", self)
        set_type(self.results, "heading")
        self.warnings = _label("", self)
        self.working = _label("", self)
        self.working.setAccessibleName("Working and rounding")
        self.working.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout()

    def _layout(self) -> None:
        body = QWidget(self)
        column = QVBoxLayout(body)
        for widget in (self.title, self.note, self.form_box):
            column.addWidget(widget)
        line = QFrame(body)
        line.setFrameShape(QFrame.Shape.HLine)
        column.addWidget(line)
        for widget in (self.results, self.warnings, self.working):
            column.addWidget(widget)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def show_calculator(self, pack: Pack, calculator: Calculator) -> None:
        self.current = (pack, calculator)
        self.title.setText(calculator.title)
        note = calculator.regulatory_note or calculator.summary
        self.note.setText(f"{calculator.regulatory_status.value.capitalize()}: {note}")
        self._build_form(calc_inputs(calculator.calculation))
        self.recalculate()

    def _build_form(self, specs: list[CalcInput]) -> None:
        clear_layout(self.form)
        self.fields = []
        for row, spec in enumerate(specs):
            field = InputField(spec, self.form_box)
            self.fields.append(field)
            hint = f"Allowed: {spec.bounds_text()}." + (f" {spec.help}" if spec.help else "")
            self.form.addWidget(_label(spec.label, self.form_box, wrap=False), row * 2, 0)
            self.form.addWidget(field.editor, row * 2, 1)
            self.form.addWidget(_label(spec.unit, self.form_box, wrap=False), row * 2, 2)
            self.form.addWidget(_label(hint, self.form_box), row * 2, 3)
            self.form.addWidget(field.error, row * 2 + 1, 1, 1, 3)
            self._connect(field)
        self.form.setColumnStretch(3, 1)

    def _connect(self, field: InputField) -> None:
        if isinstance(field.editor, QComboBox):
            field.editor.currentIndexChanged.connect(lambda _: self._touch(field))
            return
        field.editor.textChanged.connect(lambda _: self.recalculate())
        field.editor.editingFinished.connect(lambda: self._touch(field))

    def _touch(self, field: InputField) -> None:
        field.touched = True
        self.recalculate()

    def values(self) -> dict[str, str | None]:
        return {field.spec.name: field.raw() for field in self.fields}

    def set_value(self, name: str, text: str) -> None:
        """Type a value as a user would, and leave the field (used by tests and scripts)."""
        field = next(f for f in self.fields if f.spec.name == name)
        if isinstance(field.editor, QComboBox):
            field.editor.setCurrentIndex(max(0, field.editor.findData(fmt(field.spec.check(text)))))
        else:
            field.editor.setText(text)
            field.editor.editingFinished.emit()

    def recalculate(self) -> CalcResult | None:
        if self.current is None:
            return None
        for field in self.fields:
            problem = field.problem() if field.touched else None
            field.error.setText(f"\u26a0 Refused: {problem}" if problem else "")
            field.error.setStyleSheet(box_css(self.theme.danger, self.theme, SPACE.tight))
            field.error.setVisible(bool(problem))
        try:
            self.result = calculate(self.current[1].calculation, self.values())
        except InputError:
            self.result = None
        self._show(self.result)
        return self.result

    def _show(self, result: CalcResult | None) -> None:
        if result is None:
            self.results.setText("Results appear when every input is within its allowed range.")
            self.warnings.hide()
            self.working.setText("")
            return
        self.results.setText("\n".join(f"{q.label}: {q.text()}" for q in result.results))
        self.warnings.setVisible(bool(result.warnings))
        self.warnings.setText("\n".join(f"\u26a0 Warning: {w}" for w in result.warnings))
        self.warnings.setStyleSheet(box_css(self.theme.warning, self.theme, SPACE.small))
        self.working.setText("\n".join(self._working_lines(result)))

    def _working_lines(self, result: CalcResult) -> list[str]:
        assert self.current is not None
        pack = self.current[0]
        lines = ["How it was calculated:", *(f"  {line}" for line in result.working), ""]
        lines.append(f"Rounding: {result.rounding}")
        citations = [ref.citation for r in result.references if (ref := pack.reference(r)) is not None]
        lines += ["", "Source:", *(f"\u2022 {c}" for c in citations)]
        return lines
