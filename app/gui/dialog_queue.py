"""Start-up dialogs one at a time: nothing opens on top of the first-start disclaimer.

A modal dialog (the disclaimer) runs alone; non-modal ones that arrive meanwhile (resume unfinished
checklist runs, what changed in a pack, a notice about saved data) wait and open when it closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget


class DialogQueue:
    def __init__(self) -> None:
        self.modal_open = False
        self.waiting: list[QWidget] = []

    def run_modal(self, dialog: QDialog, on_accept: Callable[[], None]) -> None:
        """Run `dialog` modally; `on_accept` only when the user accepted it (never on Escape)."""
        self.modal_open = True
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                on_accept()
        finally:
            self.modal_open = False
            self._show_waiting()

    def show(self, dialog: QWidget) -> None:
        """Show a non-modal dialog now, or when the modal one in front of it closes."""
        if self.modal_open:
            self.waiting.append(dialog)
        else:
            dialog.show()

    def _show_waiting(self) -> None:
        waiting, self.waiting = self.waiting, []
        for dialog in waiting:
            dialog.show()
