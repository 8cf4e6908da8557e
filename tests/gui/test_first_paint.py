"""Work deferred to the first paint (app.gui.widgets.first_paint): the window takes a query as soon
as its search field is on screen, and the packs load after that, so a query typed before they are in
is kept and answered once they are."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from app.gui.widgets.first_paint import AfterFirstPaint


class NoPaint(QObject):
    """Swallows paint events, as for a window started minimised."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return event.type() == QEvent.Type.Paint


def test_runs_once_after_the_first_paint(qtbot: QtBot) -> None:
    calls: list[bool] = []
    field = QLineEdit()
    qtbot.addWidget(field)
    AfterFirstPaint(field, lambda: calls.append(field.isVisible()))
    qtbot.wait(50)
    assert calls == []  # not shown, no `latest_ms`: waits for a paint
    field.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=5000)
    field.repaint()
    qtbot.wait(50)
    assert calls == [True]


def test_a_hidden_widget_runs_when_the_event_loop_starts(qtbot: QtBot) -> None:
    calls: list[int] = []
    field = QLineEdit()
    qtbot.addWidget(field)
    AfterFirstPaint(field, lambda: calls.append(1), latest_ms=60_000)
    assert calls == []
    qtbot.waitUntil(lambda: calls == [1], timeout=2000)


def test_a_shown_widget_that_never_paints_runs_by_the_latest_time(qtbot: QtBot) -> None:
    calls: list[int] = []
    field = QLineEdit()
    qtbot.addWidget(field)
    trigger = AfterFirstPaint(field, lambda: calls.append(1), latest_ms=200)
    blocker = NoPaint()
    field.installEventFilter(blocker)  # installed last, so it sees the paints first
    field.show()
    qtbot.wait(100)
    assert calls == [] and not trigger.done
    qtbot.waitUntil(lambda: calls == [1], timeout=5000)


class TypeAtFirstPaint(QObject):
    """Types a query into the window's field the moment it first paints, and notes whether the
    packs had been asked for by then."""

    def __init__(self, window: MainWindow, text: str) -> None:
        super().__init__()
        self.window, self.text = window, text
        self.loads_at_paint: int | None = None
        window.search.field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.loads_at_paint is None:
            self.loads_at_paint = self.window.load_generation
            self.window.search.field.insert(self.text)
        return False


def test_a_query_typed_at_the_first_paint_is_answered_once_the_packs_load(qtbot: QtBot) -> None:
    window = MainWindow(ask_disclaimer=False)
    qtbot.addWidget(window)
    typist = TypeAtFirstPaint(window, "blood pressure")
    window.show()
    qtbot.waitUntil(lambda: typist.loads_at_paint is not None, timeout=10000)
    assert typist.loads_at_paint == 0  # the packs are asked for only after the field is on screen
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0, timeout=30000)
    assert window.index_ready and window.pending is None
    assert window.features.installed
    assert window.search.field.text() == "blood pressure"
    window.close()


def test_the_features_fallback_waits_while_a_load_imports_the_models(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Packs slower than the fallback: the features do not import pydantic on the UI thread while the
    load thread is importing it (that can fail inside PySide6's import hook); they install once it has."""
    from app.gui import features

    importing_done = threading.Event()
    installed: list[str] = []
    monkeypatch.setattr(features, "MODELS_IMPORTED", importing_done)
    monkeypatch.setattr(features, "installer", lambda name: lambda _host: installed.append(name))
    widget = QWidget()
    qtbot.addWidget(widget)
    deferred = features.DeferredFeatures(None, widget, lambda: None, 0)  # type: ignore[arg-type]
    widget.show()
    qtbot.wait(400)
    assert installed == [] and not deferred.installed
    importing_done.set()
    qtbot.waitUntil(lambda: deferred.installed, timeout=5000)
    assert installed == features.FEATURE_MODULES
