"""The desktop entry that menus and docks use, and the example site file the installers ship."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

from app import APP_ID
from app.core.system.config import load_config
from app.core.system.paths import AppPaths

REPO = Path(__file__).resolve().parents[2]
ENTRY = REPO / "resources" / f"{APP_ID}.desktop"
# freedesktop.org menu specification: an entry should name exactly one of these.
MAIN_CATEGORIES = {
    *("AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics"),
    *("Network", "Office", "Science", "Settings", "System", "Utility"),
}


def _entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(ENTRY, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_one_main_category_a_known_version_and_the_window_class() -> None:
    entry = _entry()
    categories = [c for c in entry["Categories"].split(";") if c]
    assert len(MAIN_CATEGORIES.intersection(categories)) == 1, categories
    assert entry["Version"] in {"1.0", "1.1", "1.2", "1.3", "1.4"}
    # app/gui/app.py makes the X11 WM_CLASS instance the app id, whichever executable started it
    assert entry["StartupWMClass"] == APP_ID
    assert entry["Exec"] == f"{APP_ID}-gui" and entry["Icon"] == APP_ID


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validate_accepts_it() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(ENTRY)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_the_example_site_file_is_inert_and_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed as /etc/protocol-desk/site.toml: no setting changes until IT edits it, no problems."""
    monkeypatch.setenv("PROTOCOL_DESK_SITE_CONFIG", str(REPO / "packaging" / "site.toml"))
    paths = AppPaths(tmp_path / "d", tmp_path / "c", tmp_path / "s", tmp_path / "cfg")
    config = load_config(paths)
    assert not config.issues
    assert all(setting.source == "default" for setting in config.settings.values())
