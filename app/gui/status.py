"""Status bar: loading progress, and a persistent notice when some content was skipped."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from app.core.packs.loaded import PackSet
from app.core.system.config import ConfigIssue
from app.core.wording import plural
from app.gui.widgets.plain import plain


class StatusArea(QStatusBar):
    problems_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = plain(QLabel(self))
        self.label.setAccessibleName("Status")
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Loading progress")
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.skipped = QPushButton(self)
        self.skipped.setAccessibleName("Show pack problems")
        self.skipped.setFlat(True)
        self.skipped.clicked.connect(self.problems_clicked)
        self.skipped.hide()
        self.addWidget(self.label, 1)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.skipped)

    def loading(self, done: int, total: int, label: str) -> None:
        self.progress.show()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.label.setText(f"Loading: {label}")

    def loaded(self, packs: PackSet, config_issues: Sequence[ConfigIssue] = ()) -> None:
        self.progress.hide()
        documents = sum(len(p.documents) for p in packs.packs)
        self.label.setText(f"{plural(len(packs.packs), 'pack')}, {plural(documents, 'document')} loaded")
        notices = []
        if any(problem.code == "site-config-broken" for problem in packs.problems):
            notices.append("the site file is broken, so the strictest settings apply")
        if packs.failed:
            notices.append(f"some content was skipped: {plural(len(packs.failed), 'pack')}")
        if config_issues:
            notices.append(f"the settings have {plural(len(config_issues), 'problem')}")
        self.skipped.setText(f"\u26a0 {'; '.join(notices).capitalize()}. Show problems" if notices else "")
        self.skipped.setVisible(bool(notices))

    def say(self, text: str) -> None:
        self.label.setText(text)
