"""The design system: one type scale whose headings stay above body text at every zoom step, and one
source for severity colours, icons and words, used by the rendered documents."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.core.model.severity import SEVERITY_ICONS, SEVERITY_WORDS, Severity
from app.core.packs.roots import default_roots, load_packs
from app.core.system.config import TEXT_SIZE_MAX, TEXT_SIZE_MIN
from app.render.design import HEADINGS, TYPE_SCALE, severity_style, type_size
from app.render.html import document_html
from app.render.theme import THEMES

STEPS = [TEXT_SIZE_MIN + step * 0.5 for step in range(int((TEXT_SIZE_MAX - TEXT_SIZE_MIN) * 2) + 1)]
"""Every text size the zoom keys and the settings box can reach, and the half points between."""


def _css_sizes(html: str) -> dict[str, float]:
    """`selector -> pt` from the document's style block."""
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    return {
        match[1].strip(): float(match[2])
        for match in re.finditer(r"([^{}]+)\{[^}]*?font-size:\s*([\d.]+)pt", style)
    }


@pytest.mark.parametrize("base", STEPS)
def test_headings_stay_above_body_at_every_text_size(base: float) -> None:
    """Each heading level is larger than the next and than body text, whatever the body size."""
    sizes = [type_size(role, base) for role in HEADINGS]
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == len(sizes)
    assert min(sizes) > type_size("body", base) > type_size("small", base)


@pytest.mark.parametrize("base", [TEXT_SIZE_MIN, 11, 17, TEXT_SIZE_MAX])
def test_rendered_document_headings_follow_the_scale(base: float) -> None:
    """The document HTML takes its sizes from the scale: h1 > h2 > h3 > body at any zoom."""
    packs = load_packs(default_roots())
    pack, doc = next(iter(packs.documents()))
    sizes = _css_sizes(document_html(pack, doc, base_pt=base))
    assert sizes["h1"] == type_size("title", base) and sizes["h2"] == type_size("heading", base)
    assert sizes["h1"] > sizes["h2"] > sizes["h3"] > sizes["body"] == base


def test_type_scale_has_no_heading_below_body() -> None:
    assert all(TYPE_SCALE[role] > TYPE_SCALE["body"] for role in HEADINGS)


@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("severity", list(Severity))
def test_severity_style_carries_icon_word_and_a_theme_colour(severity: Severity, theme: str) -> None:
    """Every tier has its icon and word (never colour alone) and a background from the theme."""
    style = severity_style(severity, THEMES[theme])
    assert style.label == f"{SEVERITY_ICONS[severity]} {SEVERITY_WORDS[severity]}"
    assert style.background in THEMES[theme].as_dict().values() and style.text == THEMES[theme].text
    assert style.loud == (severity in {Severity.URGENT, Severity.EMERGENCY})


def test_run_record_alert_cells_use_the_design_colours(tmp_path: Path) -> None:
    """The chart copy of a run colours its alert cells with the design system's severity background."""
    from app.core.model import Checklist
    from app.core.runs.store import RunStore
    from app.core.userdata.db import UserDb
    from app.render.runs import run_html

    found = load_packs(default_roots()).find("esketamine-session-monitoring")
    assert found is not None and isinstance(found[1], Checklist)
    pack, checklist = found
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    db = UserDb.open(tmp_path / "user.db")
    store = RunStore(db, clock=lambda: start)
    run_id = store.start(pack.id, pack.manifest.version, checklist, "Chair 2", start)
    store.record(run_id, "bp-40-min", "spo2-40", "91")
    store.record(run_id, "pre-dose", "pre-sbp", "152")
    run = store.load(run_id)
    db.close()
    assert run is not None
    theme = THEMES["dark"]
    alerts = run.alerts()
    assert alerts
    html = run_html(run, theme)
    for alert in alerts:
        assert f'bgcolor="{severity_style(alert.severity, theme).background}"' in html
