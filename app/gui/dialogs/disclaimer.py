"""The packs' disclaimers: shown once at first start, readable any time from Help."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.core.packs.loaded import PackSet


def disclaimer_html(packs: PackSet) -> str:
    parts = ["<h2>Before you use Protocol Desk</h2>"]
    for pack in packs.packs:
        manifest = pack.manifest
        parts.append(f"<h3>{escape(manifest.title)} {escape(manifest.version)}</h3>")
        parts.append(
            f"<p>{escape(manifest.disclaimer)}</p><p><i>Publisher: {escape(manifest.publisher)}</i></p>"
        )
    if not packs.packs:
        parts.append("<p>No content pack is loaded.</p>")
    return "".join(parts)


class DisclaimerDialog(QDialog):
    """At first start only "I understand" closes it: Escape and the window's close button do not,
    so nobody acknowledges the disclaimer by accident."""

    def __init__(self, packs: PackSet, first_start: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_start = first_start
        self.setWindowTitle("Disclaimer")
        self.resize(620, 420)
        text = QTextBrowser(self)
        text.setAccessibleName("Disclaimer text")
        text.setHtml(disclaimer_html(packs))
        buttons = QDialogButtonBox(self)
        accept = buttons.addButton(
            "I understand" if first_start else "Close", QDialogButtonBox.ButtonRole.AcceptRole
        )
        accept.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)

    def reject(self) -> None:
        if not self.first_start:
            super().reject()


def unacknowledged(packs: PackSet, acknowledged: str) -> bool:
    """True when a loaded pack's version has not been acknowledged on this workstation."""
    seen = set(acknowledged.split(","))
    return any(f"{p.id}@{p.manifest.version}" not in seen for p in packs.packs)


def acknowledgement(packs: PackSet) -> str:
    return ",".join(sorted(f"{p.id}@{p.manifest.version}" for p in packs.packs))
