"""The author's view of one pack: every problem with its file:line, refreshed on each reload."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.core.packs.problems import Level, Problem
from app.core.wording import plural


class AuthorPanel(QWidget):
    open_file = Signal(str)
    """A problem was activated (double-click or Enter): the pack-relative file it is in."""

    def __init__(self, folder_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder_text = folder_text
        self.problems: list[Problem] = []
        self.watcher: QObject | None = None
        """The folder watcher, kept alive with the panel."""
        self.heading = QLabel(f"Author mode: watching {folder_text}", self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-weight: bold;")
        self.state = QLabel("Waiting for the first load.", self)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setAccessibleName("Author mode status")
        self.table = QTreeWidget(self)
        self.table.setAccessibleName("Problems in the watched pack")
        self.table.setHeaderLabels(["Severity", "Location", "Problem"])
        self.table.setRootIsDecorated(False)
        self.table.itemActivated.connect(lambda item, _column: self._activated(item))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)

    def _activated(self, item: QTreeWidgetItem) -> None:
        index = self.table.indexOfTopLevelItem(item)
        if 0 <= index < len(self.problems):
            self.open_file.emit(self.problems[index].file)

    def show_problems(self, problems: list[Problem], loaded: bool, now: datetime) -> None:
        self.problems = problems
        self.table.clear()
        for problem in problems:
            item = QTreeWidgetItem(
                [
                    problem.severity.value.upper(),
                    f"{problem.file}:{problem.line}:{problem.column}",
                    problem.message,
                ]
            )
            item.setToolTip(2, f"{problem.message} [{problem.code}]")
            self.table.addTopLevelItem(item)
        for column in (0, 1):
            self.table.resizeColumnToContents(column)
        errors = sum(p.severity is Level.ERROR for p in problems)
        verdict = "loaded" if loaded else "NOT loaded"
        counts = f"{plural(errors, 'error')}, {plural(len(problems) - errors, 'warning')}"
        self.state.setText(f"Reloaded at {now:%H:%M:%S}: pack {verdict}; {counts}.")
