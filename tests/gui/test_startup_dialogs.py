"""Start-up dialogs: Escape never acknowledges the disclaimer, and nothing opens on top of it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.gui.dialog_queue import DialogQueue
from app.gui.dialogs.about import AboutDialog
from app.gui.dialogs.disclaimer import DisclaimerDialog
from app.gui.main_window import DISCLAIMER_KEY, MainWindow
from tests.gui.conftest import WindowFactory


def _press_escape_then_accept(qtbot: QtBot, seen: list[bool], tries: int = 600) -> None:
    """Once the disclaimer is up: Escape, note whether it stayed open, then accept it."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, DisclaimerDialog):
        if tries:
            QTimer.singleShot(50, lambda: _press_escape_then_accept(qtbot, seen, tries - 1))
        return
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    seen.append(dialog.isVisible())  # Escape left it open
    dialog.accept()


def test_escape_does_not_acknowledge_the_disclaimer(qtbot: QtBot) -> None:
    """At first start Escape leaves the disclaimer open; only "I understand" records it."""
    seen: list[bool] = []
    QTimer.singleShot(50, lambda: _press_escape_then_accept(qtbot, seen))
    window = MainWindow(ask_disclaimer=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(window.services.state.get(DISCLAIMER_KEY)), timeout=30000)
    assert seen == [True]
    window.close()


def test_escape_on_a_first_start_dialog_alone_acknowledges_nothing(qtbot: QtBot) -> None:
    """The queue calls on_accept only for an accepted dialog; a rejected one records nothing."""
    queue, accepted = DialogQueue(), []
    dialog = QDialog()
    qtbot.addWidget(dialog)
    QTimer.singleShot(100, dialog.reject)
    queue.run_modal(dialog, lambda: accepted.append(True))
    assert accepted == []


def test_non_modal_dialogs_wait_for_the_modal_one(qtbot: QtBot) -> None:
    """A dialog that arrives while the disclaimer is open is shown only after it closes."""
    queue = DialogQueue()
    later = QWidget()
    qtbot.addWidget(later)
    modal = QDialog()
    qtbot.addWidget(modal)
    visible_during: list[bool] = []

    def arrive_then_close() -> None:
        queue.show(later)
        visible_during.append(later.isVisible())
        modal.accept()

    QTimer.singleShot(100, arrive_then_close)
    queue.run_modal(modal, lambda: None)
    assert visible_during == [False] and later.isVisible()


def test_about_shows_where_data_settings_and_logs_are(make_window: WindowFactory) -> None:
    """About names the data file, the settings files and the log, so IT and users can find them."""
    window = make_window()
    dialog = AboutDialog(window.services.packs, window.services.paths, window)
    text = dialog.text.toPlainText()
    paths = window.services.paths
    assert str(paths.user_db) in text and str(paths.user_config_file) in text
    assert str(paths.logs) in text and "Site settings" in text
