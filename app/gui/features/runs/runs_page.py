"""The list of saved checklist runs, and the non-modal offer to resume unfinished ones at start-up."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.runs.store import RunInfo
from app.core.system.config import KEYS
from app.core.wording import plural, verb
from app.gui.theme import set_type
from app.gui.widgets.plain import plain, plain_tip
from app.gui.widgets.rows import wrap_rows
from app.render.runs import local_time

RUN_ROLE = Qt.ItemDataRole.UserRole + 1


def run_text(info: RunInfo) -> str:
    """State and label first: a long checklist title must not push them out of a narrow window."""
    state = (
        f"\u2714 Completed {local_time(info.completed_at, True)}" if info.finished else "\u25b6 IN PROGRESS"
    )
    started = local_time(info.started_at, True)
    return f"{state} \u2014 {info.label} \u2014 started {started} \u2014 {info.checklist_title}"


def fill(listing: QListWidget, runs: list[RunInfo]) -> None:
    listing.clear()
    for info in runs:
        item = QListWidgetItem(run_text(info))
        item.setToolTip(plain_tip(item.text()))
        item.setData(RUN_ROLE, info.id)
        listing.addItem(item)
    if runs:
        listing.setCurrentRow(0)


def selected_run(listing: QListWidget) -> int | None:
    item = listing.currentItem()
    return int(item.data(RUN_ROLE)) if item is not None else None


class RunsPage(QWidget):
    """Every run in user.db, newest first; open one to resume it or to print it."""

    open_requested = Signal(int)

    def __init__(self, retention_days: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel("Checklist runs", self)
        set_type(heading, "title")
        self.note = plain(QLabel(self))
        self.note.setWordWrap(True)
        self.set_retention(retention_days)
        self.listing = QListWidget(self)
        self.listing.setAccessibleName("Saved checklist runs")
        wrap_rows(self.listing)
        self.listing.itemActivated.connect(lambda item: self.open_requested.emit(int(item.data(RUN_ROLE))))
        self.open_button = QPushButton("Open run", self)
        self.open_button.setAccessibleName("Open the selected checklist run")
        self.open_button.clicked.connect(self._open)
        self.empty = QLabel(
            "No runs yet. Open a checklist and choose \u201cStart a checklist run\u201d.", self
        )
        layout = QVBoxLayout(self)
        for widget in (heading, self.note, self.empty, self.listing):
            layout.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout.addLayout(row)

    def set_retention(self, days: int) -> None:
        # The setting's human description, never its key: a clinician reads words, not TOML.
        setting = KEYS["checklists.retention_days"].description.rstrip(".")
        self.note.setText(
            f"Every entry is saved as you make it. Completed runs are kept for {plural(days, 'day')} "
            f"(setting \u201c{setting}\u201d), then removed; unfinished runs are never removed."
        )

    def show_runs(self, runs: list[RunInfo]) -> None:
        fill(self.listing, runs)
        self.empty.setVisible(not runs)
        self.open_button.setEnabled(bool(runs))

    def _open(self) -> None:
        run_id = selected_run(self.listing)
        if run_id is not None:
            self.open_requested.emit(run_id)


class ResumeOffer(QDialog):
    """Non-modal: the window stays usable while the offer is open."""

    resume_requested = Signal(int)

    def __init__(self, runs: list[RunInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Unfinished checklist runs")
        self.setModal(False)
        message = QLabel(
            f"{plural(len(runs), 'checklist run')} {verb(len(runs), 'was')} not finished. "
            "Every entry shown as saved was kept. "
            "Resume one now, or later from Tools \u203a Checklist runs.",
            self,
        )
        message.setWordWrap(True)
        self.listing = QListWidget(self)
        self.listing.setAccessibleName("Unfinished checklist runs")
        wrap_rows(self.listing)
        fill(self.listing, runs)
        resume = QPushButton("Resume selected run", self)
        resume.setAccessibleName("Resume the selected checklist run")
        resume.setDefault(True)
        later = QPushButton("Not now", self)
        later.setAccessibleName("Close without resuming")
        resume.clicked.connect(self._resume)
        later.clicked.connect(self.close)
        self.listing.itemActivated.connect(lambda _: self._resume())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(later)
        buttons.addWidget(resume)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.listing)
        layout.addLayout(buttons)
        self.resize(620, 260)

    def run_ids(self) -> list[int]:
        return [int(self.listing.item(i).data(RUN_ROLE)) for i in range(self.listing.count())]

    def _resume(self) -> None:
        run_id = selected_run(self.listing)
        if run_id is not None:
            self.resume_requested.emit(run_id)
            self.close()
