"""Every control the issue lists as "looks enabled while disabled" looks disabled in every theme:
its palette's disabled text colour differs from the enabled one, and it paints differently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QPushButton, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from app.gui.dialogs.settings import SettingsDialog
from app.gui.features.handouts.view import HandoutView
from app.gui.main_window import MainWindow
from app.render.theme import THEMES
from tests.gui.conftest import WindowFactory
from tests.gui.test_checklist_run import FakeClock, _start

ROLES = QPalette.ColorRole
GROUPS = QPalette.ColorGroup


def _looks_disabled(button: QAbstractButton) -> None:
    """Disabled, drawn in the disabled colours, and visibly unlike the same control enabled."""
    assert not button.isEnabled(), button.text()
    palette = button.palette()
    for role in (ROLES.ButtonText, ROLES.WindowText):
        assert palette.color(GROUPS.Disabled, role) != palette.color(GROUPS.Active, role), button.text()
    # The widget that was switched off: the button itself or a bar that holds it.
    switched = button
    while not switched.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled) and switched.parentWidget():
        switched = switched.parentWidget()
    if not button.isVisible():  # on a page not shown yet: paint it at its natural size
        button.ensurePolished()
        button.resize(button.sizeHint())
    disabled = _paint(button)
    switched.setEnabled(True)
    enabled = _paint(button)
    switched.setEnabled(False)
    assert disabled != enabled, f"{button.text()} paints the same enabled and disabled"


def _paint(widget: QWidget) -> QImage:
    """The widget as drawn, shown or not (grab() draws nothing for a widget on a hidden page)."""
    image = QImage(widget.size(), QImage.Format.Format_ARGB32)
    image.fill(0)
    widget.render(image)
    return image


def _themed(make_window: WindowFactory, name: str) -> MainWindow:
    window = make_window()
    window._save("display.theme", name)
    window.apply_theme()
    return window


def _button(parent: QWidget, text: str) -> QPushButton:
    return next(b for b in parent.findChildren(QPushButton) if b.text().startswith(text) and b.isVisible())


@pytest.mark.parametrize("name", sorted(THEMES))
def test_back_forward_and_print_at_start(make_window: WindowFactory, name: str) -> None:
    window = _themed(make_window, name)
    idle = {window.actions_.back, window.actions_.forward, window.actions_.print_document}
    buttons = [b for b in window.findChildren(QToolButton) if b.defaultAction() in idle]
    assert len(buttons) == 3
    for button in buttons:
        _looks_disabled(button)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_run_print_and_pdf_then_finish_after_finishing(make_window: WindowFactory, name: str) -> None:
    """An open run cannot be printed yet; once finished it can, and Finish is disabled."""
    window = _themed(make_window, name)
    view = _start(window, FakeClock())
    assert view.theme.name == name
    _looks_disabled(_button(view, "Print"))
    _looks_disabled(_button(view, "Save PDF"))
    assert view.finish(confirm=False)
    _looks_disabled(view.finish_button)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_handout_save_pdf_with_nothing_loaded(make_window: WindowFactory, name: str) -> None:
    """The Handout workspace before a handout is chosen: its Save PDF and the window's Print and
    Save PDF are all disabled and look it."""
    window = _themed(make_window, name)
    view = window.findChild(HandoutView)
    assert view is not None and view.current is None
    pages = [window.workspaces.widget(i) for i in range(window.workspaces.count())]
    window.workspaces.setCurrentWidget(next(page for page in pages if page.isAncestorOf(view)))
    _looks_disabled(view.print_bar.pdf_button)
    actions = {window.actions_.print_document, window.actions_.export_pdf}
    buttons = [b for b in window.findChildren(QToolButton) if b.defaultAction() in actions]
    assert buttons and all(not action.isEnabled() for action in actions)
    for button in buttons:
        _looks_disabled(button)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_locked_add_folder_in_settings(make_window: WindowFactory, qtbot: QtBot, name: str) -> None:
    """A site that locks the pack folders gets an "Add folder" button that plainly cannot be used."""
    Path(os.environ["PROTOCOL_DESK_SITE_CONFIG"]).write_text(
        '[packs]\nfolders = []\n\n[policy]\nlocked = ["packs.folders"]\n', encoding="utf-8"
    )
    window = _themed(make_window, name)
    dialog = SettingsDialog(window.services.config, window, [], window.services.packs)
    qtbot.addWidget(dialog)
    dialog.show()
    _looks_disabled(_button(dialog, "Add folder"))
