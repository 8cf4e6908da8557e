"""Where everything lives on disk, resolved in one place.

Source checkout, installed package and PyInstaller build all find resources the same way
(Dangerzone's approach). User folders follow the platform's conventions (platformdirs), with
`PROTOCOL_DESK_HOME` putting all of them under one folder (tests, kiosk set-ups) and a
`portable.txt` file beside the executable doing the same for use from a USB stick.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app import APP_ID

ENV_HOME = "PROTOCOL_DESK_HOME"
ENV_PACKS = "PROTOCOL_DESK_PACKS"
ENV_SITE_CONFIG = "PROTOCOL_DESK_SITE_CONFIG"
PORTABLE_MARKER = "portable.txt"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def install_root() -> Path:
    """The folder holding `content/` and `resources/`: the bundle when frozen, else the checkout."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parents[3]


def bundled_content_dir() -> Path:
    return install_root() / "content"


def resources_dir() -> Path:
    return install_root() / "resources"


def portable_home() -> Path | None:
    """`data/` beside the executable when a portable.txt marker sits there."""
    if not is_frozen():
        return None
    exe_dir = Path(sys.executable).resolve().parent
    return exe_dir / "data" if (exe_dir / PORTABLE_MARKER).exists() else None


@dataclass(frozen=True)
class AppPaths:
    data: Path
    cache: Path
    state: Path
    config: Path
    portable: bool = False

    @property
    def user_db(self) -> Path:
        return self.data / "user.db"

    @property
    def user_packs(self) -> Path:
        return self.data / "packs"

    @property
    def index_db(self) -> Path:
        return self.cache / "search-index.db"

    @property
    def logs(self) -> Path:
        return self.state / "logs"

    @property
    def user_config_file(self) -> Path:
        return self.config / "settings.toml"

    def ensure(self) -> AppPaths:
        for folder in (self.data, self.cache, self.state, self.config):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def _under(home: Path, portable: bool) -> AppPaths:
    return AppPaths(home / "data", home / "cache", home / "state", home / "config", portable)


def app_paths() -> AppPaths:
    """User folders for this run (not created until `ensure()`)."""
    override = os.environ.get(ENV_HOME)
    if override:
        return _under(Path(override), portable=False)
    portable = portable_home()
    if portable is not None:
        return _under(portable, portable=True)
    return AppPaths(
        data=Path(platformdirs.user_data_dir(APP_ID, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_ID, appauthor=False)),
        state=Path(platformdirs.user_state_dir(APP_ID, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_ID, appauthor=False)),
    )


def site_config_file() -> Path:
    """The site (machine-wide) configuration file that IT manages."""
    override = os.environ.get(ENV_SITE_CONFIG)
    if override:
        return Path(override)
    if sys.platform.startswith("win"):
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "Protocol Desk" / "site.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/Protocol Desk/site.toml")
    return Path("/etc/protocol-desk/site.toml")


def env_pack_folders() -> list[Path]:
    value = os.environ.get(ENV_PACKS, "")
    return [Path(part) for part in value.split(os.pathsep) if part.strip()]
