"""After a pack update: "What changed in this pack", shown once and again from the Help menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.core.distribution.diff import PackDiff, format_diff
from app.core.distribution.updates import pack_updates, remember, store_dir
from app.core.packs.loaded import PackSet

if TYPE_CHECKING:
    from app.gui.host import FeatureHost


class ChangesDialog(QDialog):
    def __init__(self, diffs: list[PackDiff], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("What changed in this pack")
        self.resize(820, 560)
        names = ", ".join(f"{d.pack_id} {d.old_version} \u2192 {d.new_version}" for d in diffs)
        intro = QLabel(
            f"Updated since you last used Protocol Desk on this workstation: {names}."
            if diffs
            else "No pack has changed since it was last opened on this workstation.",
            self,
        )
        intro.setWordWrap(True)
        intro.setAccessibleName("Pack update summary")
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Changes in the pack")
        self.text.setFont(QFont("Monospace"))
        self.text.setPlainText("\n\n".join(format_diff(d) for d in diffs))
        self.text.setVisible(bool(diffs))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)


class PackUpdates(QObject):
    """A child of the window named `pack-updates`, so scripts and tests find it with findChild."""

    def __init__(self, host: FeatureHost) -> None:
        super().__init__(host.widget)
        self.setObjectName("pack-updates")
        self.host = host
        self.diffs: list[PackDiff] = []
        self.dialog: ChangesDialog | None = None

    def packs_changed(self, packs: PackSet) -> None:
        store = store_dir(self.host.services.paths.state)
        found = pack_updates(packs, store)
        remember(packs, store)
        if found:
            self.diffs = found
            self.show()

    def show(self) -> None:
        self.dialog = ChangesDialog(self.diffs, self.host.widget)
        self.host.show_dialog(self.dialog)  # not modal: the clinician may be in the middle of something


def install(host: FeatureHost) -> None:
    feature = PackUpdates(host)
    host.on_packs_changed(feature.packs_changed)
    action = QAction("What changed in the packs\u2026", host.widget)
    action.setStatusTip("Documents and sections that changed in the last pack update")
    action.triggered.connect(feature.show)
    host.add_menu_action("Help", action)
