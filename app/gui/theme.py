"""Light, dark and high-contrast palettes for the widgets, matched to the document themes, and the
design system (app.render.design: type scale, spacing, severity styles) applied to widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from app.core.model.severity import Severity
from app.render.design import SPACE, TYPE_SCALE, TypeRole, severity_style
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
    palette.setColor(ROLES.PlaceholderText, QColor(theme.placeholder))
    for role in (ROLES.Light, ROLES.Midlight, ROLES.Mid, ROLES.Dark, ROLES.Shadow):
        palette.setColor(role, QColor(theme.control_border))
    # Disabled controls must look disabled in every theme: fainter text, a flat background.
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        ROLES.Text,
        ROLES.WindowText,
        ROLES.ButtonText,
        ROLES.PlaceholderText,
        ROLES.HighlightedText,
    ):
        palette.setColor(disabled, role, QColor(theme.disabled))
    palette.setColor(
        disabled, ROLES.Button, QColor(theme.background if theme.name != "dark" else theme.panel)
    )
    palette.setColor(disabled, ROLES.Highlight, QColor(theme.rule))
    return palette


def stylesheet_for(theme: Theme) -> str:
    """What the palette cannot say: check boxes and radio buttons visible on every background,
    a focus ring that shows, disabled buttons with a dashed edge (shape, not only colour)."""
    return f"""
QRadioButton::indicator, QCheckBox::indicator {{
    width: 14px; height: 14px; border: 2px solid {theme.control_border}; background: {theme.background};
}}
QRadioButton::indicator {{ border-radius: 9px; }}
QCheckBox::indicator {{ border-radius: 2px; }}
QRadioButton::indicator:checked {{
    background: qradialgradient(cx:0.5, cy:0.5, radius:0.5, fx:0.5, fy:0.5,
        stop:0 {theme.link}, stop:0.55 {theme.link}, stop:0.6 {theme.background}, stop:1 {theme.background});
}}
QCheckBox::indicator:checked {{ background: {theme.link}; border-color: {theme.link}; }}
QRadioButton::indicator:disabled, QCheckBox::indicator:disabled {{
    border: 2px dashed {theme.disabled};
}}
QRadioButton::indicator:focus, QCheckBox::indicator:focus {{ border-color: {theme.link}; }}
QRadioButton:focus, QCheckBox:focus {{ color: {theme.link}; }}
"""


def apply(application: QApplication, name: str) -> Theme:
    theme = resolve(name)
    application.setStyle("Fusion")
    application.setPalette(palette_for(theme))
    application.setStyleSheet(stylesheet_for(theme))
    return theme


def set_type(widget: QWidget, role: TypeRole, bold: bool = True) -> None:
    """`widget` in the type scale's `role`, relative to the application's body size, so view titles
    keep their rank when the system font is larger or smaller."""
    font = widget.font()
    font.setPointSizeF(QApplication.font().pointSizeF() * TYPE_SCALE[role])
    font.setBold(bold)
    widget.setFont(font)


def box_css(background: str, theme: Theme, padding: int = SPACE.tight) -> str:
    """A coloured box whose text keeps the theme's text colour (contrast in every theme)."""
    return f"background: {background}; color: {theme.text}; padding: {padding}px;"


def severity_css(severity: Severity, theme: Theme, padding: int = SPACE.tight) -> str:
    """An alert tier's box: the design system's colour, bold above information, a heavy left edge
    for urgent action and emergency (shape as well as colour)."""
    style = severity_style(severity, theme)
    css = box_css(style.background, theme, padding)
    if style.bold:
        css += " font-weight: bold;"
    if style.loud:
        css += f" border-left: {SPACE.small}px solid {style.text};"
    return css
