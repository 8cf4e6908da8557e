"""Pack problems: every pack or file that failed to load, with its file:line message."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.packs.loaded import PackSet
from app.core.packs.problems import Level, Problem
from app.core.system.config import ConfigIssue
from app.core.wording import plural, verb
from app.gui.widgets.plain import plain, plain_tip


def summary(packs: PackSet) -> str:
    errors = sum(p.severity is Level.ERROR for p in packs.problems)
    warnings = len(packs.problems) - errors
    if packs.failed:
        names = ", ".join(f.title for f in packs.failed)
        count = len(packs.failed)
        skipped = f"{plural(count, 'pack')} {verb(count, 'was')} not loaded"
        return f"{skipped} because of errors: {names}. The rest works as usual."
    if errors:
        return f"{plural(errors, 'problem')} with pack folders."
    if warnings:
        return f"All packs loaded; {plural(warnings, 'warning')} such as overdue reviews."
    return "All packs loaded without problems."


class ProblemsDialog(QDialog):
    def __init__(
        self, packs: PackSet, parent: QWidget | None = None, config_issues: Sequence[ConfigIssue] = ()
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Pack problems")
        self.resize(900, 460)
        self.problems: list[Problem] = list(packs.problems)
        intro = plain(QLabel(summary(packs), self))
        intro.setWordWrap(True)
        intro.setAccessibleName("Pack problems summary")
        self.table = QTreeWidget(self)
        self.table.setAccessibleName("Pack problems list")
        self.table.setHeaderLabels(["Severity", "Location", "Problem"])
        self.table.setRootIsDecorated(False)
        self.table.header().setAccessibleName("Problem list columns")
        self.lines = [p.format() for p in self.problems]
        for problem in self.problems:
            item = QTreeWidgetItem([problem.severity.value.upper(), problem.location, problem.message])
            item.setToolTip(2, plain_tip(problem.message))
            self.table.addTopLevelItem(item)
        for issue in config_issues:  # settings problems: the app runs on defaults plus what was valid
            item = QTreeWidgetItem(["SETTINGS", f"{issue.file}:{issue.line}", issue.message])
            item.setToolTip(2, plain_tip(issue.message))
            self.table.addTopLevelItem(item)
            self.lines.append(f"{issue.format()} [settings]")
        for column in (0, 1):
            self.table.resizeColumnToContents(column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton("Copy all", QDialogButtonBox.ButtonRole.ActionRole)
        copy.setAccessibleName("Copy problems to clipboard")
        copy.clicked.connect(self.copy_all)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.lines))
