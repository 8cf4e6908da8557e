"""Every action of the window, with its shortcut, in one place (Picard's pattern): the main
window only assembles and connects them, and Help lists them straight from here."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

Key = QKeySequence.StandardKey


@dataclass
class Actions:
    focus_search: QAction
    toggle_sidebar: QAction
    next_panel: QAction
    previous_panel: QAction
    focus_outline: QAction
    back: QAction
    forward: QAction
    bookmark: QAction
    find: QAction
    print_document: QAction
    export_pdf: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    reload: QAction
    settings: QAction
    problems: QAction
    disclaimer: QAction
    shortcuts: QAction
    about: QAction
    quit: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]


def _action(parent: QWidget, text: str, tip: str, *keys: str | QKeySequence.StandardKey) -> QAction:
    action = QAction(text, parent)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    sequences: list[QKeySequence] = []
    for key in keys:
        sequences += (
            QKeySequence.keyBindings(key)
            if isinstance(key, QKeySequence.StandardKey)
            else [QKeySequence(key)]
        )
    action.setShortcuts(sequences)
    parent.addAction(action)
    return action


def create_actions(parent: QWidget) -> Actions:
    actions = Actions(
        focus_search=_action(parent, "&Search", "Go to the search field", "Ctrl+K", "Ctrl+L"),
        toggle_sidebar=_action(parent, "Show or hide the si&debar", "More room for the document", "Ctrl+B"),
        next_panel=_action(parent, "&Next panel", "Search, list, document, outline in turn", "F6"),
        previous_panel=_action(parent, "Pre&vious panel", "The panels in the other direction", "Shift+F6"),
        focus_outline=_action(parent, "Go to the &outline", "The open document's sections", "Ctrl+Shift+O"),
        back=_action(parent, "&Back", "Back to the previous document", "Alt+Left"),
        forward=_action(parent, "&Forward", "Forward to the next document", "Alt+Right"),
        bookmark=_action(parent, "&Bookmark", "Bookmark this document, or remove the bookmark", "Ctrl+D"),
        find=_action(parent, "&Find in document", "Find text in this document", "Ctrl+F"),
        print_document=_action(parent, "&Print\u2026", "Print this document", "Ctrl+P"),
        export_pdf=_action(parent, "&Export PDF\u2026", "Save this document as a PDF", "Ctrl+Shift+E"),
        zoom_in=_action(parent, "&Larger text", "Make document text larger", "Ctrl+=", "Ctrl++"),
        zoom_out=_action(parent, "&Smaller text", "Make document text smaller", "Ctrl+-"),
        zoom_reset=_action(parent, "&Default text size", "Reset the document text size", "Ctrl+0"),
        reload=_action(parent, "&Reload packs", "Load the content packs again", "F5"),
        settings=_action(parent, "Se&ttings\u2026", "Text size, theme and pack folders", "Ctrl+,"),
        problems=_action(
            parent, "Pack &problems\u2026", "Packs or files that could not be loaded", "Ctrl+Shift+P"
        ),
        disclaimer=_action(parent, "&Disclaimer\u2026", "The content packs' disclaimers"),
        shortcuts=_action(parent, "&Keyboard shortcuts\u2026", "Every keyboard shortcut", "F1"),
        about=_action(parent, "&About Protocol Desk\u2026", "Version of the app and of each pack"),
        quit=_action(parent, "&Quit", "Quit Protocol Desk", "Ctrl+Q"),
    )
    actions.bookmark.setCheckable(True)
    for action in (
        actions.back,
        actions.forward,
        actions.bookmark,
        actions.find,
        actions.print_document,
        actions.export_pdf,
    ):
        action.setEnabled(False)
    return actions


def install_menus(window: QMainWindow, actions: Actions) -> dict[str, QMenu]:
    """File, View, (Tools, shown once a feature adds to it) and Help, and the navigation toolbar."""
    a = actions
    layout: dict[str, list[QAction | None]] = {
        "&File": [a.print_document, a.export_pdf, None, a.reload, a.settings, None, a.quit],
        "&View": [
            *(a.focus_search, a.find, a.focus_outline, a.next_panel, a.previous_panel, a.toggle_sidebar),
            *(None, a.back, a.forward, a.bookmark, None),
            *(a.zoom_in, a.zoom_out, a.zoom_reset),
        ],
        "&Help": [a.shortcuts, a.disclaimer, a.problems, None, a.about],
    }
    menus: dict[str, QMenu] = {}
    for title, entries in layout.items():
        menu = window.menuBar().addMenu(title)
        menus[title.replace("&", "")] = menu
        for entry in entries:
            menu.addSeparator() if entry is None else menu.addAction(entry)
    menus["Tools"] = QMenu("&Tools", window)
    window.menuBar().insertMenu(menus["Help"].menuAction(), menus["Tools"])
    menus["Tools"].menuAction().setVisible(False)
    toolbar = window.addToolBar("Navigation")
    toolbar.setObjectName("navigation")
    for action in (a.back, a.forward, a.bookmark, a.print_document, a.export_pdf, a.find):
        toolbar.addAction(action)
    return menus
