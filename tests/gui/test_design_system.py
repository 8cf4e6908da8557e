"""Widgets take the design system's values: alert colours and words, and heading sizes at every zoom."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.system.config import TEXT_SIZE_MAX, TEXT_SIZE_MIN
from app.render.design import severity_style
from app.render.theme import THEMES
from tests.gui.conftest import WindowFactory
from tests.gui.test_checklist_run import FakeClock, _start, _type
from tests.gui.test_reader_layout import _heading_and_body_sizes


@pytest.mark.parametrize("name", sorted(THEMES))
def test_checklist_alerts_take_colour_and_word_from_the_design_system(
    qtbot: QtBot, make_window: WindowFactory, name: str
) -> None:
    """The item marker and the summary line of each alert show the tier's icon and word and its
    background from app.render.design, in every theme."""
    window = make_window()
    window._save("display.theme", name)
    window.apply_theme()
    view = _start(window, FakeClock())
    assert view.theme.name == name
    _type(qtbot, view, "pre-dose", "pre-sbp", "152")
    _type(qtbot, view, "bp-40-min", "spo2-40", "91")
    alerts = view.run.alerts()
    assert len({a.severity for a in alerts}) >= 2
    lines = {label.text(): label for label in view.summary.lines}
    for alert in alerts:
        style = severity_style(alert.severity, THEMES[name])
        marker = view.row(alert.timepoint_id, alert.item_id).alert
        assert marker.text().startswith(style.label)
        assert f"background: {style.background}" in marker.styleSheet()
        word = style.label.upper() if style.loud else style.label
        line = next(label for text, label in lines.items() if text.startswith(word) and alert.action in text)
        assert f"background: {style.background}" in line.styleSheet()
        assert ("border-left" in line.styleSheet()) == style.loud


def test_reader_headings_stay_above_body_at_every_zoom_step(make_window: WindowFactory) -> None:
    """From the smallest to the largest text size, section headings stay larger than body text."""
    window = make_window()
    window.open_document("esketamine-trd", "", "")
    for size in range(TEXT_SIZE_MIN, TEXT_SIZE_MAX + 1):
        window.set_text_size(size)
        heading, body = _heading_and_body_sizes(window)
        assert heading > body, (size, heading, body)


GUI = Path(__file__).resolve().parents[2] / "app" / "gui"
LOOSE_NUMBERS = re.compile(
    r"font-size:\s*\d|padding:\s*\d|setContentsMargins\([^)]*[1-9]|setSpacing\([1-9]"
    r"|setPointSizeF\([^)]*\*\s*\d"
)
"""A type size, a padding or a margin written as a number in a view, instead of taken from
app.render.design (0 margins are fine: they say "no margin", not a size)."""


def test_views_take_sizes_and_spacing_from_the_design_system() -> None:
    """No view invents its own type size or spacing step; they live in app/render/design.py."""
    offenders = [
        f"{path.relative_to(GUI)}:{number}: {line.strip()}"
        for path in sorted(GUI.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if LOOSE_NUMBERS.search(line)
    ]
    assert offenders == []
