"""The Study workspace: the session and the progress view as two tabs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.gui.features.study.progress_view import StudyProgressView
from app.gui.features.study.session_view import SourceTitle, StudySessionView


class StudyWorkspace(QWidget):
    shown = Signal()
    """Emitted each time the workspace becomes visible, so its figures are never stale."""

    def __init__(self, source_title: SourceTitle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Study")
        self.session = StudySessionView(source_title, self)
        self.progress = StudyProgressView(self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Study session and progress")
        self.tabs.addTab(self.session, "&Session")
        self.tabs.addTab(self.progress, "P&rogress")
        self.tabs.currentChanged.connect(lambda _index: self.shown.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def show_session(self) -> None:
        self.tabs.setCurrentWidget(self.session)
        self.session.setFocus()

    def show_progress(self) -> None:
        self.tabs.setCurrentWidget(self.progress)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()
