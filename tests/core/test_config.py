"""Configuration layers: defaults < site < user, site locks, malformed files reported by line."""

from __future__ import annotations

from pathlib import Path

from app.core.system.config import load_config
from app.core.system.paths import app_paths


def _write_site(tmp_path: Path, text: str) -> Path:
    site = tmp_path / "site.toml"
    site.write_text(text)
    return site


def _write_user(text: str) -> None:
    paths = app_paths().ensure()
    paths.user_config_file.write_text(text)


def test_defaults_when_no_files(tmp_path: Path) -> None:
    """Without files every value is the built-in default."""
    config = load_config(app_paths(), tmp_path / "absent.toml")
    assert config.get("checklists.retention_days") == 30
    assert {s.source for s in config.settings.values()} == {"default"}
    assert config.issues == []


def test_user_overrides_site_overrides_default(tmp_path: Path) -> None:
    """The user file wins over the site file, which wins over defaults; sources are recorded."""
    site = _write_site(tmp_path, '[display]\ntext_size = 13\ntheme = "dark"\n')
    _write_user("[display]\ntext_size = 15\n")
    config = load_config(app_paths(), site)
    assert (config.get("display.text_size"), config.settings["display.text_size"].source) == (15, "user")
    assert (config.get("display.theme"), config.settings["display.theme"].source) == ("dark", "site")


def test_site_lock_beats_user(tmp_path: Path) -> None:
    """A key locked by site policy ignores the user's value and says it is locked."""
    site = _write_site(tmp_path, '[policy]\nlocked = ["display.theme"]\n[display]\ntheme = "light"\n')
    _write_user('[display]\ntheme = "dark"\n')
    config = load_config(app_paths(), site)
    assert config.get("display.theme") == "light"
    assert config.locked("display.theme") and config.settings["display.theme"].source == "site"


def test_placeholders_merge_key_by_key(tmp_path: Path) -> None:
    """A user can fill a placeholder the site left out without losing the site's others."""
    site = _write_site(tmp_path, '[placeholders]\nclinic_name = "Riverside"\n')
    _write_user('[placeholders]\nclinic_phone = "555-0100"\n')
    config = load_config(app_paths(), site)
    assert config.get("placeholders") == {"clinic_name": "Riverside", "clinic_phone": "555-0100"}


def test_malformed_site_file_reported_with_line(tmp_path: Path) -> None:
    """Broken TOML is reported with its line, and the app runs on the defaults."""
    site = _write_site(tmp_path, "[display]\ntext_size = 12\ntheme = dark\n")
    config = load_config(app_paths(), site)
    assert config.issues[0].line == 3 and "not valid TOML" in config.issues[0].message
    assert config.get("display.text_size") == 11


def test_invalid_values_ignored_valid_ones_kept(tmp_path: Path) -> None:
    """A wrong value is reported with its line and ignored; the valid keys of the file apply."""
    site = _write_site(tmp_path, '[display]\ntext_size = "huge"\ntheme = "dark"\n[nonsense]\nkey = 1\n')
    config = load_config(app_paths(), site)
    messages = {issue.line: issue.message for issue in config.issues}
    assert "whole number" in messages[2] and "unknown setting" in messages[5]
    assert config.get("display.theme") == "dark" and config.get("display.text_size") == 11
