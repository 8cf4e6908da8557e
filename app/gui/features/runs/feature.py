"""Checklist runs: start one from a checklist, fill it in with a timer and alerts, resume it after a
crash, print a blank one for paper, export a finished one. Completed runs past the retention period are
purged at start-up; unfinished runs never are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from app.core import model
from app.core.packs.loaded import Pack
from app.core.runs.store import RunInfo, RunStore
from app.core.system.clock import Clock, utc_now
from app.core.wording import plural
from app.export.runs import blank_checklist_printable
from app.gui.features.runs.run_view import RunView
from app.gui.features.runs.runs_page import ResumeOffer, RunsPage
from app.gui.features.runs.start_dialog import StartRunDialog
from app.gui.print_target import PrintTarget, default_paper
from app.gui.reader.print_bar import PrintBar
from app.gui.reader.print_preview import PrintPreview

if TYPE_CHECKING:
    from datetime import datetime

    from app.gui.host import FeatureHost


class ChecklistRuns(QObject):
    """The feature's state; a child of the host.widget, so scripts and tests find it with findChild."""

    def __init__(self, host: FeatureHost, clock: Clock = utc_now) -> None:
        super().__init__(host.widget)
        self.host = host
        self.clock = clock
        self.store = RunStore(host.services.db, clock)
        self.view: RunView | None = None
        self.offer: ResumeOffer | None = None
        self.offered = False
        self.page = RunsPage(self.retention_days(), host.widget)
        self.blank = PrintPreview("blank checklist", host.widget, paper=default_paper(host.services.config))
        self.pages = QStackedWidget(host.widget)
        self.pages.addWidget(self.page)
        self.pages.addWidget(self.blank)
        self.workspace = self._workspace()
        self._nothing = PrintBar(lambda: None, "nothing", self.workspace)
        self._nothing.hide()
        self.page.open_requested.connect(self.open_run)
        self.blank.print_bar.saved.connect(lambda path: host.say(f"Saved {path}"))

    def _workspace(self) -> QWidget:
        workspace = QWidget(self.host.widget)
        back = QPushButton("All checklist runs", workspace)
        back.setAccessibleDescription("Show all checklist runs")
        back.clicked.connect(self.show_list)
        bar = QHBoxLayout()
        bar.addWidget(back)
        bar.addStretch(1)
        layout = QVBoxLayout(workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        return workspace

    def print_target(self) -> PrintTarget:
        """The window's Print: the blank checklist or the run on screen (the list prints nothing)."""
        return PrintTarget(
            lambda: self._shown_bar().target().printable(), lambda: self._shown_bar().page_size_name()
        )

    def _shown_bar(self) -> PrintBar:
        shown = self.pages.currentWidget()
        if shown is self.view and self.view is not None:
            return self.view.print_bar
        return self.blank.print_bar if shown is self.blank else self._nothing

    def retention_days(self) -> int:
        return int(self.host.services.config.get("checklists.retention_days"))

    def clinic_limits(self) -> dict[str, str]:
        """The site's own limits, `checklist-id/item-id` -> text, from the configuration."""
        table = self.host.services.config.get("checklists.clinic_limits")
        return {str(k): str(v) for k, v in table.items()}

    # --- runs -------------------------------------------------------------------------------
    def start_from(self, pack: Pack, document: model.Document) -> None:
        """The context action: ask for a session label and dose time, then start."""
        if not isinstance(document, model.Checklist):
            return
        dialog = StartRunDialog(document, self.clock(), self.host.widget)
        if dialog.exec() == StartRunDialog.DialogCode.Accepted:
            self.begin(pack, document, dialog.session_label(), dialog.chosen_dose_time())

    def begin(
        self, pack: Pack, checklist: model.Checklist, label: str, dose_time: datetime | None
    ) -> RunView:
        run_id = self.store.start(pack.id, pack.manifest.version, checklist, label, dose_time)
        self.host.say(f"Checklist run started: {label}. Every entry is saved as you make it.")
        return self.open_run(run_id)

    def open_run(self, run_id: int) -> RunView:
        if self.view is not None:
            self.pages.removeWidget(self.view)
            self.view.ticker.stop()
            self.view.deleteLater()
        paper = default_paper(self.host.services.config)
        self.view = RunView(self.store, run_id, self.host.theme, self.clock, self.pages, paper=paper)
        self.view.show_clinic_limits(self.clinic_limits())
        self.view.print_bar.saved.connect(lambda path: self.host.say(f"Saved {path}"))
        self.view.changed.connect(self.refresh_list)
        self.view.set_note(self._version_note(self.view.run.info))
        self.pages.addWidget(self.view)
        self.pages.setCurrentWidget(self.view)
        # Focus first, then the switch: a focus left on the page being hidden would travel through
        # the tab bar and "All checklist runs" on its way, and a screen reader says each stop.
        self.view.focus_first_field()
        self.host.show_workspace(self.workspace)
        self.view.focus_first_field()
        return self.view

    def restyle(self) -> None:
        """A theme switch rebuilds the open run from the store, so every colour follows it."""
        if self.view is not None:
            showing = self.pages.currentWidget() is self.view
            self.open_run(self.view.run.info.id)
            if not showing:
                self.pages.setCurrentWidget(self.page)

    def _version_note(self, info: RunInfo) -> str:
        """Runs keep the checklist they started with; say so when the pack now has another version."""
        found = self.host.services.packs.find(f"{info.pack_id}/{info.checklist_id}")
        if found is None or found[1].version == info.checklist_version:
            return ""
        return (
            f"The loaded pack now has checklist version {found[1].version}; this run keeps version "
            f"{info.checklist_version}, which it was started with."
        )

    def show_list(self) -> None:
        self.refresh_list()
        self.pages.setCurrentWidget(self.page)
        self.host.show_workspace(self.workspace)

    def refresh_list(self) -> None:
        self.page.show_runs(self.store.runs())

    def show_blank(self, pack: Pack, document: model.Document) -> None:
        if not isinstance(document, model.Checklist):
            return
        printable = blank_checklist_printable(pack, document)
        self.blank.show_printable(f"Blank checklist for paper: {document.title}", printable)
        self.pages.setCurrentWidget(self.blank)
        self.host.show_workspace(self.workspace)

    # --- start-up ---------------------------------------------------------------------------
    def purge(self) -> int:
        removed = self.store.purge(self.retention_days())
        if removed:
            self.host.say(f"Removed {plural(removed, 'completed checklist run')} past the retention period.")
        return removed

    def offer_resume(self) -> ResumeOffer | None:
        """Once per session: a non-modal offer to resume runs that were not finished."""
        if self.offered:
            return self.offer
        self.offered = True
        unfinished = self.store.unfinished()
        self.refresh_list()
        if not unfinished:
            return None
        self.offer = ResumeOffer(unfinished, self.host.widget)
        self.offer.resume_requested.connect(self.open_run)
        self.host.show_dialog(self.offer)
        return self.offer


def install(host: FeatureHost) -> None:
    feature = ChecklistRuns(host)
    feature.setObjectName("checklist-runs")
    host.add_workspace(feature.workspace, "Checklist runs", feature.print_target())
    host.add_context_action(
        {"checklist"}, "Start a checklist run", "Start a run of this checklist", feature.start_from
    )
    host.add_context_action(
        {"checklist"}, "Blank checklist for paper", "Print a blank copy of this checklist", feature.show_blank
    )
    action = QAction("Checklist &runs", host.widget)
    action.setStatusTip("Saved checklist runs: resume, print or export")
    action.triggered.connect(feature.show_list)
    host.add_menu_action("Tools", action)
    feature.purge()
    # Runs keep their own copy of the checklist, so the offer need not wait for the packs; it also
    # follows packs_changed in case the window is shown only after loading.
    host.on_packs_changed(lambda _packs: feature.offer_resume())
    host.on_theme_changed(lambda _theme: feature.restyle())
    QTimer.singleShot(0, feature.offer_resume)
