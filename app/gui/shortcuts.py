"""Every keyboard shortcut of the running window in one registry, so Help lists them all.

The window registers its actions; features register theirs through the FeatureHost. Keys are read
from the actions and shortcuts when Help opens, so a changed key can never drift from the list.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence, QShortcut

NATIVE = QKeySequence.SequenceFormat.NativeText


@dataclass(frozen=True)
class ShortcutEntry:
    keys: str
    description: str
    where: str


class ShortcutRegistry:
    def __init__(self) -> None:
        self._actions: list[tuple[QAction, str]] = []
        self._shortcuts: list[tuple[QShortcut, str, str]] = []

    def add_action(self, action: QAction, where: str = "Everywhere") -> None:
        self._actions.append((action, where))

    def add_shortcut(self, shortcut: QShortcut, description: str, where: str) -> None:
        self._shortcuts.append((shortcut, description, where))

    def entries(self) -> list[ShortcutEntry]:
        found = [
            ShortcutEntry(_keys(action.shortcuts()), action.text().replace("&", ""), where)
            for action, where in self._actions
        ]
        found += [
            ShortcutEntry(_keys([shortcut.key()]), description, where)
            for shortcut, description, where in self._shortcuts
        ]
        return [entry for entry in found if entry.keys]


def _keys(sequences: list[QKeySequence]) -> str:
    return ", ".join(s.toString(NATIVE) for s in sequences if not s.isEmpty())
