"""The window's search results show the site's placeholder values in snippets (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.conftest import WindowFactory


def test_result_snippets_show_site_values(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site.toml"
    site.write_text('[placeholders]\nfasting_hours = "7"\nclinic_name = "Riverside Clinic"\n')
    monkeypatch.setenv("PROTOCOL_DESK_SITE_CONFIG", str(site))
    window = make_window()
    window.search.kind.setCurrentIndex(3)  # Patient instructions
    window.search.field.setFocus()
    qtbot.keyClicks(window.search.field, "fasting before my infusion")
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0, timeout=10000)
    snippets = " ".join(hit.snippet_html for hit in window.search.model.hits)
    assert "Do not eat for 7 hours" in snippets.replace("<b>", "").replace("</b>", "")
    assert "Riverside Clinic" in snippets and "{{" not in snippets and "[fasting hours]" not in snippets
