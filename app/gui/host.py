"""What a feature may use of the window: one small typed interface (decision 0004).

Features (`app.gui.features.<name>.feature.install(host)`) see only this Protocol, never the
window's members, so the window can change its insides without breaking them, and a feature can be
tested against any object that offers these few things.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QShortcut
    from PySide6.QtWidgets import QWidget

    from app.core.packs.loaded import PackSet
    from app.gui.print_target import PrintTarget
    from app.gui.reader.context_bar import Applies, Handler
    from app.gui.services import Services
    from app.render.theme import Theme


class FeatureHost(Protocol):
    @property
    def services(self) -> Services:
        """Paths, configuration, user data and the loaded packs."""

    @property
    def widget(self) -> QWidget:
        """The parent for a feature's dialogs, actions and views."""

    @property
    def theme(self) -> Theme:
        """The colours documents are rendered in now."""

    def say(self, text: str) -> None:
        """A short message in the status bar."""

    def add_context_action(
        self,
        kinds: set[str],
        label: str,
        accessible_name: str,
        handler: Handler,
        applies: Applies | None = None,
    ) -> None:
        """A button above documents of `kinds`; `applies(pack, document)` can narrow it further."""

    def add_workspace(self, widget: QWidget, title: str, printable: PrintTarget | None = None) -> None:
        """A page of the main area beside the reader; with `printable`, the window's Print and Export
        PDF print what it shows (app.gui.printing)."""

    def show_workspace(self, widget: QWidget) -> None: ...

    def show_dialog(self, dialog: QWidget) -> None:
        """A non-modal dialog, shown now or after the first-start disclaimer closes."""

    def add_menu_action(self, menu_title: str, action: QAction) -> None:
        """An action in File, View, Tools or Help; its shortcut, if any, is listed in Help."""

    def register_shortcut(self, shortcut: QShortcut, description: str, where: str) -> None:
        """A feature's own key (study's Space, 1-4): listed in Help > Keyboard shortcuts."""

    def on_packs_changed(self, callback: Callable[[PackSet], object]) -> None:
        """Called with the PackSet after every (re)load."""

    def on_theme_changed(self, callback: Callable[[Theme], object]) -> None:
        """Called with the new Theme when the user switches theme: restyle what is open."""

    def open_document(self, doc_id: str, section_id: str, terms: str) -> None: ...
