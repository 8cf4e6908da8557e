"""Finishing a run: what is still missing, listed in full, with "Go back" as the safe default.

A message box cannot scroll, and an esketamine run can miss twenty required items, so the list is a
scrolling list that fits a 1024x700 screen; Enter and Escape both go back.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.model.checklist import ChecklistItem, Timepoint
from app.core.wording import plural, verb


class FinishDialog(QDialog):
    def __init__(
        self,
        label: str,
        minimum: str,
        missing: list[tuple[Timepoint, ChecklistItem]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Finish checklist run")
        self.setMinimumWidth(520)
        lines = [f"Finish the run \u201c{label}\u201d? It cannot be changed afterwards."]
        if minimum:
            lines.append(minimum)
        if missing:
            lines.append(
                f"\u26a0 {plural(len(missing), 'required item')} {verb(len(missing), 'has')} no value:"
            )
        self.message = QLabel("\n".join(lines), self)
        self.message.setWordWrap(True)
        self.missing = QListWidget(self)
        self.missing.setAccessibleName("Required items without a value")
        self.missing.addItems([f"{item.label} ({point.label})" for point, item in missing])
        self.missing.setVisible(bool(missing))
        self.missing.setMaximumHeight(320)
        buttons = QDialogButtonBox(self)
        self.back = buttons.addButton("Go back", QDialogButtonBox.ButtonRole.RejectRole)
        self.finish = buttons.addButton("Finish run", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.finish.setAccessibleName("Finish the run now")
        self.finish.setAutoDefault(False)
        self.back.setDefault(True)
        self.back.setFocus()
        self.back.clicked.connect(self.reject)
        self.finish.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.missing)
        layout.addWidget(buttons)

    def text(self) -> str:
        """Everything the dialog says, the missing items one per line (for tests and logs)."""
        items = [f"\u2022 {self.missing.item(i).text()}" for i in range(self.missing.count())]
        return "\n".join([self.message.text(), *items])
