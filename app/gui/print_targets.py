"""The window's Print and Export PDF: they print whatever workspace is on screen.

Each workspace registers a `PrintTarget` (through the host's `add_workspace`); the Reader's is the
open document. A workspace without one (the calculator, study) prints nothing and says so. The
window hands in what this needs as callables, so this module knows nothing of the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.core.packs.loaded import Pack
from app.gui.print_target import PrintTarget, default_paper
from app.gui.services import Services

if TYPE_CHECKING:
    from app.core.model import Document
    from app.export.pdf import Printable


class PrintTargets(QObject):
    def __init__(
        self,
        parent: QWidget,
        shown: Callable[[], QWidget],
        say: Callable[[str], None],
        actions: list[QAction],
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.shown = shown
        self.say = say
        self.actions = actions
        self.targets: dict[QWidget, PrintTarget] = {}

    def register(self, widget: QWidget, target: PrintTarget) -> None:
        self.targets[widget] = target
        if target.changed is not None:  # a disabled Print must not stay offered, nor the reverse
            target.changed.connect(self.update_actions)

    def current(self) -> PrintTarget | None:
        return self.targets.get(self.shown())

    def print_current(self) -> list[int] | None:
        """Print the current workspace's document; returns the pages sent (None: nothing printed)."""
        target = self.current()
        if target is None or target.printable() is None:
            self.say("Nothing to print here.")
            return None
        from app.gui.printing import print_target  # QtPrintSupport and the PDF pages: when first used

        return print_target(self.parent_widget, target)

    def export_clicked(self) -> None:
        self.export_current()

    def export_current(self, path: Path | None = None) -> Path | None:
        """Save the current workspace's document as PDF: the same pages as printing."""
        target = self.current()
        printable = target.printable() if target is not None else None
        if target is None or printable is None:
            self.say("Nothing to save as PDF here.")
            return None
        from app.gui.printing import save_pdf_dialog

        saved = save_pdf_dialog(self.parent_widget, printable, target.paper(), path)
        if saved is not None:
            self.say(f"Saved {saved}")
        return saved

    def update_actions(self) -> None:
        """Enabled where the workspace on screen can print (the Reader: with a document open)."""
        target = self.current()
        enabled = target is not None and (target.ready is None or target.ready())
        for action in self.actions:
            action.setEnabled(enabled)


def reader_target(current: Callable[[], tuple[Pack, Document] | None], services: Services) -> PrintTarget:
    """The Reader's document, in the light theme with the site's details, on the configured paper."""

    def printable() -> Printable | None:
        shown = current()
        from app.export.document import document_printable  # Jinja2, Markdown: when first printed

        return None if shown is None else document_printable(*shown, placeholders=services.placeholders())

    return PrintTarget(printable, lambda: default_paper(services.config), ready=lambda: current() is not None)
