"""Settings: text size, theme, paper, pack folders and the site details handouts use; keys the site
locks are shown, not editable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.packs.loaded import PackSet
from app.core.system.config import TEXT_SIZE_MAX, TEXT_SIZE_MIN, THEME_CHOICES, Config

if TYPE_CHECKING:
    from app.core.model.manifest import Placeholder

MANAGED = " (managed by your organisation)"
PAPER_CHOICES = {
    "auto": "As usual where I am (A4, or Letter in the US and Canada)",
    "A4": "A4",
    "Letter": "Letter",
}


def declared_placeholders(packs: PackSet | None) -> list[Placeholder]:
    """Every site detail the loaded packs' handouts use, once each (the first pack's wording wins)."""
    found: dict[str, Placeholder] = {}
    for pack in packs.packs if packs is not None else []:
        for placeholder in pack.manifest.placeholders:
            found.setdefault(placeholder.name, placeholder)
    return list(found.values())


class SettingsDialog(QDialog):
    def __init__(
        self,
        config: Config,
        parent: QWidget | None = None,
        in_use: list[str] | None = None,
        packs: PackSet | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setMinimumWidth(620)
        self.config = config
        self.text_size = QSpinBox(self)
        self.text_size.setRange(TEXT_SIZE_MIN, TEXT_SIZE_MAX)
        self.text_size.setSuffix(" pt")
        self.text_size.setValue(int(config.get("display.text_size")))
        self.text_size.setAccessibleName("Text size")
        self.theme = QComboBox(self)
        self.theme.setAccessibleName("Theme")
        for value, label in THEME_CHOICES.items():
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(config.get("display.theme"))))
        self.paper = QComboBox(self)
        self.paper.setAccessibleName("Paper")
        for value, label in PAPER_CHOICES.items():
            self.paper.addItem(label, value)
        self.paper.setCurrentIndex(max(0, self.paper.findData(config.get("print.paper"))))
        self.folders = QListWidget(self)
        self.folders.setAccessibleName("Pack folders")
        self.folders.addItems([str(f) for f in config.get("packs.folders")])
        form = QFormLayout()
        form.addRow(self._label("Text size", "display.text_size"), self.text_size)
        form.addRow(self._label("Theme", "display.theme"), self.theme)
        form.addRow(self._label("Paper", "print.paper"), self.paper)
        form.addRow(self._label("Extra pack folders", "packs.folders"), self._folder_editor())
        used = QLabel("\n".join(in_use or []) or "(none)", self)
        used.setAccessibleName("Pack folders in use")
        used.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        used.setWordWrap(True)
        form.addRow(QLabel("Folders in use", self), used)
        self._lock(self.text_size, "display.text_size")
        self._lock(self.theme, "display.theme")
        self._lock(self.paper, "print.paper")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._site_details(declared_placeholders(packs)))
        note = QLabel("Changes to pack folders take effect after Reload packs (F5).", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _label(self, text: str, key: str) -> QLabel:
        return QLabel(text + (MANAGED if self.config.locked(key) else ""), self)

    def _lock(self, widget: QWidget, key: str) -> None:
        if self.config.locked(key):
            widget.setEnabled(False)
            widget.setToolTip("Set by your organisation's site configuration.")

    def _folder_editor(self) -> QWidget:
        box = QWidget(self)
        add, remove = QPushButton("Add folder\u2026", box), QPushButton("Remove", box)
        add.setAccessibleName("Add pack folder")
        remove.setAccessibleName("Remove pack folder")
        add.clicked.connect(self._add_folder)
        remove.clicked.connect(lambda: self.folders.takeItem(self.folders.currentRow()))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.folders)
        layout.addLayout(buttons)
        locked = self.config.locked("packs.folders")
        for widget in (self.folders, add, remove):
            widget.setEnabled(not locked)
        return box

    def _site_details(self, placeholders: list[Placeholder]) -> QGroupBox:
        """One field per site detail; emergency and crisis contacts are marked as needed for printing."""
        locked = self.config.locked("placeholders")
        box = QGroupBox("Site details for handouts" + (MANAGED if locked else ""), self)
        values = {str(k): str(v) for k, v in self.config.get("placeholders").items()}
        self.details: dict[str, QLineEdit] = {}
        form = QFormLayout(box)
        for placeholder in placeholders:
            field = QLineEdit(values.get(placeholder.name, ""), box)
            field.setAccessibleName(placeholder.label)
            field.setPlaceholderText(_hint(placeholder))
            field.setEnabled(not locked)
            if placeholder.description:
                field.setToolTip(placeholder.description)
            needed = " (needed to print handouts)" if placeholder.required_to_print else ""
            form.addRow(QLabel(placeholder.label + needed, box), field)
            self.details[placeholder.name] = field
        if not placeholders:
            form.addRow(QLabel("No loaded pack uses site details.", box))
        return box

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a pack folder")
        if folder:
            self.folders.addItem(folder)

    def values(self) -> dict[str, object]:
        """The settings as edited, for keys the site does not lock."""
        edited: dict[str, object] = {
            "display.text_size": self.text_size.value(),
            "display.theme": self.theme.currentData(),
            "print.paper": self.paper.currentData(),
            "packs.folders": [self.folders.item(i).text() for i in range(self.folders.count())],
        }
        if self.details:  # only filled fields: an empty one falls back to the site's value or a default
            edited["placeholders"] = {
                k: f.text().strip() for k, f in self.details.items() if f.text().strip()
            }
        return {key: value for key, value in edited.items() if not self.config.locked(key)}


def _hint(placeholder: Placeholder) -> str:
    if placeholder.default:
        return f"default: {placeholder.default}"
    return f"for example: {placeholder.example}" if placeholder.example else ""
