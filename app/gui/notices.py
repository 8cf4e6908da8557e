"""Nothing goes wrong silently: start-up notices and a visible report of unexpected errors.

The log keeps the details (app.core.system.logs); these tell the person at the screen, once, in plain
words, and never close the window. An error can be raised in a worker thread; the box is always
created on the GUI thread (a queued signal carries the text there).
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from app.core.system.logs import LOG_FILE

if TYPE_CHECKING:
    from app.gui.host import FeatureHost

log = logging.getLogger(__name__)


def _message_box(window: FeatureHost, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, window.widget)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the text may quote a pack's content
    box.setModal(False)
    box.show()
    return box


def show_startup_notices(window: FeatureHost) -> None:
    """A damaged user data file that was moved aside is told about, with where it went."""
    notice = window.services.db.notice
    if notice:
        window.say("Your saved data file needed attention; see the message.")
        QTimer.singleShot(0, lambda: _message_box(window, "Saved data", notice))


_target: list[FeatureHost] = []
_showing: list[QMessageBox] = []


class _Relay(QObject):
    """Lives on the GUI thread; `raised` emitted from any thread is delivered there (queued)."""

    raised = Signal(str)


_relay: list[_Relay] = []


def install_error_notice(window: FeatureHost) -> None:
    """Show unexpected errors in a non-modal box (one at a time), then carry on.

    The hook is installed once per process and reports to the newest window."""
    _target[:] = [window]
    if getattr(sys.excepthook, "_notice", False):
        return
    previous = sys.excepthook
    relay = _Relay()
    relay.raised.connect(_notify_safely)
    _relay[:] = [relay]

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        previous(kind, error, trace)
        relay.raised.emit(str(error))

    hook._notice = True  # type: ignore[attr-defined]
    sys.excepthook = hook


def _still_open(box: QMessageBox) -> bool:
    try:
        return box.isVisible()
    except RuntimeError:  # deleted with its window
        return False


def _notify_safely(error: str) -> None:
    try:
        _notify(error)
    except RuntimeError:  # the window is already gone (closing down): the log has the details
        log.debug("no window to report the error in")


def _notify(error: str) -> None:
    _showing[:] = [box for box in _showing if _still_open(box)]
    if not _target or _showing or not _target[0].widget.isVisible():
        return
    window = _target[0]
    where = window.services.paths.logs / LOG_FILE
    text = (
        f"Something went wrong: {error[:300]}\n\nThe last action may not have finished. Checklist "
        "entries marked Saved are kept. You can keep working; if this happens again, give your IT "
        f"team the log file:\n{where}"
    )
    box = _message_box(window, "Unexpected error", text)
    _showing.append(box)
    box.finished.connect(lambda _: _showing.clear())
