"""Features that plug into the main window without growing it (napari-style contributions).

Each feature is a package `app.gui.features.<name>` whose `feature` module has
`install(host: FeatureHost) -> None`. The host (app.gui.host) is all a feature sees of the window:
context actions above documents, workspaces, menu actions, its own shortcuts (listed in Help), the
status bar, the packs as they (re)load, and opening a document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from app.gui.tasks import MODELS_IMPORTED
from app.gui.widgets.first_paint import AfterFirstPaint

if TYPE_CHECKING:
    from app.gui.host import FeatureHost

Installer = Callable[["FeatureHost"], None]


def installer(name: str) -> Installer:
    """Feature `name`'s install function; its modules are imported now, not before."""
    module = __import__(f"app.gui.features.{name}.feature", fromlist=["install"])
    install: Installer = module.install
    return install


FEATURE_MODULES: list[str] = ["study", "runs", "handouts", "calc", "updates"]
MODELS_WAIT_MS = 50
MODELS_WAIT_TURNS = 600
"""How long the fallback waits for a load thread that is importing the models: 30 s, then it goes ahead
(a load that never started must not keep the features away for good)."""


class DeferredFeatures:
    """Installs every feature into `host` once, in menu order: all at `install()` (the window calls
    it when the packs arrive), or, should they never arrive, one per event-loop turn from `latest_ms`
    after `widget`'s first paint. Feature modules import study scheduling, checklist runs, export,
    updates and the pack models, none of which a window needs to take a query. Not while the load
    thread imports the models (the fallback waits for MODELS_IMPORTED): importing pydantic from two
    threads at once can fail inside PySide6's import hook (a partly initialised pydantic module asked
    for `__wrapped__`)."""

    def __init__(self, host: FeatureHost, widget: QWidget, then: Callable[[], None], latest_ms: int) -> None:
        self.host, self.then = host, then
        self.waiting = list(FEATURE_MODULES)
        self.patience = MODELS_WAIT_TURNS
        self.trigger = AfterFirstPaint(widget, lambda: QTimer.singleShot(latest_ms, self._next))

    @property
    def installed(self) -> bool:
        return not self.waiting

    def install(self) -> None:
        while self.waiting:
            self._install_one()

    def _next(self) -> None:
        if self.waiting and not MODELS_IMPORTED.is_set() and self.patience > 0:
            # The load thread is importing the models (a load slower than `latest_ms`): wait for it.
            self.patience -= 1
            QTimer.singleShot(MODELS_WAIT_MS, self._next)
        elif self.waiting:
            self._install_one()
            QTimer.singleShot(0, self._next)

    def _install_one(self) -> None:
        installer(self.waiting.pop(0))(self.host)
        if not self.waiting:
            self.then()
