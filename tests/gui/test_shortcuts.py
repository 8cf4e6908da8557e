"""Help > Keyboard shortcuts lists every key the running window answers to, features' keys included."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QShortcut

from app.gui.dialogs.shortcuts import ShortcutsDialog
from tests.gui.conftest import WindowFactory

NATIVE = QKeySequence.SequenceFormat.NativeText


def _keys_in_window(window: object) -> dict[str, str]:
    """Every key sequence of every QAction and QShortcut under the window -> what it is."""
    found: dict[str, str] = {}
    for action in window.findChildren(QAction):  # type: ignore[attr-defined]
        for sequence in action.shortcuts():
            if not sequence.isEmpty():
                found[sequence.toString(NATIVE)] = action.text()
    for shortcut in window.findChildren(QShortcut):  # type: ignore[attr-defined]
        if not shortcut.key().isEmpty():
            found[shortcut.key().toString(NATIVE)] = "shortcut"
    return found


def test_help_lists_every_shortcut_in_the_running_window(make_window: WindowFactory) -> None:
    """Each QAction and QShortcut key appears in Help, the study keys (Space, 1-4, Ctrl+Z) among them."""
    window = make_window()
    keys = _keys_in_window(window)
    assert {"Space", "1", "2", "3", "4", "Ctrl+Z", "Ctrl+K", "F1"} <= set(keys)
    entries = window.shortcut_registry.entries()
    listed = {key for entry in entries for key in entry.keys.split(", ")}
    missing = {key: what for key, what in keys.items() if key not in listed}
    assert missing == {}
    shown = ShortcutsDialog(entries, window).text.toPlainText()
    assert all(entry.keys in shown and entry.description in shown for entry in entries)


def test_a_shortcut_added_later_by_a_feature_is_listed(make_window: WindowFactory) -> None:
    """A feature's key registered through the host shows up with its description and where it works."""
    window = make_window()
    shortcut = QShortcut(QKeySequence("Ctrl+Alt+J"), window)
    window.register_shortcut(shortcut, "Jump to the test panel", "Test panel")
    listed = ShortcutsDialog(window.shortcut_registry.entries(), window).text.toPlainText()
    assert "Ctrl+Alt+J" in listed and "Jump to the test panel" in listed and "Test panel" in listed
