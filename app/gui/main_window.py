"""The main window: it assembles panels and actions that live in their own modules."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.core.distribution.policy import configured_roots
from app.core.packs.loaded import PackSet
from app.core.system.config import (
    TEXT_SIZE_DEFAULT,
    TEXT_SIZE_MAX,
    TEXT_SIZE_MIN,
    SettingLocked,
    save_user_setting,
)
from app.gui import theme
from app.gui.actions import create_actions, install_menus
from app.gui.browse.browse_panel import BrowsePanel
from app.gui.browse.visits_list import VisitsList
from app.gui.dialog_queue import DialogQueue
from app.gui.dialogs.about import AboutDialog
from app.gui.dialogs.disclaimer import DisclaimerDialog, acknowledgement, unacknowledged
from app.gui.dialogs.problems import ProblemsDialog
from app.gui.dialogs.settings import SettingsDialog
from app.gui.dialogs.shortcuts import ShortcutsDialog
from app.gui.extension_points import ExtensionPoints
from app.gui.features import DeferredFeatures
from app.gui.layout_rules import SidebarLimit, restore_layout, save_layout
from app.gui.notices import install_error_notice, show_startup_notices
from app.gui.pack_loading import PackLoading
from app.gui.panel_cycle import PanelCycle
from app.gui.print_targets import PrintTargets, reader_target
from app.gui.reader.context_bar import ContextBar
from app.gui.reader.document_view import DocumentPane
from app.gui.reader.reader import Reader
from app.gui.search.panel import SearchPanel
from app.gui.services import Services, open_services
from app.gui.shortcuts import ShortcutRegistry
from app.gui.status import StatusArea
from app.gui.tasks import Query, SearchWorker, start_in_thread
from app.gui.widgets.first_paint import AfterFirstPaint
from app.render.design import SPACE

if TYPE_CHECKING:
    from app.core.search.results import SearchResults

DISCLAIMER_KEY = "disclaimer.acknowledged"
FIRST_LOAD_LATEST_MS = 1000
"""The packs start loading by then even if the search field has not painted."""
FEATURES_LATEST_MS = 5000
"""After the first paint, features install by then even if the packs have not arrived."""


class MainWindow(ExtensionPoints, PackLoading, QMainWindow):
    search_requested = Signal(object)
    packs_for_search = Signal(object)
    load_requested = Signal()
    packs_changed = Signal(object)
    """PackSet, after every (re)load"""
    theme_changed = Signal(object)
    """Theme, after the user picks another: every open view restyles itself"""

    def __init__(
        self,
        services: Services | None = None,
        extra_pack_folders: list[Path] | None = None,
        *,
        ask_disclaimer: bool = True,
    ) -> None:
        super().__init__()
        self.services = services or open_services(extra_pack_folders)
        self.ask_disclaimer = ask_disclaimer
        self.threads: list[QThread] = []
        self._init_loading()
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 820)
        self.actions_ = create_actions(self)
        self.shortcut_registry = ShortcutRegistry()
        self.dialogs = DialogQueue()
        for action in self.actions_.all():
            self.shortcut_registry.add_action(action)
        self._build_panels()
        self.menus = install_menus(self, self.actions_)
        self.add_workspace_key(0, "Reader")
        self._connect()
        self._start_workers()
        # What features style themselves with is sent again once they are in (with the packs).
        self.features = DeferredFeatures(
            self, self.search.field, lambda: self.theme_changed.emit(self.reader.theme), FEATURES_LATEST_MS
        )
        restore_layout(self, self.splitter, self.services.state)
        show_startup_notices(self)
        install_error_notice(self)
        self.apply_theme()
        self.reader.show_welcome()
        # The packs load once the search field is on screen: importing and validating them would
        # otherwise share the interpreter with painting the window. A query typed before they are
        # in is kept and answered then (run_query, index_built).
        self.first_load = AfterFirstPaint(self.search.field, self._first_load, FIRST_LOAD_LATEST_MS)

    # --- assembly -------------------------------------------------------------------------
    def _build_panels(self) -> None:
        self.search = SearchPanel(self)
        self.browse = BrowsePanel(self)
        self.bookmarks = VisitsList("Bookmarks", "No bookmarks yet: press Ctrl+D on a document.", self)
        self.recent = VisitsList("Recently viewed", "Documents you open appear here.", self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Browse, bookmarks and recent documents")
        self.tabs.addTab(self.browse, "Browse")
        self.tabs.addTab(self.bookmarks, "Bookmarks")
        self.tabs.addTab(self.recent, "Recent")
        self.document = DocumentPane(self)
        self.reader = Reader(self.services, self.document)
        self.context_bar = ContextBar(self)
        reader_page = QWidget(self)
        reader_layout = QVBoxLayout(reader_page)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.addWidget(self.context_bar)
        reader_layout.addWidget(self.document, 1)
        self.workspaces = QTabWidget(self)
        self.workspaces.setAccessibleName("Workspaces")
        self.workspaces.addTab(reader_page, "Reader")
        self.printing = PrintTargets(
            self,
            self.workspaces.currentWidget,
            self.say,
            [self.actions_.print_document, self.actions_.export_pdf],
        )
        self.printing.register(reader_page, reader_target(lambda: self.reader.current, self.services))
        self.workspaces.tabBar().setVisible(False)
        self.lists = QStackedWidget(self)
        self.lists.addWidget(self.tabs)
        self.lists.addWidget(self.search.results)
        self.sidebar = left = QWidget(self)
        layout = QVBoxLayout(left)
        layout.setContentsMargins(SPACE.small, SPACE.small, 0, SPACE.small)
        layout.addWidget(self.search)
        layout.addWidget(self.lists, 1)
        self.splitter = splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.workspaces)
        splitter.setSizes([300, 980])
        splitter.setCollapsible(1, False)
        self.sidebar_limit = SidebarLimit(splitter)
        self.panels = PanelCycle(
            [self.search.field, self.lists, self.document.browser, self.document.outline]
        )
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.status = StatusArea(self)
        self.setStatusBar(self.status)
        self._tab_order()

    def _tab_order(self) -> None:
        """Reading order: the sidebar, then the workspace tabs, the buttons above the document, the
        document, its outline and links (AT-SPI checked in tests/a11y)."""
        self.setTabOrder(self.search.field, self.search.kind)
        self.setTabOrder(self.search.kind, self.search.facet)
        self.setTabOrder(self.search.facet, self.search.results)
        self.setTabOrder(self.search.results, self.tabs)
        last_page = self.tabs.widget(self.tabs.count() - 1)
        if last_page is not None:  # the workspace tabs sit above the page, after the whole sidebar
            self.setTabOrder(last_page, self.workspaces)
        self.setTabOrder(self.tabs, self.context_bar)
        self.setTabOrder(self.context_bar, self.document.browser)
        self.context_bar.tab_next = self.document.browser
        self.setTabOrder(self.document.browser, self.document.outline)

    def _connect(self) -> None:
        a = self.actions_
        a.focus_search.triggered.connect(self.search.focus_search)
        a.toggle_sidebar.triggered.connect(lambda: self.sidebar.setVisible(not self.sidebar.isVisible()))
        a.next_panel.triggered.connect(lambda: self.panels.move(+1))
        a.previous_panel.triggered.connect(lambda: self.panels.move(-1))
        a.focus_outline.triggered.connect(self.document.focus_outline)
        a.focus_links.triggered.connect(self.document.focus_links)
        a.back.triggered.connect(self.reader.back)
        a.forward.triggered.connect(self.reader.forward)
        a.bookmark.triggered.connect(self.toggle_bookmark)
        a.find.triggered.connect(self.document.find_bar.open_bar)
        a.print_document.triggered.connect(self.printing.print_current)
        a.export_pdf.triggered.connect(self.printing.export_clicked)
        a.zoom_in.triggered.connect(lambda: self.set_text_size(self.reader.text_size + 1))
        a.zoom_out.triggered.connect(lambda: self.set_text_size(self.reader.text_size - 1))
        a.zoom_reset.triggered.connect(lambda: self.set_text_size(TEXT_SIZE_DEFAULT))
        a.reload.triggered.connect(self.reload)
        a.settings.triggered.connect(self.open_settings)
        a.problems.triggered.connect(self.show_problems)
        a.disclaimer.triggered.connect(lambda: DisclaimerDialog(self.services.packs, False, self).exec())
        a.shortcuts.triggered.connect(lambda: ShortcutsDialog(self.shortcut_registry.entries(), self).exec())
        a.about.triggered.connect(lambda: AboutDialog(self.services.packs, self.services.paths, self).exec())
        a.quit.triggered.connect(self.close)
        self.search.query_requested.connect(self.run_query)
        self.search.cleared.connect(lambda: self._show_results(False))
        for source in (self.search, self.browse, self.bookmarks, self.recent):
            source.open_requested.connect(self.open_document)
        self.document.browser.internal_link.connect(lambda doc, section: self.open_document(doc, section, ""))
        self.document.browser.external_link.connect(self.ask_external)
        self.document.browser.back_button.connect(self.reader.back)
        self.document.browser.forward_button.connect(self.reader.forward)
        self.reader.changed.connect(self.update_state)
        self.reader.changed.connect(lambda: self.context_bar.show_for(self.reader.current))
        self.status.problems_clicked.connect(self.show_problems)
        self.workspaces.currentChanged.connect(lambda _index: self.printing.update_actions())

    def _start_workers(self) -> None:
        paths = self.services.paths
        self.search_worker = SearchWorker(paths.index_db)
        self.threads.append(start_in_thread(self.search_worker, "search"))
        self.search_requested.connect(self.search_worker.search)
        self.packs_for_search.connect(self.search_worker.set_packs)
        self.search_worker.finished.connect(self.show_results)

    # --- loading --------------------------------------------------------------------------
    def packs_loaded(self, packs: PackSet) -> None:
        self.features.install()  # if the window has not painted yet: features follow the packs
        self.services.packs = packs
        self.browse.set_packs(packs)
        self.search.set_facets(packs)
        self.status.loaded(packs, self.services.config.issues)
        self.reader.forget_missing()
        if self.reader.current is None:
            self.reader.show_welcome()
        self.refresh_lists()
        if (
            self.ask_disclaimer
            and packs.packs
            and not self.dialogs.modal_open
            and unacknowledged(packs, self.services.state.get(DISCLAIMER_KEY))
        ):
            self.dialogs.run_modal(DisclaimerDialog(packs, True, self), self._acknowledge)
        self.packs_changed.emit(packs)

    def _acknowledge(self) -> None:
        self.services.state.set(DISCLAIMER_KEY, acknowledgement(self.services.packs))

    def index_built(self, outcome: object) -> None:
        if isinstance(outcome, str):
            self.status.loaded(self.services.packs, self.services.config.issues)
            self.status.say(outcome)
            return
        if not isinstance(outcome, PackSet):
            return
        self.index_ready = True
        self.status.loaded(outcome, self.services.config.issues)
        self.packs_for_search.emit(outcome)
        self._send_pending()

    # --- searching and opening ------------------------------------------------------------
    def run_query(self, query: Query) -> None:
        query = replace(query, site_values=tuple(self.services.placeholders().items()))
        self._show_results(True)
        self.search_worker.latest_generation = query.generation
        if self.index_ready or self.cached_search:
            self.search_requested.emit(query)
        else:
            self.pending = query
            self.search.status.setText("Preparing search\u2026")

    def show_results(self, query: Query, results: SearchResults | None) -> None:
        self.search.show_results(query, results)

    def _show_results(self, visible: bool) -> None:
        self.lists.setCurrentWidget(self.search.results if visible else self.tabs)

    def open_document(self, doc_id: str, section_id: str, terms: str) -> None:
        if self._open_when_loaded(doc_id, section_id, terms):
            return
        if not self.reader.open(doc_id, section_id, terms):
            self.status.say(f"Document {doc_id!r} is not in the loaded packs.")
            return
        self.workspaces.setCurrentIndex(0)
        self.refresh_lists()
        self.document.browser.setFocus()

    def ask_external(self, url: QUrl) -> None:
        answer = QMessageBox.question(
            self,
            "Open external link",
            f"This link leads outside Protocol Desk:\n\n{url.toString()}\n\nOpen it in your web browser?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(url)

    # --- state ----------------------------------------------------------------------------
    def update_state(self) -> None:
        a, current = self.actions_, self.reader.current
        a.back.setEnabled(self.reader.navigation.can_go_back)
        a.forward.setEnabled(self.reader.navigation.can_go_forward)
        for action in (a.bookmark, a.find):
            action.setEnabled(current is not None)
        self.printing.update_actions()
        if current is not None:
            pack, document = current
            a.bookmark.setChecked(self.services.bookmarks.contains(pack.id, document.id))
            self.setWindowTitle(f"{document.title} - {APP_NAME}")

    def refresh_lists(self) -> None:
        self.bookmarks.set_visits(self.services.bookmarks.all())
        self.recent.set_visits(self.services.history.recent())

    def toggle_bookmark(self) -> None:
        if self.reader.current is None:
            return
        pack, document = self.reader.current
        marked = self.services.bookmarks.toggle(pack.id, document.id, document.title)
        self.actions_.bookmark.setChecked(marked)
        self.status.say(f"{'Bookmarked' if marked else 'Bookmark removed'}: {document.title}")
        self.refresh_lists()

    def set_text_size(self, size: float) -> None:
        size = max(float(TEXT_SIZE_MIN), min(float(TEXT_SIZE_MAX), size))
        self.reader.text_size = size
        self._save("display.text_size", int(size))
        self.reader.rerender()

    def apply_theme(self) -> None:
        application = QApplication.instance()
        if isinstance(application, QApplication):
            self.reader.theme = theme.apply(application, str(self.services.config.get("display.theme")))
            self.theme_changed.emit(self.reader.theme)

    def _save(self, key: str, value: object) -> None:
        try:
            save_user_setting(self.services.paths, key, value, self.services.config)
        except SettingLocked:
            self.status.say("This setting is managed by your organisation.")
        except OSError as error:
            self.status.say(f"The setting could not be saved: {error}")
        self.services.reload_config()

    def open_settings(self) -> None:
        roots = configured_roots(self.services.config, self.services.pack_folders())
        in_use = [f"{root.path}  ({root.origin.value})" for root in roots]
        dialog = SettingsDialog(self.services.config, self, in_use, self.services.packs)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        for key, value in dialog.values().items():
            self._save(key, value)
        self.reader.text_size = float(self.services.config.get("display.text_size"))
        self.apply_theme()
        self.reader.rerender()

    def show_problems(self) -> None:
        ProblemsDialog(self.services.packs, self, self.services.config.issues).exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        save_layout(self, self.splitter, self.services.state)
        for thread in self.threads:
            thread.quit()
            thread.wait(3000)
        self.search_worker.close()
        self.services.close()
        super().closeEvent(event)
