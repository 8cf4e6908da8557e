"""While the packs load, the window answers queries from the index on disk when the caches vouch for
the packs (app.gui.pack_loading, LoadWorker.cached), and a result opened then opens once they are in.
The pack load is held back here until the test lets it go, so the order of events is certain."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

import app.gui.tasks
from app.core.packs.loaded import PackSet
from app.gui.main_window import MainWindow

QUERY = "blood pressure"


@pytest.fixture
def held_load(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The load thread waits at the pack load until the event is set (set again at teardown)."""
    release = threading.Event()
    real: Callable[..., PackSet] = app.gui.tasks.load_configured_packs

    def held(*args: Any, **kwargs: Any) -> PackSet:
        release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(app.gui.tasks, "load_configured_packs", held)
    yield release
    release.set()


def _window(qtbot: QtBot) -> MainWindow:
    window = MainWindow(ask_disclaimer=False)
    qtbot.addWidget(window)
    window.show()
    return window


def _warm_caches(qtbot: QtBot) -> None:
    """A first start writes the document cache and the index, as any earlier day's start did."""
    window = _window(qtbot)
    qtbot.waitUntil(lambda: window.index_ready, timeout=30000)
    window.close()


def _type(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.load_generation == 1, timeout=10000)
    window.search.field.insert(QUERY)


def test_a_query_is_answered_from_the_cached_index_while_the_packs_load(
    qtbot: QtBot, held_load: threading.Event
) -> None:
    held_load.set()
    _warm_caches(qtbot)
    held_load.clear()
    window = _window(qtbot)
    _type(qtbot, window)
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0, timeout=10000)
    assert window.cached_search and not window.index_ready and not window.services.packs.packs
    # A result opened before the packs are in opens once they are.
    window.search.results.activated.emit(window.search.model.index(0, 0))
    assert window.reader.current is None and window.pending_open is not None
    assert "when the packs have loaded" in window.status.label.text()
    held_load.set()
    qtbot.waitUntil(lambda: window.reader.current is not None, timeout=30000)
    qtbot.waitUntil(lambda: window.index_ready, timeout=30000)
    assert window.pending_open is None
    window.close()


def test_without_caches_a_query_waits_for_the_packs(qtbot: QtBot, held_load: threading.Event) -> None:
    """A first start (nothing cached; the same for changed packs or a problem to show) answers
    only from the loaded packs: the query is kept until then, never answered with nothing."""
    window = _window(qtbot)
    _type(qtbot, window)
    qtbot.waitUntil(lambda: window.pending is not None, timeout=10000)
    qtbot.wait(300)
    assert window.search.model.rowCount() == 0 and not window.cached_search
    assert window.search.status.text().startswith("Preparing search")
    held_load.set()
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0, timeout=30000)
    assert window.index_ready and window.pending is None
    window.close()
