"""The licence inventory shown from About: the bundled file in a build, the dependencies from source."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.system import licences


def test_from_source_each_direct_dependency_is_listed_with_its_licence() -> None:
    text = licences.third_party_licences()
    assert "Running from source" in text
    for name in ("PySide6_Essentials", "pydantic", "cryptography", "fsrs"):
        line = next(line for line in text.splitlines() if line.lower().startswith(name.lower()))
        assert ": " in line and "not installed" not in line, line
    assert "pytest" not in text.lower()  # test tools are not part of the app


def test_a_built_app_shows_its_bundled_inventory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / licences.LICENCES_FILE).write_text("Qt 6: LGPL-3.0-only\n", encoding="utf-8")
    monkeypatch.setattr(licences, "install_root", lambda: tmp_path)
    assert licences.third_party_licences() == "Qt 6: LGPL-3.0-only\n"
