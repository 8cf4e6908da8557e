"""Watch a pack folder and say, once edits settle, that it changed.

Editors often save by writing a new file and renaming it over the old one, which drops the file from
QFileSystemWatcher; so after every change the folder is walked again and every folder and YAML file
re-added. Changes are gathered for a short pause, so that saving several files reloads once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 300


class PackWatcher(QObject):
    changed = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None, settle_ms: int = SETTLE_MS) -> None:
        super().__init__(parent)
        self.folder = folder
        self.watcher = QFileSystemWatcher(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(settle_ms)
        self.timer.timeout.connect(self._settled)
        self.watcher.fileChanged.connect(self._touched)
        self.watcher.directoryChanged.connect(self._touched)
        self._watch_all()

    def _paths(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        found = [self.folder, *(p for p in self.folder.rglob("*") if not p.name.startswith("."))]
        return [str(p) for p in found if p.is_dir() or p.suffix in {".yaml", ".yml"}]

    def _watch_all(self) -> None:
        watched = set(self.watcher.files()) | set(self.watcher.directories())
        missing = [p for p in self._paths() if p not in watched]
        if missing:
            self.watcher.addPaths(missing)

    def _touched(self, _path: str) -> None:
        self.timer.start()

    def _settled(self) -> None:
        self._watch_all()
        self.changed.emit()

    def watched(self) -> list[str]:
        return sorted(self.watcher.files() + self.watcher.directories())
