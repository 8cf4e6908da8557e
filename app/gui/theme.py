"""Light, dark and high-contrast palettes for the widgets, matched to the document themes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.render.theme import DARK, HIGH_CONTRAST, LIGHT, Theme

ROLES = QPalette.ColorRole
SELECTION = {"light": "#0a4fb3", "dark": "#1f5fa8", "high-contrast": "#000000"}
"""Selected rows: white text on these has a contrast ratio above 4.5:1 in every theme."""


def resolve(name: str) -> Theme:
    """`system` follows the platform's colour scheme."""
    if name == "system":
        scheme = QGuiApplication.styleHints().colorScheme()
        return DARK if scheme == Qt.ColorScheme.Dark else LIGHT
    return {"light": LIGHT, "dark": DARK, "high-contrast": HIGH_CONTRAST}.get(name, LIGHT)


def palette_for(theme: Theme) -> QPalette:
    palette = QPalette()
    colours = {
        ROLES.Window: theme.panel,
        ROLES.WindowText: theme.text,
        ROLES.Base: theme.background,
        ROLES.AlternateBase: theme.panel,
        ROLES.Text: theme.text,
        ROLES.Button: theme.panel,
        ROLES.ButtonText: theme.text,
        ROLES.ToolTipBase: theme.background,
        ROLES.ToolTipText: theme.text,
        ROLES.PlaceholderText: theme.muted,
        ROLES.Link: theme.link,
        ROLES.Highlight: SELECTION[theme.name],
        ROLES.HighlightedText: "#ffffff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, ROLES.Text, QColor(theme.muted))
    palette.setColor(QPalette.ColorGroup.Disabled, ROLES.WindowText, QColor(theme.muted))
    return palette


def apply(application: QApplication, name: str) -> Theme:
    theme = resolve(name)
    application.setStyle("Fusion")
    application.setPalette(palette_for(theme))
    return theme
