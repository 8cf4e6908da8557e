"""A window kept open all day: searching must not open connections or grow memory without bound.

Each search used to open a new SQLite connection on the search thread and never close it (the
index kept connections in `threading.local`, which is empty on every call through a QThread), so
memory grew by megabytes per search. These searches go through the window's own path: the
field's text, the panel's submit, the worker's thread and the results shown back in the list.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.conftest import WindowFactory

SEARCHES = 1000
QUERIES = ["blood pressure", "dissociation", "ketamine dose", "nausea", "spravato", "bp", "driving"]
GROWTH_LIMIT_MB = 40
"""Allocator and Qt caches settle within the first searches; the leak added about 6 MB per 10."""

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self")


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _open_files_to(path: Path) -> int:
    """File descriptors of this process open on `path` (SQLite opens the file once per connection)."""
    wanted = str(path.resolve())
    count = 0
    for entry in Path("/proc/self/fd").iterdir():
        try:
            count += os.readlink(entry) == wanted
        except OSError:
            continue  # closed while listing
    return count


def _search(qtbot: QtBot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    panel = window.search
    panel.field.blockSignals(True)  # no debounce timer: submit at once, as the timer would
    panel.field.setText(text)
    panel.field.blockSignals(False)
    with qtbot.waitSignal(window.search_worker.finished, timeout=10000):
        panel.submit()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0 or "No results" in panel.status.text(), timeout=5000)


def test_closing_the_window_closes_the_search_connection(qtbot: QtBot, make_window: WindowFactory) -> None:
    """The worker owns its connection: closing the window closes it."""
    window = make_window()
    _search(qtbot, window, "blood pressure")
    assert window.search_worker.open_connections == 1
    window.close()
    assert window.search_worker.open_connections == 0
