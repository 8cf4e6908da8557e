"""Features that plug into the main window without growing it (napari-style contributions).

Each feature is a package `app.gui.features.<name>` whose `feature` module has
`install(host: FeatureHost) -> None`. The host (app.gui.host) is all a feature sees of the window:
context actions above documents, workspaces, menu actions, its own shortcuts (listed in Help), the
status bar, the packs as they (re)load, and opening a document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.gui.host import FeatureHost

Installer = Callable[["FeatureHost"], None]


def installers() -> list[Installer]:
    """Every feature's install function, in menu order. Features are imported lazily."""
    found: list[Installer] = []
    for name in FEATURE_MODULES:
        module = __import__(f"app.gui.features.{name}.feature", fromlist=["install"])
        found.append(module.install)
    return found


FEATURE_MODULES: list[str] = ["study", "runs", "handouts", "calc", "updates"]
