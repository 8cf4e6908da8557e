"""Nothing fails silently: damaged data, bad settings and unexpected errors are told to the user."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.core.system.paths import app_paths
from tests.gui.conftest import WindowFactory


def _boxes(window) -> list[QMessageBox]:  # type: ignore[no-untyped-def]
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_damaged_user_data_is_reported(qtbot: QtBot, make_window: WindowFactory) -> None:
    """A user.db that is not a database is moved aside and the window says so."""
    paths = app_paths().ensure()
    paths.user_db.write_bytes(b"garbage" * 200)
    window = make_window()
    qtbot.waitUntil(lambda: bool(_boxes(window)), timeout=5000)
    assert "user.db.damaged-" in _boxes(window)[0].text() and "recover" in _boxes(window)[0].text()
    assert list(paths.data.glob("user.db.damaged-*"))


def test_bad_site_settings_listed_with_problems(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A malformed site file shows in the status bar and in Pack problems with its line."""
    site = tmp_path / "site.toml"
    site.write_text('[display]\ntheme = "purple"\n')
    monkeypatch.setenv("PROTOCOL_DESK_SITE_CONFIG", str(site))
    window = make_window()
    assert window.status.skipped.isVisible() and "settings" in window.status.skipped.text()
    from app.gui.dialogs.problems import ProblemsDialog

    dialog = ProblemsDialog(window.services.packs, window, window.services.config.issues)
    qtbot.addWidget(dialog)
    rows = [dialog.table.topLevelItem(i).text(1) for i in range(dialog.table.topLevelItemCount())]
    assert f"{site}:2" in rows


@pytest.mark.qt_no_exception_capture
def test_unexpected_error_is_shown_and_the_window_keeps_working(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    """An exception in a slot opens a non-modal notice; the app goes on working."""
    window = make_window()
    try:
        raise RuntimeError("simulated failure")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(_boxes(window)), timeout=5000)
    assert (
        "simulated failure" in _boxes(window)[0].text()
        and "may not have finished" in _boxes(window)[0].text()
    )
    assert window.open_document("esketamine-trd", "", "") is None and window.reader.current is not None
