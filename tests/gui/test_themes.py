"""Themes that hold up: readable text (WCAG AA, high contrast AAA), disabled controls that look
disabled, and a theme switch that restyles what is open."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from app.gui.features.calc.view import CalculatorView
from app.gui.features.runs.feature import ChecklistRuns
from app.gui.theme import palette_for
from app.render.theme import THEMES
from tests.gui.conftest import WindowFactory
from tests.gui.test_checklist_run import START, FakeClock, _start

ROLES = QPalette.ColorRole
TEXT_PAIRS = [
    (ROLES.WindowText, ROLES.Window),
    (ROLES.Text, ROLES.Base),
    (ROLES.ButtonText, ROLES.Button),
    (ROLES.HighlightedText, ROLES.Highlight),
    (ROLES.PlaceholderText, ROLES.Base),
    (ROLES.Link, ROLES.Base),
    (ROLES.ToolTipText, ROLES.ToolTipBase),
]
MINIMUM = {"light": 4.5, "dark": 4.5, "high-contrast": 7.0}
"""WCAG 2.2: AA asks 4.5:1 for body text, AAA 7:1; high contrast must meet AAA."""


def contrast(a: QColor, b: QColor) -> float:
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        r, g, b_ = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_text_meets_wcag_contrast(name: str) -> None:
    """Every text role on its background meets AA in light and dark and AAA in high contrast."""
    palette = palette_for(THEMES[name])
    for text, background in TEXT_PAIRS:
        ratio = contrast(palette.color(text), palette.color(background))
        assert ratio >= MINIMUM[name], (name, text, background, round(ratio, 2))


@pytest.mark.parametrize("name", sorted(THEMES))
def test_disabled_controls_look_disabled(name: str) -> None:
    """Disabled text, button text and placeholders differ from their enabled colours in every theme."""
    palette = palette_for(THEMES[name])
    for role in (ROLES.ButtonText, ROLES.Text, ROLES.WindowText):
        enabled = palette.color(QPalette.ColorGroup.Active, role)
        disabled = palette.color(QPalette.ColorGroup.Disabled, role)
        assert enabled != disabled, (name, role)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_placeholder_is_not_the_text_colour(name: str) -> None:
    """An empty field's hint ("60-260 mmHg") never looks like an entered value."""
    palette = palette_for(THEMES[name])
    assert palette.color(ROLES.PlaceholderText) != palette.color(ROLES.Text)


def test_theme_switch_restyles_an_open_run_and_calculator(make_window: WindowFactory) -> None:
    """Switching to dark with a run open rebuilds it in dark; entries stay; the calculator follows."""
    window = make_window()
    clock = FakeClock()
    clock.now = START
    view = _start(window, clock)
    run_id = view.run.info.id
    window._save("display.theme", "dark")
    window.apply_theme()
    feature = window.findChild(ChecklistRuns)
    assert feature.view is not None and feature.view is not view
    assert feature.view.theme.name == "dark" and feature.view.run.info.id == run_id
    calculator = window.findChild(CalculatorView)
    assert calculator is not None and calculator.theme.name == "dark"
    window._save("display.theme", "high-contrast")
    window.apply_theme()
    assert feature.view.theme.name == "high-contrast"
