"""Features that plug into the main window without growing it (napari-style contributions).

Each feature module has `install(window: MainWindow) -> None`, which may:
- `window.add_context_action(kinds, label, accessible_name, handler)`: a button above a document
  of one of `kinds`; `handler(pack, document)` runs when it is pressed;
- `window.add_workspace(widget, title)`: a tab beside the reader; `window.show_workspace(widget)`;
- `window.add_menu_action(menu_title, action)`: an action in File, View, Tools or Help;
- connect to `window.packs_changed` (PackSet) and `window.reader.changed`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.gui.main_window import MainWindow

Installer = Callable[["MainWindow"], None]


def installers() -> list[Installer]:
    """Every feature's install function, in menu order. Features are imported lazily."""
    found: list[Installer] = []
    for name in FEATURE_MODULES:
        module = __import__(f"app.gui.features.{name}.feature", fromlist=["install"])
        found.append(module.install)
    return found


FEATURE_MODULES: list[str] = ["study", "runs", "handouts", "calc", "updates"]
