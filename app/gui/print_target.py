"""What a workspace offers to print (`PrintTarget`) and the paper it prints on: what the window needs
to build its print actions, without QtPrintSupport or the PDF pages (app.gui.printing), which load
when something is first printed or saved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, SignalInstance

from app.core.system.config import Config
from app.core.system.paper import paper_for_locale

if TYPE_CHECKING:
    from app.export.pdf import Printable


@dataclass(frozen=True)
class PrintTarget:
    """What a workspace shows, ready for paper, and the paper size it has chosen."""

    printable: Callable[[], Printable | None]
    paper: Callable[[], str]
    preview: bool = False
    """Show the pages before the print dialog (handouts: they go to patients)."""
    ready: Callable[[], bool] | None = None
    """Whether Print is offered now (None: whenever the workspace is on screen). The Reader is ready
    with a document open; a view's print bar while it is enabled (a loaded handout, a finished run)."""
    changed: SignalInstance | None = None
    """Emitted when `ready` may have changed while the workspace is on screen."""


def default_paper(config: Config) -> str:
    """The site's or user's `print.paper`, else the locale's usual size (Letter in the Americas)."""
    return paper_for_locale(str(config.get("print.paper")), QLocale.system().name())
