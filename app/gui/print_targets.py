"""The window's Print and Export PDF: they print whatever workspace is on screen.

Each workspace registers a `PrintTarget` (through `MainWindow.add_workspace`); the Reader's is the
open document. A workspace without one (the calculator, study) prints nothing and says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.export.document import document_printable
from app.export.pdf import Printable
from app.gui.printing import PrintTarget, default_paper, print_target, save_pdf_dialog

if TYPE_CHECKING:
    from app.gui.main_window import MainWindow


class PrintTargets(QObject):
    def __init__(self, window: MainWindow, reader_page: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.reader_page = reader_page
        self.targets: dict[QWidget, PrintTarget] = {
            reader_page: PrintTarget(self._reader_printable, lambda: default_paper(window.services.config))
        }

    def register(self, widget: QWidget, target: PrintTarget) -> None:
        self.targets[widget] = target

    def _reader_printable(self) -> Printable | None:
        current = self.window.reader.current
        if current is None:
            return None
        return document_printable(*current, placeholders=self.window.services.placeholders())

    def current(self) -> PrintTarget | None:
        return self.targets.get(self.window.workspaces.currentWidget())

    def print_current(self) -> list[int] | None:
        """Print the current workspace's document; returns the pages sent (None: nothing printed)."""
        target = self.current()
        if target is None or target.printable() is None:
            self.window.status.say("Nothing to print here.")
            return None
        return print_target(self.window, target)

    def export_clicked(self) -> None:
        self.export_current()

    def export_current(self, path: Path | None = None) -> Path | None:
        """Save the current workspace's document as PDF: the same pages as printing."""
        target = self.current()
        printable = target.printable() if target is not None else None
        if target is None or printable is None:
            self.window.status.say("Nothing to save as PDF here.")
            return None
        saved = save_pdf_dialog(self.window, printable, target.paper(), path)
        if saved is not None:
            self.window.status.say(f"Saved {saved}")
        return saved

    def update_actions(self) -> None:
        """Enabled where something can print; on the Reader only with a document open."""
        on_reader = self.window.workspaces.currentWidget() is self.reader_page
        ready = self.current() is not None and (not on_reader or self.window.reader.current is not None)
        for action in (self.window.actions_.print_document, self.window.actions_.export_pdf):
            action.setEnabled(ready)
