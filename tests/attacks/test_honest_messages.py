"""Failure 10: the error box and the log say what is known, nothing more.

The box used to say "What you entered is saved" whatever was happening, and the log "the app
stopped" while the window carried on.
"""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.core.system import logs
from app.core.system.paths import app_paths
from tests.gui.conftest import WindowFactory


@pytest.mark.qt_no_exception_capture
def test_error_box_claims_nothing_it_cannot_know(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    try:
        raise RuntimeError("<b>simulated</b> failure")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox)), timeout=5000)
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    text = box.text()
    assert "What you entered is saved" not in text
    assert "may not have finished" in text and "marked Saved are kept" in text
    assert "<b>simulated</b> failure" in text  # shown as typed, not as markup
    assert window.open_document("esketamine-trd", "", "") is None  # and the window keeps working


def test_log_does_not_say_the_app_stopped() -> None:
    paths = app_paths().ensure()
    target = logs.setup_logging(paths, "INFO")
    assert target is not None
    try:
        raise ValueError("simulated")
    except ValueError:
        kind, error, trace = sys.exc_info()
        logs._log_crash(kind, error, trace)  # type: ignore[arg-type]
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = target.read_text(encoding="utf-8")
    assert "unhandled exception in thread MainThread" in text and "ValueError: simulated" in text
    assert "the app stopped" not in text
