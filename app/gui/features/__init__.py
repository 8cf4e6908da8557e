"""Features that plug into the main window without growing it (napari-style contributions).

Each feature is a package `app.gui.features.<name>` whose `feature` module has
`install(host: FeatureHost) -> None`. The host (app.gui.host) is all a feature sees of the window:
context actions above documents, workspaces, menu actions, its own shortcuts (listed in Help), the
status bar, the packs as they (re)load, and opening a document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.gui.widgets.first_paint import AfterFirstPaint

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


class DeferredFeatures:
    """Installs every feature into `host` once: after `widget`'s first paint, or at `install()` if
    that comes first (the window calls it when the packs arrive). Feature modules import study
    scheduling, checklist runs, export and updates, none of which a window needs to take a query."""

    def __init__(self, host: FeatureHost, widget: QWidget, then: Callable[[], None]) -> None:
        self.host, self.then = host, then
        self.trigger = AfterFirstPaint(widget, self._install)

    @property
    def installed(self) -> bool:
        return self.trigger.done

    def install(self) -> None:
        self.trigger.now()

    def _install(self) -> None:
        for install in installers():
            install(self.host)
        self.then()
