"""The window's side of the FeatureHost interface (app.gui.host): the few things features may use.

MainWindow inherits this, so the window itself stays about assembling panels; the attributes named
below are the window's parts that these methods work on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QStackedWidget, QTabWidget, QWidget

from app.gui.dialog_queue import DialogQueue
from app.gui.reader.context_bar import Applies, ContextAction, ContextBar, Handler
from app.gui.shortcuts import ShortcutRegistry

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from app.core.packs.loaded import PackSet
    from app.gui.print_target import PrintTarget
    from app.gui.print_targets import PrintTargets
    from app.gui.reader.reader import Reader
    from app.gui.status import StatusArea
    from app.render.theme import Theme


class ExtensionPoints:
    context_bar: ContextBar
    workspaces: QTabWidget
    menus: dict[str, QMenu]
    reader: Reader
    status: StatusArea
    shortcut_registry: ShortcutRegistry
    dialogs: DialogQueue
    packs_changed: SignalInstance
    theme_changed: SignalInstance
    printing: PrintTargets

    @property
    def widget(self) -> QWidget:
        return cast(QWidget, self)

    @property
    def theme(self) -> Theme:
        return self.reader.theme

    def say(self, text: str) -> None:
        self.status.say(text)

    def register_shortcut(self, shortcut: QShortcut, description: str, where: str) -> None:
        self.shortcut_registry.add_shortcut(shortcut, description, where)

    def on_packs_changed(self, callback: Callable[[PackSet], object]) -> None:
        self.packs_changed.connect(callback)

    def on_theme_changed(self, callback: Callable[[Theme], object]) -> None:
        self.theme_changed.connect(callback)

    def add_context_action(
        self,
        kinds: set[str],
        label: str,
        accessible_name: str,
        handler: Handler,
        applies: Applies | None = None,
    ) -> None:
        """A button above documents of `kinds`; `applies(pack, document)` can narrow it further."""
        self.context_bar.add(ContextAction(frozenset(kinds), label, accessible_name, handler, applies))

    def add_workspace(self, widget: QWidget, title: str, printable: PrintTarget | None = None) -> None:
        """A tab beside the Reader; with `printable`, the window's Print and Export PDF print it."""
        index = self.workspaces.addTab(widget, title)
        self.workspaces.tabBar().setVisible(True)
        self.add_workspace_key(index, title)
        if printable is not None:
            self.printing.register(widget, printable)

    def add_workspace_key(self, index: int, title: str) -> None:
        """Ctrl+1 for the first workspace, Ctrl+2 for the second... listed in View and in Help."""
        if index >= 9:
            return
        action = QAction(f"{title.replace('&', '')} workspace", self.widget)
        action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
        action.triggered.connect(lambda: self.workspaces.setCurrentIndex(index))
        self.widget.addAction(action)
        self.menus["View"].addAction(action)
        self.shortcut_registry.add_action(action, "Workspaces")

    def show_dialog(self, dialog: QWidget) -> None:
        self.dialogs.show(dialog)

    def show_workspace(self, widget: QWidget) -> None:
        """Bring `widget` to the front: its workspace tab, and its page in any stack inside that tab."""
        child: QWidget | None = widget
        while child is not None and self.workspaces.indexOf(child) < 0:
            parent = child.parentWidget()
            if isinstance(parent, QStackedWidget) and parent.indexOf(child) >= 0:
                parent.setCurrentWidget(child)
            child = parent
        if child is not None:
            self.workspaces.setCurrentWidget(child)

    def add_menu_action(self, menu_title: str, action: QAction) -> None:
        self.menus[menu_title].addAction(action)
        self.menus[menu_title].menuAction().setVisible(True)
        self.shortcut_registry.add_action(action, menu_title.replace("&", ""))
