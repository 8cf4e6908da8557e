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
from app.gui.widgets.rows import wrap_rows
from app.render.design import SPACE


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
        wrap_rows(self.table)  # long messages wrap; a long path elides in the middle, whole in its tooltip
        self.lines = [p.format() for p in self.problems]
        rows = [[p.severity.value.upper(), p.location, p.message] for p in self.problems]
        # Settings problems: the app runs on defaults plus what was valid.
        rows += [["SETTINGS", f"{issue.file}:{issue.line}", issue.message] for issue in config_issues]
        self.lines += [f"{issue.format()} [settings]" for issue in config_issues]
        for row in rows:
            item = QTreeWidgetItem(row)
            for column, text in enumerate(row):
                item.setToolTip(column, plain_tip(text))
            self.table.addTopLevelItem(item)
        # Severity and location as wide as their text, the location at most a third of the room so
        # that the message keeps most of it (measured by text: wrapped rows would measure narrow).
        metrics = self.table.fontMetrics()
        for column, most in ((0, self.width()), (1, self.width() // 3)):
            texts = [row[column] for row in rows] + [self.table.headerItem().text(column)]
            need = max(metrics.horizontalAdvance(text) for text in texts) + 3 * SPACE.tight
            self.table.setColumnWidth(column, min(need, most))
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
