"""The main window (minimal for now): packs and documents from the loaded content."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QListWidget, QMainWindow

from app import APP_NAME
from app.core.packs import default_roots, load_packs


class MainWindow(QMainWindow):
    def __init__(self, extra_pack_folders: list[Path] | None = None) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 760)
        self.documents = QListWidget(self)
        self.documents.setAccessibleName("Documents")
        self.setCentralWidget(self.documents)
        packs = load_packs(default_roots(extra_pack_folders))
        for pack, document in packs.documents():
            self.documents.addItem(f"{document.title}  ({document.kind}, {pack.manifest.title})")
        skipped = len(packs.failed)
        self.statusBar().showMessage(
            f"{len(packs.packs)} pack(s) loaded" + (f", {skipped} skipped" if skipped else "")
        )
