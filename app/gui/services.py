"""What the window works with: paths, configuration, user data and, once loaded, the content."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.core.packs.loaded import PackSet
from app.core.system.config import Config, load_config, site_placeholders
from app.core.system.paths import AppPaths, app_paths
from app.core.userdata.appstate import AppState
from app.core.userdata.bookmarks import Bookmarks, History
from app.core.userdata.db import UserDb


@dataclass
class Services:
    paths: AppPaths
    config: Config
    db: UserDb
    extra_pack_folders: list[Path] = field(default_factory=list)
    packs: PackSet = field(default_factory=PackSet)

    @property
    def bookmarks(self) -> Bookmarks:
        return Bookmarks(self.db)

    @property
    def history(self) -> History:
        return History(self.db)

    @property
    def state(self) -> AppState:
        return AppState(self.db)

    def pack_folders(self) -> list[Path]:
        """Folders given on the command line; configured ones are added by the loader's policy."""
        return list(self.extra_pack_folders)

    def reload_config(self) -> None:
        self.config = load_config(self.paths)

    def placeholders(self) -> dict[str, str]:
        return site_placeholders(self.config)

    def close(self) -> None:
        self.db.close()


def open_services(extra_pack_folders: list[Path] | None = None) -> Services:
    paths = app_paths().ensure()
    return Services(paths, load_config(paths), UserDb.open(paths.user_db), list(extra_pack_folders or []))
