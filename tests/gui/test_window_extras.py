"""First-start disclaimer, external links, and "What changed in this pack" in the real window."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from app.gui.features.updates.feature import PackUpdates
from app.gui.main_window import MainWindow
from tests.gui.conftest import WindowFactory


def test_disclaimer_shown_once_per_pack_version(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first start shows the packs' disclaimers; the next start does not; Help still can."""
    shown: list[bool] = []
    monkeypatch.setattr("app.gui.main_window.DisclaimerDialog.exec", lambda self: shown.append(True) or 1)
    for _ in range(2):
        window = MainWindow(ask_disclaimer=True)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda w=window: bool(w.services.packs.packs), timeout=20000)
        window.close()
    assert shown == [True]
    window = MainWindow(ask_disclaimer=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(window.services.packs.packs), timeout=20000)
    window.actions_.disclaimer.trigger()
    assert shown == [True, True]
    window.close()


def test_external_link_needs_consent(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A web link asks first and is not followed when the user says no."""
    opened: list[QUrl] = []
    monkeypatch.setattr("app.gui.main_window.QDesktopServices.openUrl", opened.append)
    monkeypatch.setattr("app.gui.main_window.QMessageBox.question", lambda *a, **k: 0x00010000)  # No
    window = make_window()
    window.document.browser.external_link.emit(QUrl("https://example.org/label.pdf"))
    assert opened == []


def test_pack_update_shows_what_changed(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, data_dir: Path
) -> None:
    """A pack whose version changed between starts opens "What changed in this pack"."""
    pack = tmp_path / "pack"
    shutil.copytree(data_dir / "packs" / "good", pack)
    make_window([pack]).close()
    manifest = pack / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("version: 1.0.0", "version: 1.1.0"))
    doc = pack / "docs" / "protocol.yaml"
    doc.write_text(doc.read_text().replace("An indication.", "A revised indication."))
    window = make_window([pack])
    updates = window.findChild(PackUpdates, "pack-updates")
    qtbot.waitUntil(lambda: updates.dialog is not None, timeout=10000)
    text = updates.dialog.text.toPlainText()
    assert "1.0.0" in text and "1.1.0" in text and "revised indication" in text
